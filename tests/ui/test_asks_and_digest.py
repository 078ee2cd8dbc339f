"""Asks of the landlord and the summary for members, in the app: the action dialog, matters arising in
the console and the agenda editor, and the digest dialog reached from the Meetings tab."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from app import model
from app.services import AssociationFile
from app.store import inbox
from tests.conftest import DEMO_DAY
from ui.agenda_editor import AgendaEditor
from ui.console.action_dialogs import ActionDialog
from ui.console.window import ConsoleWindow
from ui.digest_dialog import DigestDialog
from ui.meetings_page import MeetingsPage
from ui.session import Session

ANSWER = {"answer_status": "done", "answer_text": "The door entry panel was replaced.",
          "answered_on": "2026-11-20", "first_answered_on": "2026-10-30"}


@pytest.fixture
def session(demo_path):
    opened = Session(AssociationFile.open(demo_path))
    yield opened
    opened.close()


def _answered(book) -> model.Action:
    """The demo's ask, answered by head office as a pull writes it."""
    ask = next(a for a in book.actions.actions() if a.ask_of_landlord)
    inbox.acknowledge(book.store, [c["op_id"] for c in book.store.pending_changes()])
    inbox.apply_records(book.store, [{"entity": "action", "record_id": ask.id, "hlc": "", "doc": ANSWER}])
    return book.store.get(model.Action, ask.id)


def _button(widget, name: str) -> QPushButton:
    return next(b for b in widget.findChildren(QPushButton) if b.accessibleName() == name)


def test_the_action_dialog_marks_an_ask_of_the_landlord(qtbot, session):
    dialog = ActionDialog(session.book.register.members(), DEMO_DAY)
    qtbot.addWidget(dialog)
    assert not dialog.department.isEnabled()
    dialog.description.setText("Fix the lift at 2 Royston Road")
    dialog.ask.setChecked(True)
    assert dialog.department.isEnabled() and dialog.owner.currentText() == "The landlord"
    dialog.department.setText("Repairs team")
    details = dialog.details()
    assert (details["ask_of_landlord"], details["landlord_department"], details["owner_member_id"]) == (
        True, "Repairs team", None)
    planned = session.book.meetings.find_meeting("next", today=DEMO_DAY)
    ask = session.book.actions.action(session.book.actions.add_action(planned.id, dialog.description.text(), **details).id)
    assert ask.ask_of_landlord and ask.owner_name == "The landlord"


def test_the_console_shows_the_answer_and_notes_it_for_the_minutes(qtbot, session):
    book = session.book
    ask = _answered(book)
    planned = book.meetings.find_meeting("next", today=DEMO_DAY)
    book.meetings.open_meeting(planned.id, backup=False, at="18:50")
    window = ConsoleWindow(session, planned.id, today=DEMO_DAY)
    qtbot.addWidget(window)
    arising = next(i for i in book.meetings.agenda(planned.id) if i.kind == "matters arising")
    window.go_to(arising.id)
    panel = window.item_panel
    row = next(r for r in range(panel.arising_model.rowCount()) if panel.arising_model.action_at(r).id == ask.id)
    answer = panel.arising_model.index(row, 4).data()
    assert answer == "Done (answered 20 November 2026): The door entry panel was replaced."
    panel.arising.selectRow(row)
    _button(panel, "Note the landlord's answer").click()
    panel.save_notes()
    notes = book.store.get(model.AgendaItem, arising.id).notes
    assert notes.startswith("The landlord's answer to the ask “Repair the controlled entry door at 14 Kelvin Way "
                            "again”")
    window.close()


def test_the_agenda_editor_shows_answers_and_the_waiting_figure(qtbot, session):
    _answered(session.book)
    planned = session.book.meetings.find_meeting("next", today=DEMO_DAY)
    editor = AgendaEditor(session, planned.id, today=DEMO_DAY)
    qtbot.addWidget(editor)
    shown = [editor.matters.item(i).text() for i in range(editor.matters.count())]
    assert any("Landlord's answer: Done (answered 20 November 2026)" in text for text in shown)
    assert editor.asks_waiting.text() == ("Asks of the landlord: 1 ask answered, on average 17 days after "
                                          "the meeting.")


def test_the_summary_for_members_from_the_meetings_tab(qtbot, session, tmp_path):
    page = MeetingsPage(session, DEMO_DAY)
    qtbot.addWidget(page)
    latest = [m for m in session.book.meetings.meetings() if m.status == "closed"][-1]
    row = next(r for r in range(page.model.rowCount()) if page.model.meeting_at(r).id == latest.id)
    page.table.selectRow(row)
    _button(page, "Summary for members…").click()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, DigestDialog) and w.isVisible())
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText().startswith("What we decided at our General Meeting")
    dialog.text.setPlainText(dialog.text.toPlainText().replace("Thank you to everyone who took part.",
                                                               "Thank you all."))
    dialog.save_poster(tmp_path / "poster.pdf")
    assert (tmp_path / "poster.pdf").stat().st_size > 0 and "poster is saved" in dialog.status.text()
    short = dialog.copy_short_text()
    assert len(short) < 600 and QApplication.clipboard().text() == short
    dialog.toggle_page()
    assert "not connected to head office" in dialog.status.text()
    dialog.accept()
    assert "Thank you all." in session.book.documents.digest(latest.id).text
    assert not session.book.documents.digest(latest.id).published


def test_no_summary_before_a_meeting_is_held(qtbot, session, monkeypatch):
    page = MeetingsPage(session, date(2026, 11, 25))
    qtbot.addWidget(page)
    told = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information", lambda *args: told.append(args[2]))
    planned = session.book.meetings.find_meeting("next", today=DEMO_DAY)
    row = next(r for r in range(page.model.rowCount()) if page.model.meeting_at(r).id == planned.id)
    page.table.selectRow(row)
    assert page._digest() is None and "once the meeting has closed" in told[0]
