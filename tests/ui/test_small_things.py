"""The evening's smaller problems, each pressed as a chair would (issue 16, point 9)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app import model
from app.services import AssociationFile
from ui.main_window import MainWindow
from ui.meeting_dialog import PlanMeetingDialog
from ui.session import Session

TODAY = date(2026, 11, 29)
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def session(tmp_path):
    book = AssociationFile.create(tmp_path / "small.quorum", model.Association("Small Things TRA"))
    book.register.add_member(model.Member("Jean", "Armour", "1/1 Saracen Street", joined=date(2020, 1, 1)))
    opened = Session(book)
    yield opened
    opened.close()


def activated(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    return window


def test_the_plan_dialog_takes_a_typed_date_without_fuss(qtbot, session):
    dialog = activated(qtbot, PlanMeetingDialog(session, TODAY))
    qtbot.addWidget(dialog)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, ALT)
    assert QApplication.focusWidget() in (dialog.date, *dialog.date.findChildren(object))
    qtbot.keyClicks(QApplication.focusWidget(), "29122026")  # as on the notice: 29/12/2026
    assert dialog.chosen_date() == date(2026, 12, 29)
    assert dialog.day_name.text() == "Tuesday 29 December 2026"


def test_one_meeting_is_one_meeting_and_notice_for_tomorrow_says_so(qtbot, session):
    book = session.book
    book.meetings.plan_meeting("general", TODAY + timedelta(days=1), "19:00", "Hall")
    window = MainWindow(session, TODAY)
    qtbot.addWidget(window)
    assert "1 member · 1 meeting · 0 open actions" in window.summary.text()
    meeting = book.meetings.meetings()[0]
    assert book.meetings.notice_warning(meeting, TODAY) == ("The constitution needs 7 days' notice for this meeting, "
                                                   "but it is tomorrow.")


def run_pressed(qtbot, window) -> QMessageBox | None:
    page = window.meetings_page
    if not window.isActiveWindow():  # offscreen, no window manager gives it back after a question
        window.windowHandle().requestActivate()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    page.table.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, ALT)

    def found():
        return [w for w in page.findChildren(QMessageBox, "RunQuestion") if w.isVisible()]
    qtbot.waitUntil(lambda: bool(found()) or window.console is not None, timeout=2000)  # Alt clicks after a moment
    return found()[0] if found() else None


def test_run_on_a_meeting_planned_for_another_day_asks_first(qtbot, session):
    book = session.book
    planned = book.meetings.plan_meeting("general", date(2026, 12, 13), "19:00", "Hall")
    window = activated(qtbot, MainWindow(session, TODAY))
    qtbot.addWidget(window)
    box = run_pressed(qtbot, window)
    assert box is not None and "planned for Sunday 13 December 2026, not today (Sunday 29 November 2026)" in box.text()
    next(b for b in box.buttons() if b.text() == "Cancel").click()
    assert book.meetings.meeting(planned.id).status == "draft" and window.console is None
    box = run_pressed(qtbot, window)
    next(b for b in box.buttons() if b.text() == "Start it &now").click()
    assert book.meetings.meeting(planned.id).status == "open" and window.console is not None
    window.console.close()


def test_run_on_a_held_meeting_says_why_not(qtbot, session):
    book = session.book
    held = book.meetings.plan_meeting("general", date(2026, 11, 1), "19:00", "Hall")
    book.meetings.open_meeting(held.id, backup=False)
    book.meetings.close_meeting(held.id, backup=False)
    window = activated(qtbot, MainWindow(session, TODAY))
    qtbot.addWidget(window)
    box = run_pressed(qtbot, window)
    assert box is not None and box.text().startswith("The General Meeting of Sunday 1 November 2026 has been held")
    assert window.console is None


def test_a_column_dragged_to_a_sliver_is_not_kept_after_a_restart(qtbot, session):
    from ui.members_page import MembersPage

    page = MembersPage(session)
    qtbot.addWidget(page)
    page.show()
    header = page.table.horizontalHeader()
    floor = header.minimumSectionSize()
    assert floor >= 6 * header.fontMetrics().averageCharWidth()
    header.resizeSection(0, 3)  # a slip of the mouse on the column's edge
    assert header.sectionSize(0) >= floor
    header.resizeSection(2, floor + 80)  # a column the chair widened on purpose
    again = MembersPage(session)  # the next start
    qtbot.addWidget(again)
    again.show()
    restored = again.table.horizontalHeader()
    assert restored.sectionSize(2) == floor + 80
    assert all(restored.sectionSize(c) >= floor for c in range(restored.count()))
