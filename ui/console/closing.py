"""Closing the meeting: a summary the chair reads out, then the meeting is closed and backed up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QMessageBox, QWidget

from app.errors import QuorumError
from app.words import plural
from ui.forms import name_buttons

if TYPE_CHECKING:
    from ui.console.window import ConsoleWindow


class Closing:
    def __init__(self, console: ConsoleWindow) -> None:
        self.console = console

    def summary(self) -> str:
        book, meeting_id = self.console.book, self.console.meeting.id
        attendance = book.door.attendance(meeting_id)
        present = len({a.member_id for a in attendance if a.kind == "present"})
        motions = book.decisions.motions(meeting_id)
        carried = sum(1 for m in motions if m.carried)
        guests = sum(a.kind == "guest" for a in attendance)
        apologies = sum(a.kind == "apology" for a in attendance)
        return (f"{plural(present, 'member')} attended, with {plural(guests, 'guest')} and "
                f"{plural(apologies, 'apology', 'apologies')}.\n"
                f"{plural(len(motions), 'motion')}: {carried} carried, {len(motions) - carried} not carried.\n"
                f"{plural(len(book.decisions.elections(meeting_id)), 'election')}, "
                f"{plural(len(book.actions.actions(meeting_id)), 'action')}.\n\n"
                "The draft minutes are ready to print. Close the meeting now?")

    def close_meeting(self) -> QMessageBox:
        console = self.console
        console.item_panel.save_notes()
        box = QMessageBox(QMessageBox.Icon.Question, "Close the meeting", self.summary(),
                          QMessageBox.StandardButton.Cancel, console)
        close = box.addButton("Close the meeting", QMessageBox.ButtonRole.AcceptRole)
        box.minute_taker = self._ask_minute_taker(box)
        name_buttons(box)
        box.buttonClicked.connect(lambda button: button is close and self._close_meeting(box.minute_taker))
        box.open()
        return box

    def _ask_minute_taker(self, box: QMessageBox) -> QComboBox | None:
        """The minutes say who took them: if nobody has said yet, the closing question asks."""
        console = self.console
        book = console.book
        if book.meetings.meeting(console.meeting.id).minute_taker_id:
            return None
        from ui.console.motion_dialogs import member_choice

        choice = member_choice("Who took the minutes", console.decisions.present_members())
        choice.setItemText(0, "— not recorded —")
        secretary = [m.id for m in book.offices.members_on(console.meeting.date) if m.role == "secretary"]
        if secretary and choice.findData(secretary[0]) >= 0:
            choice.setCurrentIndex(choice.findData(secretary[0]))
        label = QLabel("&Minutes taken by:")
        label.setBuddy(choice)
        grid, buttons = box.layout(), box.findChild(QDialogButtonBox)
        grid.removeWidget(buttons)  # the question's buttons stay last, under the choice they close with
        for widget in (label, choice, buttons):
            grid.addWidget(widget, grid.rowCount(), 0, 1, grid.columnCount())
        QWidget.setTabOrder(choice, buttons)
        return choice

    def _close_meeting(self, minute_taker: QComboBox | None = None) -> None:
        console = self.console
        try:
            if minute_taker is not None and minute_taker.currentData():
                console.session.apply(console.book.meetings.update_meeting, console.meeting.id,
                                      minute_taker_id=minute_taker.currentData())
            console.session.apply(console.book.meetings.close_meeting, console.meeting.id)
        except (QuorumError, OSError) as error:
            console.problem(str(error))
            return
        console.undo_stack.clear()
        console.closed_meeting.emit(console.meeting.id)
        console.close()
