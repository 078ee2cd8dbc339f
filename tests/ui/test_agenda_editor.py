"""Preparing the demo's next meeting in the agenda editor, checked against the store each time."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from ui.agenda_editor import AgendaEditor
from ui.session import Session

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def editor(qtbot, demo_path):
    session = Session(AssociationFile.open(demo_path))
    meeting = next(m for m in session.book.meetings.meetings() if m.status == "draft")
    widget = AgendaEditor(session, meeting.id, today=DEMO_DAY)
    qtbot.addWidget(widget)
    widget.open()
    yield widget
    session.close()


def _titles(editor) -> list[str]:
    return [item.title for item in editor.book.meetings.agenda(editor.meeting_id)]


def _positions_are_one_to_n(editor) -> bool:
    positions = [item.position for item in editor.book.meetings.agenda(editor.meeting_id)]
    return positions == list(range(1, len(positions) + 1))


def _choose(editor, title: str) -> None:
    editor.select(next(i.id for i in editor.book.meetings.agenda(editor.meeting_id) if i.title == title))


def test_reorder_by_keyboard(qtbot, editor):
    _choose(editor, "Chair's report")
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, CTRL)
    assert _titles(editor)[3:5] == ["Secretary's report", "Chair's report"]
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, CTRL)
    assert _titles(editor)[3:6] == ["Secretary's report", "Treasurer's report", "Chair's report"]
    assert editor.chosen().title == "Chair's report"  # the moved item stays chosen
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, CTRL)
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, CTRL)
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, CTRL)
    assert _titles(editor)[2:4] == ["Chair's report", "Matters arising"]
    assert _positions_are_one_to_n(editor)
    assert editor.model.index(2, 0).data() == "3"


def test_moving_past_either_end_changes_nothing(qtbot, editor):
    before = editor.book.store.change_count()
    editor.table.selectRow(0)
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, CTRL)
    editor.table.selectRow(editor.model.rowCount() - 1)
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, CTRL)
    assert editor.book.store.change_count() == before


def test_dragging_an_item_moves_it_in_the_store(qtbot, editor):
    source = editor.model.index(8, 1)  # Date of next meeting
    data = editor.model.mimeData([source])
    editor.model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())  # above the first row
    qtbot.waitUntil(lambda: _titles(editor)[0] == "Date of next meeting")
    editor.model.dropMimeData(editor.model.mimeData([editor.model.index(0, 1)]), Qt.DropAction.MoveAction,
                              -1, -1, editor.model.index(4, 1))  # onto the Secretary's report
    qtbot.waitUntil(lambda: _titles(editor)[4] == "Date of next meeting")
    assert _titles(editor)[:5] == ["Welcome and apologies", "Minutes of the last meeting", "Matters arising",
                                   "Chair's report", "Date of next meeting"]
    assert _positions_are_one_to_n(editor)


def test_add_goes_before_any_other_competent_business(qtbot, editor):
    qtbot.keyClicks(editor.new_title, "Repairs update from the housing officer")
    qtbot.keyClick(editor.new_title, Qt.Key.Key_Return)
    assert _titles(editor)[-3:] == ["Repairs update from the housing officer", "Any other competent business",
                                    "Date of next meeting"]
    assert editor.chosen().title == "Repairs update from the housing officer"
    assert editor.new_title.text() == ""
    assert _positions_are_one_to_n(editor)


def test_an_empty_title_adds_nothing(qtbot, editor):
    count = len(_titles(editor))
    qtbot.keyClick(editor.new_title, Qt.Key.Key_Return)
    assert len(_titles(editor)) == count


def test_rename_in_place_with_f2(qtbot, editor):
    _choose(editor, "Chair's report")
    index = editor.model.index(3, 1)
    editor.table.setCurrentIndex(index)
    editor.table.edit(index)
    line = editor.table.findChild(QLineEdit)
    line.setText("Chairperson's report")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _titles(editor)[3] == "Chairperson's report")
    assert editor.title.text() == "Chairperson's report"


def test_rename_presenter_and_expected_minutes_from_the_side(qtbot, editor):
    _choose(editor, "Treasurer's report")
    editor.title.setText("Treasurer's report and budget")
    editor.presenter.setText("Piotr McLaughlin")
    editor.minutes.setValue(25)
    editor.save_button.click()
    item = editor.book.meetings.agenda(editor.meeting_id)[5]
    assert (item.title, item.presenter, item.expected_minutes) == ("Treasurer's report and budget",
                                                                   "Piotr McLaughlin", 25)
    assert editor.length.text() == "9 items, expected to take 1 hour 32 minutes: from 19:00 to about 20:32."


def test_expected_minutes_edited_in_the_table(qtbot, editor):
    editor.model.setData(editor.model.index(0, 3), 8)
    qtbot.waitUntil(lambda: editor.book.meetings.agenda(editor.meeting_id)[0].expected_minutes == 8)
    editor.model.setData(editor.model.index(0, 3), 0)
    qtbot.waitUntil(lambda: editor.book.meetings.agenda(editor.meeting_id)[0].expected_minutes is None)
    assert editor.model.index(0, 3).data() == ""


def test_typed_notes_are_kept_when_choosing_another_item(qtbot, editor):
    _choose(editor, "Secretary's report")
    editor.notes.setPlainText("Letter from the council about the bins")
    _choose(editor, "Motions")
    assert editor.book.meetings.agenda(editor.meeting_id)[4].notes == "Letter from the council about the bins"
    assert editor.model.index(4, 4).data() == "Notes"


def test_remove_by_keyboard_keeps_positions_one_to_n(qtbot, editor):
    _choose(editor, "Secretary's report")
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert "Secretary's report" not in _titles(editor)
    assert len(_titles(editor)) == 8
    assert _positions_are_one_to_n(editor)
    assert editor.chosen().title == "Treasurer's report"


def test_a_motion_written_in_advance_waits_undecided(qtbot, editor):
    book = editor.book
    _choose(editor, "Motions")
    editor.motion.setPlainText("That the association asks the council to repair the lifts at 84 Dumbarton Road.")
    editor.save_button.click()
    motions = book.decisions.motions(editor.meeting_id)
    item_id = editor.chosen().id
    assert [(m.agenda_item_id, m.decided) for m in motions] == [(item_id, False)]
    editor.motion.setPlainText("That the association asks the council to repair every lift.")
    editor.save_button.click()
    assert [m.text for m in book.decisions.motions(editor.meeting_id)] == ["That the association asks the council to "
                                                                 "repair every lift."]
    assert editor.model.index(6, 4).data() == "Motion"
    box: QMessageBox = editor.remove_chosen()
    next(b for b in box.buttons() if b.text() == "Remove").click()
    assert "Motions" not in _titles(editor) and book.decisions.motions(editor.meeting_id) == []


def test_apologies_and_proxies_before_the_meeting(qtbot, editor):
    book = editor.book
    assert not editor.apologies.proxy_button.isEnabled() and not editor.apologies.holder.isEnabled()
    assert "the constitution does not allow them" in editor.apologies.proxy_reason.text()
    before = editor.apologies.sent.count()
    editor.apologies.who.setEditText("Zoë Docherty")
    editor.apologies.apology_button.click()
    zoe = next(m for m in book.register.members() if m.name == "Zoë Docherty")
    assert any(a.kind == "apology" and a.member_id == zoe.id for a in book.door.attendance(editor.meeting_id))
    assert editor.apologies.sent.count() == before + 1
    editor.apologies.apology_button.click()  # a second time is refused in plain words
    assert editor.apologies.problem.text() == "Apologies from Zoë Docherty are already recorded."
    book_rules = book.rules(DEMO_DAY)
    editor.session.apply(book.set_rules, dataclasses.replace(book_rules, proxies_allowed=True), DEMO_DAY)
    assert editor.apologies.proxy_button.isEnabled()
    editor.apologies.who.setEditText("Ewan Brown")
    editor.apologies.holder.setEditText("Agnes MacLeod")
    editor.apologies.proxy_button.click()
    proxies = [a for a in book.door.attendance(editor.meeting_id) if a.kind == "proxy"]
    assert len(proxies) == 1 and book.register.member(proxies[0].proxy_holder_id).name == "Agnes MacLeod"
    editor.apologies.sent.setCurrentRow(editor.apologies.sent.count() - 1)
    editor.apologies.withdraw_button.click()
    assert not [a for a in book.door.attendance(editor.meeting_id) if a.kind == "proxy"]


def test_matters_arising_lists_open_actions_from_earlier_meetings(editor):
    actions = editor.book.actions.matters_arising(editor.meeting_id)
    assert actions and editor.matters.count() == len(actions)
    assert editor.tabs.tabText(1) == f"&Matters arising ({len(actions)})"
    assert editor.matters.item(0).text().startswith(actions[0].description)


def test_closing_saves_what_was_typed_and_stops_listening(qtbot, editor):
    _choose(editor, "Chair's report")
    editor.presenter.setText("Ewan Brown")
    editor.reject()
    assert editor.book.meetings.agenda(editor.meeting_id)[3].presenter == "Ewan Brown"
    with qtbot.assertNotEmitted(editor.model.modelReset):
        editor.session.apply(editor.book.meetings.add_agenda_item, editor.meeting_id, "Garden competition")
