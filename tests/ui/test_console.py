"""A whole AGM run through the live console from the keyboard, then checked in the store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from app import model
from app.services import AssociationFile
from app.words import fold
from tests.conftest import DEMO_DAY
from ui.console.action_dialogs import ActionDialog, GuestDialog
from ui.console.election_dialog import ElectionDialog
from ui.console.window import ConsoleWindow
from ui.session import Session

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def console(qtbot, demo_path):
    book = AssociationFile.open(demo_path)
    agm = book.meetings.plan_meeting("annual general", DEMO_DAY + timedelta(days=21), "19:00", "Community centre")
    book.meetings.open_meeting(agm.id, at="18:40")
    window = ConsoleWindow(Session(book), agm.id, today=DEMO_DAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    yield window
    window.close()
    book.close()


def voters(window) -> list[model.Member]:
    """Members with a vote whose name and postcode are unique, so typing them finds one person."""
    book = window.book
    people = book.register.voting_members(window.meeting.date)
    keys = [f"{m.name} {m.postcode}" for m in people]
    return [m for m, key in zip(people, keys, strict=True) if keys.count(key) == 1 and m.postcode]


def type_and_enter(qtbot, window, text: str) -> None:
    """Typed without accents, as chairs do (and as QTest can): 'siobhan' still finds Siobhán."""
    press(qtbot, window, Qt.Key.Key_K, CTRL)
    qtbot.keyClicks(window.checkin.search, fold(text))
    qtbot.keyClick(window.checkin.search, Qt.Key.Key_Return)


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A shortcut key; offscreen there is no window manager to give focus back after a dialog."""
    if not window.isActiveWindow() or QApplication.focusWidget() is None:
        window.windowHandle().requestActivate()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        window.agenda.setFocus()
    qtbot.keyClick(window, key, modifier)


def shown(window, dialog_class):
    """The one dialog of this kind the keyboard shortcut just opened."""
    found = [d for d in window.findChildren(dialog_class) if d.isVisible()]
    assert len(found) == 1, (f"expected one {dialog_class.__name__} open, found {len(found)}; problem: "
                             f"{window.last_problem}; focus: {QApplication.focusWidget()}")
    return found[0]


def ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox).buttons()[0].click()


def answer_next_question(button_text: str) -> None:
    """Click a button of the modal question the console is about to ask (it blocks until answered)."""
    def click():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), "expected the console to ask a question"
        next(b for b in box.buttons() if b.text().replace("&", "") == button_text).click()
    QTimer.singleShot(0, click)


def go_to_item(qtbot, window, title: str) -> None:
    for _ in range(window.agenda_model.rowCount()):
        if window.item_panel.item.title == title:
            return
        press(qtbot, window, Qt.Key.Key_Down, ALT)
    assert window.item_panel.item.title == title, [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]


def put_motion(qtbot, window, text: str, majority: int = 0) -> model.Motion:
    dialog = window.decisions.new_motion()
    qtbot.keyClicks(dialog.text, text)
    for box in (dialog.proposer, dialog.seconder):
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Down)
        qtbot.keyClick(box, Qt.Key.Key_Down) if box is dialog.seconder else None
    dialog.majority.setCurrentIndex(majority)
    ok(dialog)
    return window.book.decisions.motions(window.meeting.id)[-1]


def vote(qtbot, window, counts: tuple[int, int, int]) -> model.Motion:
    motion = window.item_panel.chosen_motion()
    dialog = window.decisions.record_vote()
    for box, count in zip((dialog.votes_for, dialog.votes_against, dialog.abstentions), counts, strict=True):
        box.selectAll()
        qtbot.keyClicks(box, str(count))
    ok(dialog)
    return window.book.store.get(model.Motion, motion.id)


