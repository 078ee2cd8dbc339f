"""Large print means every word on the page, the running header, footer and captions included."""

from __future__ import annotations

import pytest

from app.reports import agenda_pdf, ballots_pdf, minutes_pdf
from tests.conftest import DEMO_DAY
from tests.reports.conftest import text_runs

LARGE = 16.0


def small_words(path) -> list[str]:
    return [f"page {run.page}: {run.text.strip()!r} at {run.size:.1f} pt" for run in text_runs(path)
            if run.size < LARGE - 0.01]


def test_every_word_of_the_large_print_minutes_and_agenda_is_16_point(agm, approved_meeting, tmp_path):
    for name, make in (("agm", lambda out: minutes_pdf(agm, out, large_print=True)),
                       ("approved", lambda out: minutes_pdf(approved_meeting, out, large_print=True)),
                       ("agenda", lambda out: agenda_pdf(agm, out, large_print=True))):
        path = tmp_path / f"{name}.pdf"
        make(path)
        assert small_words(path) == [], name


def test_large_print_ballot_slips(agm, tmp_path):
    election = agm.elections[2]
    path = tmp_path / "ballots.pdf"
    ballots_pdf(agm.association, agm.meeting, election,
                [c for c in agm.candidates if c.election_id == election.id], 4, path, large_print=True)
    assert small_words(path) == []


@pytest.mark.parametrize("document", ["minutes", "agenda", "actions", "signin", "ballots", "pack"])
def test_every_demo_document_in_large_print(demo, tmp_path, document):
    path = tmp_path / f"{document}.pdf"
    agm = next(m for m in demo.meetings.meetings() if m.kind == "annual general")
    if document == "pack":
        demo.documents.print_pack(DEMO_DAY.year, path, large_print=True, today=DEMO_DAY)
    elif document == "ballots":
        demo.documents.print_document("ballots", agm.id, path, large_print=True, today=DEMO_DAY)
    else:
        meeting = agm if document in ("minutes", "actions") else demo.meetings.find_meeting("next", DEMO_DAY)
        demo.documents.print_document(document, meeting.id, path, large_print=True, today=DEMO_DAY)
    assert text_runs(path), "the check read no words at all"
    assert small_words(path) == []
