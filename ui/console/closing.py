"""Closing the meeting: a summary the chair reads out, then the meeting is closed and backed up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from app.errors import QuorumError
from app.words import plural

if TYPE_CHECKING:
    from ui.console.window import ConsoleWindow


class Closing:
    def __init__(self, console: ConsoleWindow) -> None:
        self.console = console

    def summary(self) -> str:
        book, meeting_id = self.console.book, self.console.meeting.id
        attendance = book.attendance(meeting_id)
        present = len({a.member_id for a in attendance if a.kind == "present"})
        motions = book.motions(meeting_id)
        carried = sum(1 for m in motions if m.carried)
        guests = sum(a.kind == "guest" for a in attendance)
        apologies = sum(a.kind == "apology" for a in attendance)
        return (f"{plural(present, 'member')} attended, with {plural(guests, 'guest')} and "
                f"{plural(apologies, 'apology', 'apologies')}.\n"
                f"{plural(len(motions), 'motion')}: {carried} carried, {len(motions) - carried} not carried.\n"
                f"{plural(len(book.elections(meeting_id)), 'election')}, "
                f"{plural(len(book.actions(meeting_id)), 'action')}.\n\n"
                "The draft minutes are ready to print. Close the meeting now?")

    def close_meeting(self) -> QMessageBox:
        console = self.console
        console.item_panel.save_notes()
        box = QMessageBox(QMessageBox.Icon.Question, "Close the meeting", self.summary(),
                          QMessageBox.StandardButton.Cancel, console)
        close = box.addButton("Close the meeting", QMessageBox.ButtonRole.AcceptRole)
        box.buttonClicked.connect(lambda button: button is close and self._close_meeting())
        box.open()
        return box

    def _close_meeting(self) -> None:
        console = self.console
        try:
            console.session.apply(console.book.close_meeting, console.meeting.id)
        except (QuorumError, OSError) as error:
            console.problem(str(error))
            return
        console.undo_stack.clear()
        console.closed_meeting.emit(console.meeting.id)
        console.close()
