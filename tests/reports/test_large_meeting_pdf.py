"""The biggest AGM a chair could have still prints, split sensibly over many pages."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.reports import actions_pdf, agenda_pdf, minutes_pdf

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered(large_agm, tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    normal, large = folder / "agm.pdf", folder / "agm-large.pdf"
    minutes_pdf(large_agm, normal)
    minutes_pdf(large_agm, large, large_print=True)
    return normal, large


def test_renders_many_pages(rendered, pages):
    texts = pages(rendered[0])
    assert len(texts) >= 10
    for number, page in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in page
        assert "DRAFT" in page


def test_long_attendance_moves_to_an_appendix_whose_header_repeats(rendered, pages):
    texts = pages(rendered[0])
    assert "Present: 500 members, including Ailsa Ó Dónaill-0 (Chair); all are listed by surname" in texts[0]
    appendix_pages = [page for page in texts if "Members present, by surname (500)" in page]
    assert len(appendix_pages) >= 3


def test_everything_is_there(rendered, text):
    words = text(rendered[0])
    assert "40. Item 40: report on block 40" in words
    assert words.count("Carried: 300 for, 150 against, 50 abstentions.") == 30
    assert words.count("Action: Follow up point") == 100


def test_large_print_makes_more_pages(rendered, pages):
    assert len(pages(rendered[1])) > len(pages(rendered[0]))


def test_large_agenda_and_action_list(large_agm, tmp_path, pages):
    agenda, actions = tmp_path / "agenda.pdf", tmp_path / "actions.pdf"
    agenda_pdf(large_agm, agenda)
    meetings = {large_agm.meeting.id: large_agm.meeting}
    actions_pdf(
        large_agm.association,
        large_agm.actions,
        meetings,
        large_agm.members,
        date(2027, 1, 10),
        None,
        actions,
    )
    agenda_pages, action_pages = pages(agenda), pages(actions)
    assert len(agenda_pages) >= 2 and all("Item Led by Time" in page for page in agenda_pages)
    assert "100 open actions, 36 of them overdue." in action_pages[0]


def test_no_heading_is_left_alone_at_the_foot_of_a_page(rendered, pages):
    for path in rendered:
        for page in pages(path):
            body = page[: page.rindex("Page ")].rstrip()
            assert not re.search(r"\d+\. Item \d+: report on block \d+$", body), body[-80:]
