"""The console built ahead of time, while the chair looks over the main window (ui/console/ahead.py).

"Run this meeting" then only gives it its meeting: no widget built, nobody judged for the quorum. Each
console runs one meeting; the next (another meeting, or the same one reopened) is a new console with
the state on disk, never what the last one held.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core import voting
from app.services import AssociationFile
from tests.ui.screens import loaded_window
from ui.console.ahead import ConsoleAhead

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def judged(monkeypatch) -> list[str]:
    """Members judged by app.core.voting (whether each may vote) as the quorum is counted."""
    seen: list[str] = []
    judge = voting.why_not_voting
    monkeypatch.setattr(voting, "why_not_voting", lambda member, on, rules: seen.append(member.id) or
                        judge(member, on, rules))
    return seen


@pytest.fixture
def two_meetings(demo_path) -> tuple[str, str]:
    """Two meetings planned for today: the first in the list is chosen when the window opens."""
    with AssociationFile.open(demo_path) as book:
        first = book.meetings.plan_meeting("general", date.today(), "19:00", "Community hall")
        second = book.meetings.plan_meeting("committee", date.today(), "21:00", "Back room")
    return first.id, second.id


@pytest.fixture
def window(qtbot, demo_path, two_meetings, monkeypatch):
    monkeypatch.setattr(ConsoleAhead, "AFTER_MS", 0)
    window = loaded_window(qtbot, demo_path)
    with qtbot.waitSignal(window.console_ahead.ready, timeout=20000):
        pass
    yield window
    if window.console is not None:
        window.console.close()
    window.session.close()


def at_main_window(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is window)
    return QApplication.focusWidget()


def run_chosen(qtbot, window, meeting_id: str):
    """Choose the meeting in the list and press Ctrl+R, as a chair does."""
    page = window.meetings_page
    page.table.selectRow(next(r for r in range(page.model.rowCount()) if page.model.meeting_at(r).id == meeting_id))
    page.table.setFocus()
    qtbot.keyClick(at_main_window(qtbot, window), Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: window.console is not None and window.console.isVisible())
    console = window.console
    qtbot.waitExposed(console)
    console.windowHandle().requestActivate()
    qtbot.waitUntil(console.isActiveWindow, timeout=2000)
    return console


def check_in(qtbot, name: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), name)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_run_this_meeting_gives_the_console_built_ahead_its_meeting(qtbot, window, two_meetings, judged):
    first, _ = two_meetings
    ahead = window.console_ahead.console
    assert ahead is not None and not ahead.isVisible() and ahead.meeting is None
    console = run_chosen(qtbot, window, first)
    book = window.session.book
    assert console is ahead
    assert judged == []  # the quorum of the meeting chosen was counted ahead, and kept
    assert console.meeting.id == first and console.windowTitle().startswith("General Meeting, ")
    assert console.quorum.text().endswith(book.door.quorum(first).sentence)
    assert console.checkin.results_model.rowCount() == len(book.register.members())
    assert QApplication.focusWidget() is console.checkin.search
    member = book.register.members()[0]
    check_in(qtbot, member.name)  # the first check-in, by keyboard, straight after opening
    assert book.door.present_ids(first) == {member.id}
    assert console.checkin.here_label.text().startswith("1 member here")
    assert book.door.quorum(first).present == 1 and console.quorum.text().endswith(book.door.quorum(first).sentence)


def test_another_meeting_or_the_same_reopened_gets_a_new_console_with_what_is_on_disk(qtbot, window, two_meetings):
    first, second = two_meetings
    book = window.session.book
    console = run_chosen(qtbot, window, first)
    someone, other = book.register.members()[:2]
    check_in(qtbot, someone.name)
    qtbot.keyClicks(QApplication.focusWidget(), other.name)  # typed, not checked in
    assert console.undo_stack.count() == 1
    console.close()
    at_main_window(qtbot, window)  # back at the main window: the next console is built ahead
    qtbot.waitUntil(lambda: window.console_ahead.console is not None, timeout=20000)
    next_one = window.console_ahead.console
    assert next_one is not console and next_one.meeting is None

    again = run_chosen(qtbot, window, first)  # the same meeting reopened
    assert again is next_one
    assert again.undo_stack.count() == 0 and again.checkin.search.text() == ""
    assert again.checkin.here_label.text().startswith("1 member here")
    again.close()
    at_main_window(qtbot, window)
    qtbot.waitUntil(lambda: window.console_ahead.console is not None, timeout=20000)

    other_meeting = run_chosen(qtbot, window, second)
    assert other_meeting not in (console, again)
    assert other_meeting.meeting.id == second and other_meeting.windowTitle().startswith("Committee Meeting, ")
    assert other_meeting.checkin.here_label.text().startswith("0 members here")
    assert other_meeting.quorum.text().endswith(book.door.quorum(second).sentence)
    check_in(qtbot, other.name)
    assert book.door.present_ids(second) == {other.id} and book.door.present_ids(first) == {someone.id}


def test_a_console_runs_one_meeting(qtbot, window, two_meetings):
    first, second = two_meetings
    console = run_chosen(qtbot, window, first)
    with pytest.raises(RuntimeError):
        console.show_meeting(second)
    assert console.meeting.id == first


def test_without_a_console_built_ahead_run_this_meeting_builds_one(qtbot, window, two_meetings):
    first, _ = two_meetings
    window.console_ahead.take().deleteLater()  # as when the chair is quicker than the idle time
    console = run_chosen(qtbot, window, first)
    assert console.meeting.id == first
    assert console.quorum.text().endswith(window.session.book.door.quorum(first).sentence)


def test_opening_another_association_never_uses_a_console_built_for_the_last(qtbot, window, demo_path):
    ahead = window.console_ahead
    built = ahead.console
    window.session.close()
    assert ahead.take() is None
    assert built is not None