def test_a_whole_agm_from_the_keyboard(qtbot, console):
    window, book, meeting_id = console, console.book, console.meeting.id
    people = voters(window)
    assert len(people) >= 45

    for member in people[:40]:
        type_and_enter(qtbot, window, f"{member.name} {member.postcode}")
        assert member.id in book.door.present_ids(meeting_id), member.name
    assert book.door.quorum(meeting_id).sentence == "Quorate: 40 present, 10 needed"

    # undo and redo a check-in
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert people[39].id not in book.door.present_ids(meeting_id)
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert people[39].id in book.door.present_ids(meeting_id)

    # two departures, an apology, a guest
    for member in people[:2]:
        press(qtbot, window, Qt.Key.Key_K, CTRL)
        qtbot.keyClicks(window.checkin.search, fold(f"{member.name} {member.postcode}"))
        press(qtbot, window, Qt.Key.Key_L, CTRL)
    press(qtbot, window, Qt.Key.Key_K, CTRL)
    qtbot.keyClicks(window.checkin.search, fold(f"{people[41].name} {people[41].postcode}"))
    press(qtbot, window, Qt.Key.Key_P, CTRL)
    press(qtbot, window, Qt.Key.Key_G, CTRL)
    guest = shown(window, GuestDialog)
    qtbot.keyClicks(guest.name, "Cllr Margaret Boyle")
    qtbot.keyClicks(guest.organisation, "Glasgow City Council")
    ok(guest)
    assert book.door.quorum(meeting_id).present == 38

    # approve the previous general meeting's minutes
    go_to_item(qtbot, window, "Minutes of the last meeting")
    previous = window.decisions.previous_minutes()
    dialog = window.decisions.approve_minutes()
    for box in (dialog.proposer, dialog.seconder):
        box.setCurrentIndex(1 if box is dialog.proposer else 2)
    ok(dialog)
    assert book.meetings.meeting(previous.id).minutes_status == "approved"

    # elections: one unopposed, one contested
    go_to_item(qtbot, window, "Election of office bearers")
    press(qtbot, window, Qt.Key.Key_E, CTRL)
    election = shown(window, ElectionDialog)
    election.post.setText("Treasurer")
    qtbot.keyClicks(election.candidate, "Piotr McLaughlin")
    qtbot.keyClick(election.candidate, Qt.Key.Key_Return)
    ok(election)
    contested = window.decisions.election()
    contested.post.setText("Vice-Chair")
    for name in ("Agnes MacLeod", "Declan MacLeod"):
        qtbot.keyClicks(contested.candidate, name)
        qtbot.keyClick(contested.candidate, Qt.Key.Key_Return)
    contested.table.cellWidget(0, 1).setValue(22)
    contested.table.cellWidget(1, 1).setValue(16)
    ok(contested)

    # three motions, and undo and redo of a vote
    go_to_item(qtbot, window, "Motions")
    put_motion(qtbot, window, "That the association holds a gala day in the summer.")
    first = vote(qtbot, window, (25, 10, 3))
    assert first.result_text == "Carried: 25 for, 10 against, 3 abstentions."
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert not book.store.get(model.Motion, first.id).decided
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert book.store.get(model.Motion, first.id).carried is True
    put_motion(qtbot, window, "That clause 6 of the constitution be changed.", majority=1)
    second = vote(qtbot, window, (26, 12, 0))
    assert second.result_text == "Carried by a two-thirds majority: 26 for, 12 against, 0 abstentions."
    put_motion(qtbot, window, "That the association buys a second gazebo.")
    answer_next_question("Casting vote for")
    third = vote(qtbot, window, (15, 15, 8))
    assert third.result_text == "Carried on the chair's casting vote: 15 for, 15 against, 8 abstentions."

    # five actions
    for number in range(5):
        press(qtbot, window, Qt.Key.Key_T, CTRL)
        dialog = shown(window, ActionDialog)
        qtbot.keyClicks(dialog.description, f"Action number {number + 1}")
        qtbot.keyClicks(dialog.owner.lineEdit(), "Housing officer")
        ok(dialog)

    # notes typed for the item are saved
    press(qtbot, window, Qt.Key.Key_J, CTRL)
    qtbot.keyClicks(window.item_panel.notes, "Members discussed the gala day.")
    window.item_panel.save_notes()

    box = window.closing.close_meeting()
    next(b for b in box.buttons() if b.text() == "Close the meeting").click()

    # everything is in the store
    attendance = book.door.attendance(meeting_id)
    assert sum(a.kind == "present" for a in attendance) == 40
    assert sum(a.kind == "present" and bool(a.left) for a in attendance) == 2
    assert [a.kind for a in attendance].count("apology") == 1
    assert [a.guest_name for a in attendance if a.kind == "guest"] == ["Cllr Margaret Boyle"]
    assert [m.carried for m in book.decisions.motions(meeting_id)] == [True, True, True]
    posts = {e.post: book.decisions.candidates(e.id) for e in book.decisions.elections(meeting_id)}
    assert posts["Treasurer"][0].unopposed and posts["Treasurer"][0].elected
    assert [c.name for c in posts["Vice-Chair"] if c.elected] == ["Agnes MacLeod"]
    assert len(book.actions.actions(meeting_id)) == 5
    assert book.meetings.meeting(meeting_id).status == "closed"
    motions_item = next(i for i in book.meetings.agenda(meeting_id) if i.title == "Motions")
    assert book.store.get(model.AgendaItem, motions_item.id).notes == "Members discussed the gala day."
    held = book.meetings.meeting(meeting_id).date
    assert f"after the meeting of {held.day} {held:%B %Y}" in [b.what for b in book.backups()]


def test_checking_in_twice_is_refused_with_a_reason(qtbot, console):
    member = voters(console)[0]
    type_and_enter(qtbot, console, f"{member.name} {member.postcode}")
    type_and_enter(qtbot, console, f"{member.name} {member.postcode}")
    assert console.last_problem == f"{member.name} is already checked in."
    assert console.checkin.results_model.index(0, 2).data().startswith("Here ")


