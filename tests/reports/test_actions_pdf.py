"""The action list: open actions by person, overdue ones said in words, then what was done."""

from __future__ import annotations

from datetime import date

import pytest

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


def test_owners_are_grouped_by_surname(actions_text):
    owners = [
        "Zoë Docherty (1 action)",
        "Fiona Grant (1 action)",
        "Siobhán MacLeod (1 action)",
        "Łukasz Nowak (1 action)",
    ]
    positions = [actions_text.index(owner) for owner in owners]
    assert positions == sorted(positions)


def test_overdue_is_said_in_words(actions_text):
    hall = actions_text[actions_text.index("Book the hall for the AGM") :]
    assert hall.startswith(
        "Book the hall for the AGM Committee Meeting, 13 October 2026 1 November 2026 Overdue"
    )
    assert actions_text.count("Overdue") == 1


def test_due_dates_and_meetings(actions_text):
    assert (
        "Write to the housing association about the lift General Meeting, 24 November 2026 12 January 2027"
        in (actions_text)
    )


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
