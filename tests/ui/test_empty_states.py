"""An empty screen always says what to do next, with the button right there."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QListView

from app.model import Association, Member
from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from ui.empty_state import show_when_empty
from ui.main_window import MainWindow
from ui.meeting_dialog import PlanMeetingDialog
from ui.session import Session


@pytest.fixture
def window(qtbot, tmp_path):
    book = AssociationFile.create(tmp_path / "new.quorum", Association("Fresh Start TRA"))
    shown = MainWindow(Session(book), today=DEMO_DAY)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.session.close()


def test_no_meetings_yet_offers_to_plan_one(qtbot, window):
    page = window.meetings_page
    assert page.empty.isVisible() and not page.table.isVisible() and not page.run_button.isVisible()
    assert "No meetings yet" in page.empty.heading.text()
    [plan] = page.empty.buttons
    plan.click()
    dialog = window.findChild(PlanMeetingDialog)
    dialog.then_edit_agenda = False
    dialog.date.setDate(dialog.date.date().addDays(30))
    dialog.plan()
    assert page.table.isVisible() and not page.empty.isVisible() and page.run_button.isVisible()


def test_no_members_yet_offers_import_or_add(qtbot, window):
    page = window.members_page
    window.tabs.setCurrentWidget(page)
    assert page.empty.isVisible() and not page.table.isVisible() and not page.search.isVisible()
    assert [b.accessibleName() for b in page.empty.buttons] == ["Import a member list", "Add member"]
    window.session.apply(window.session.book.register.add_member, Member("Morag", "Reid"))
    assert page.table.isVisible() and not page.empty.isVisible()


def test_members_who_have_all_left_are_not_an_empty_register(qtbot, window):
    book = window.session.book
    window.session.apply(book.register.add_member, Member("Morag", "Reid"))
    window.session.apply(book.register.mark_left, book.register.members()[0].id, DEMO_DAY - timedelta(days=1))
    assert not window.members_page.empty.isVisibleTo(window.members_page)  # "Show members who have left" is there


def test_a_list_with_no_rows_says_so_inside_it(qtbot):
    model = QStringListModel()
    view = QListView()
    view.setModel(model)
    qtbot.addWidget(view)
    note = show_when_empty(view, "Nobody checked in yet.")
    view.show()
    assert note.isVisible() and view.accessibleDescription() == "Nobody checked in yet."
    model.setStringList(["Morag Reid"])
    assert not note.isVisible() and view.accessibleDescription() == ""
    model.setStringList([])
    assert note.isVisible()
