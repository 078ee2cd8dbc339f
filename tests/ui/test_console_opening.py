"""Running a meeting from the main window: the console opens on the register read at start-up (no
second read of it), with the quorum counted from it, and the backup before the meeting made whole."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import AssociationFile
from app.store import inspect
from tests.ui.screens import loaded_window

WHOLE_REGISTER = 'SELECT * FROM "members" WHERE 1'


def test_run_this_meeting_opens_the_console_without_reading_the_register_again(qtbot, demo_path):
    with AssociationFile.open(demo_path) as book:
        meeting = book.meetings.plan_meeting("general", date.today(), "19:00", "Community hall")
    window = _loaded_window(qtbot, demo_path)
    book = window.session.book
    assert window.meetings_page.chosen().id == meeting.id
    reads: list[str] = []
    book.store.conn.set_trace_callback(lambda sql: reads.append(sql) if sql.startswith(WHOLE_REGISTER) else None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Run this meeting
    qtbot.waitUntil(lambda: window.console is not None and window.console.isVisible())
    console = window.console
    qtbot.waitExposed(console)
    book.store.conn.set_trace_callback(None)
    assert reads == []  # the register read as the window opened served the door, the quorum and the console
    state = book.door.quorum(meeting.id)
    assert console.quorum.text().endswith(state.sentence)
    assert state.member_count > 0 and not state.quorate
    assert console.checkin.results_model.rowCount() == len(book.register.members())
    assert book.meetings.meeting(meeting.id).status == "open"
    [backup] = [b for b in book.backups() if b.what.startswith("before the meeting")]
    assert inspect(backup.path).members == len(book.register.members())  # a whole, healthy copy
    console.close()
    window.session.close()


def _loaded_window(qtbot, path):
    window = loaded_window(qtbot, path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def test_ctrl_r_runs_the_meeting_chosen_in_the_list(qtbot, demo_path):
    with AssociationFile.open(demo_path) as book:
        meeting = book.meetings.plan_meeting("general", date.today(), "19:00", "Community hall")
    window = _loaded_window(qtbot, demo_path)
    window.meetings_page.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.meetings_page.table)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.console is not None and window.console.isVisible())
    assert window.console.meeting.id == meeting.id
    assert window.session.book.meetings.meeting(meeting.id).status == "open"
    window.console.close()
    window.session.close()


def test_no_shortcut_is_used_twice_in_the_main_window(qtbot, demo_path):
    from PySide6.QtGui import QAction, QShortcut

    window = _loaded_window(qtbot, demo_path)
    keys = [key.toString() for action in window.findChildren(QAction) for key in action.shortcuts()]
    keys += [shortcut.key().toString() for shortcut in window.findChildren(QShortcut)]
    assert "Ctrl+R" in keys
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []
    window.session.close()