def test_voting_while_not_quorate_asks_first(qtbot, console):
    for member in voters(console)[:3]:
        console.door.check_in(member)
    go_to_item(qtbot, console, "Motions")
    motion = put_motion(qtbot, console, "That we hold a gala day.")
    answer_next_question("Cancel")
    vote(qtbot, console, (3, 0, 0))
    assert not console.book.store.get(model.Motion, motion.id).decided
    answer_next_question("Record for information only")
    decided = vote(qtbot, console, (3, 0, 0))
    assert decided.result_text.startswith("No decision was taken, as the meeting was not quorate.")


def test_the_console_returns_to_the_item_it_was_on(qtbot, demo_path):
    book = AssociationFile.open(demo_path)
    meeting = book.meetings.find_meeting("next", today=DEMO_DAY)
    book.meetings.open_meeting(meeting.id)
    first = ConsoleWindow(Session(book), meeting.id, today=DEMO_DAY)
    qtbot.addWidget(first)
    first.go_to(book.meetings.agenda(meeting.id)[4].id)
    first.item_panel.notes.setPlainText("The treasurer reported £1,243.17 in the bank.")
    first.close()
    again = ConsoleWindow(Session(book), meeting.id, today=DEMO_DAY)
    qtbot.addWidget(again)
    assert again.item_panel.item.id == book.meetings.agenda(meeting.id)[4].id
    assert again.item_panel.notes.toPlainText() == "The treasurer reported £1,243.17 in the bank."
    again.close()
    book.close()


def test_projector_follows_the_console(qtbot, console):
    projector = console.toggle_projector()
    qtbot.addWidget(projector)
    box = console.findChild(QMessageBox, "ProjectorQuestion")  # one screen here: shown in a window
    next(b for b in box.buttons() if b.text() == "Show in a &window").click()
    assert projector.isVisible()
    go_to_item(qtbot, console, "Motions")
    assert projector.item.text().endswith("Motions")
    assert projector.quorum.text() == "✖ Not quorate: 10 more needed"
    for member in voters(console)[:10]:
        console.door.check_in(member)
    assert projector.quorum.text() == "✔ Quorate: 10 present, 10 needed"


def test_closing_asks_who_took_the_minutes(qtbot, console):
    window, book = console, console.book
    people = voters(window)[:6]
    for member in people:
        book.door.check_in(window.meeting.id, member.id, at="18:50")
    assert book.meetings.meeting(window.meeting.id).minute_taker_id is None
    box = window.closing.close_meeting()
    qtbot.waitUntil(box.isVisible)
    box.minute_taker.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box.minute_taker)
    taker = sorted(people, key=lambda m: m.sort_key)[0]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Home)  # "— not recorded —", then down the names
    for _ in range(box.minute_taker.count()):
        if box.minute_taker.currentData() == taker.id:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    next(b for b in box.buttons() if b.text() == "Close the meeting").click()
    meeting = book.meetings.meeting(window.meeting.id)
    assert meeting.status == "closed" and meeting.minute_taker_id == taker.id
    from app.reports.minutes_text import officers

    assert ("Minutes taken by", taker.name) in officers(book.minutes.meeting_record(meeting.id))


def test_a_mover_who_has_left_needs_the_chairs_reason(qtbot, console):
    window, book = console, console.book
    people = sorted(voters(window)[:12], key=lambda m: m.sort_key)
    for member in people:
        book.door.check_in(window.meeting.id, member.id, at="18:50")
    gone = people[0]
    book.door.record_departure(window.meeting.id, gone.id, at="19:40")
    dialog = window.decisions.new_motion()
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.text, "That the association writes to the council.")
    dialog.proposer.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.proposer)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_End)  # those who have left are listed last
    assert dialog.proposer.currentText() == f"{gone.name} (has left)"
    ok(dialog)
    assert dialog.isVisible() and "has left the meeting" in dialog.problem.text()
    assert QApplication.focusWidget() is dialog.reason
    qtbot.keyClicks(QApplication.focusWidget(), "She stepped out to take a call as it was put")
    ok(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    motion = book.decisions.motions(window.meeting.id)[-1]
    assert motion.proposer_id == gone.id
    assert motion.override_reason == "She stepped out to take a call as it was put"


def test_the_notes_box_keeps_room_for_three_lines_when_the_text_grows_mid_meeting(qtbot, console):
    from PySide6.QtGui import QFontMetrics

    from ui import appearance

    console.windowHandle().requestActivate()
    qtbot.waitUntil(console.isActiveWindow, timeout=3000)
    notes = console.item_panel.notes
    at_first = notes.minimumHeight()
    three_lines = lambda: 3 * QFontMetrics(notes.font()).lineSpacing()  # noqa: E731
    assert at_first >= three_lines()
    try:
        for _ in range(4):  # View › Larger text, from the keyboard, wherever the focus is
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Plus, CTRL)
        QApplication.processEvents()  # widgets hear of the new font through posted events
        assert notes.minimumHeight() >= three_lines() > at_first  # it grew with the text
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_0, CTRL)  # Normal size: it shrinks back
        QApplication.processEvents()
        assert notes.minimumHeight() == at_first
    finally:
        appearance.reset_to_system()
