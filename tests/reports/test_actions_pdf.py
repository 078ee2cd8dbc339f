"""The action list: open actions by person, overdue ones said in words, then what was done."""

from __future__ import annotations

from datetime import date

import pytest

from app.model import Action
from app.reports import actions_pdf

TODAY = date(2026, 11, 25)


@pytest.fixture
def actions_text(action_book, tmp_path, text) -> str:
    association, actions, meetings, members = action_book
    path = tmp_path / "actions.pdf"
    actions_pdf(association, actions, meetings, members, TODAY, date(2026, 10, 13), path)
    return text(path)


def test_summary_and_date(actions_text):
    assert "Action list" in actions_text
    assert "As at 25 November 2026." in actions_text
    assert "4 open actions, 1 of them overdue." in actions_text


def test_owners_are_grouped_by_surname_one_line_each_for_a_single_action(actions_text):
    owners = ["Zoë Docherty:", "Fiona Grant:", "Siobhán MacLeod:", "Łukasz Nowak:"]
    positions = [actions_text.index(owner) for owner in owners]
    assert positions == sorted(positions)
    assert "(1 action)" not in actions_text  # no heading and table for one action


def test_overdue_is_said_in_words(actions_text):
    hall = actions_text[actions_text.index("Book the hall for the AGM") :]
    assert hall.startswith(
        "Book the hall for the AGM. Agreed at Committee Meeting, 13 October 2026; due 1 November 2026, overdue"
    )
    assert actions_text.count("overdue") == 2  # "1 of them overdue" in the summary, and the action


def test_due_dates_and_meetings(actions_text):
    assert (
        "Write to the housing association about the lift. Agreed at General Meeting, 24 November 2026; "
        "due 12 January 2027." in actions_text
    )


def test_an_owner_with_several_actions_gets_a_table(action_book, tmp_path, text):
    association, actions, meetings, members = action_book
    more = Action("c1", "Post the AGM notice", owner_member_id="m-zoe", owner_name="Zoë Docherty",
                  due=date(2026, 11, 10), id="a9")
    path = tmp_path / "actions.pdf"
    actions_pdf(association, [*actions, more], meetings, members, TODAY, None, path)
    words = text(path)
    assert "Zoë Docherty (2 actions) Action Agreed at Due" in words


def test_for_a_meeting_it_lists_what_that_meeting_agreed_and_everything_still_open(action_book, tmp_path, text):
    association, actions, meetings, members = action_book
    done_here = Action("g1", "Thank the caretaker", owner_name="Craig Lennox", status="done",
                       completed=date(2026, 11, 24), id="a10")
    by_meeting = {}
    for meeting_id in ("g1", "c1"):
        path = tmp_path / f"{meeting_id}.pdf"
        actions_pdf(association, [*actions, done_here], meetings, members, TODAY, None, path,
                    meeting=meetings[meeting_id])
        by_meeting[meeting_id] = text(path)
    general, committee = by_meeting["g1"], by_meeting["c1"]
    assert "Action list: General Meeting, 24 November 2026" in general
    assert "3 actions agreed at the General Meeting on 24 November 2026, and every action still open." in general
    assert "Thank the caretaker. Agreed at this meeting; no date set; done." in general
    assert "Write to the housing association about the lift. Agreed at this meeting" in general
    assert "Book the hall for the AGM. Agreed at Committee Meeting, 13 October 2026" in general
    assert "Action list: Committee Meeting, 13 October 2026" in committee
    assert "Thank the caretaker" not in committee  # done, and agreed elsewhere
    assert "Book the hall for the AGM. Agreed at this meeting" in committee
    assert general != committee


def test_completed_since_lists_only_recent_work(actions_text):
    done = actions_text[actions_text.index("Completed since 13 October 2026") :]
    assert "Order new bins Seán Ó Dónaill 2 November 2026" in done
    assert "Renew the insurance" not in actions_text


def test_without_since_there_is_no_completed_section(action_book, tmp_path, text):
    association, actions, meetings, members = action_book
    path = tmp_path / "open-only.pdf"
    actions_pdf(association, actions, meetings, members, TODAY, None, path)
    assert "Completed" not in text(path)


def test_no_open_actions(action_book, tmp_path, text):
    association, _, meetings, members = action_book
    path = tmp_path / "empty.pdf"
    actions_pdf(association, [], meetings, members, TODAY, TODAY, path)
    words = text(path)
    assert "There are no open actions." in words
    assert "No actions have been completed since then." in words
