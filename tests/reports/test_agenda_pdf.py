"""The agenda, and the notice an AGM needs under the constitution."""

from __future__ import annotations

from dataclasses import replace

from app.model import ConstitutionRules
from app.reports import agenda_pdf


def test_agm_notice(agm, tmp_path, text):
    path = tmp_path / "agenda.pdf"
    agenda_pdf(agm, path)
    words = text(path)
    assert (
        "Notice is hereby given that the Annual General Meeting of Wellhouse and District Tenants' and "
        "Residents' Association will be held on Tuesday 24 November 2026 at 19:00 in Wellhouse Community "
        "Centre, 2 Wellhouse Road. At least 14 days' notice has been given as the constitution requires."
    ) in words
    assert "Zoë Docherty, Secretary, on behalf of the Committee" in words


def test_notice_days_follow_the_constitution(agm, tmp_path, text):
    association = replace(agm.association, rules=ConstitutionRules(agm_notice_days=21))
    path = tmp_path / "agenda.pdf"
    agenda_pdf(replace(agm, association=association), path)
    assert "At least 21 days' notice has been given" in text(path)


def test_items_with_presenters_and_times(agm, tmp_path, text):
    path = tmp_path / "agenda.pdf"
    agenda_pdf(agm, path)
    words = text(path)
    assert "Date: Tuesday 24 November 2026 Time: 19:00 Venue: Wellhouse Community Centre" in words
    assert "4. Treasurer's report and accounts Seán Ó Dónaill 15 min" in words
    assert "Motion: That clause 4 be changed" in words
    assert "Elections: Chair, Treasurer and Committee members (3 places)" in words
    assert "expected to take about 1 hour 35 minutes, finishing by about 20:35." in words


def test_general_meeting_has_no_formal_notice(general_meeting, tmp_path, text):
    path = tmp_path / "agenda.pdf"
    agenda_pdf(general_meeting, path)
    words = text(path)
    assert "Notice is hereby given" not in words
    assert "Agenda: General Meeting" in words
    assert "1. Welcome and apologies" in words
    assert "Led by" not in words  # no presenters set, so no empty column


def test_agenda_is_never_marked_draft(agm, tmp_path, text):
    path = tmp_path / "agenda.pdf"
    agenda_pdf(agm, path)
    assert "DRAFT" not in text(path)
