"""Sets the live console in a given state on a copy of the demo, for screenshots in docs/.

    python docs/tools/console_scene.py DATA_DIR before|during|after|projector
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.services import AssociationFile
from ui.console.window import ConsoleWindow
from ui.session import Session


def main(folder: Path, stage: str) -> None:
    app = QApplication([])
    book = AssociationFile.open(next(folder.glob("*.quorum")))
    meeting = book.meetings.find_meeting("next")
    if meeting.status == "draft":
        book.meetings.open_meeting(meeting.id, at="18:45")
    window = ConsoleWindow(Session(book), meeting.id)
    window.setGeometry(0, 0, 1366, 740)
    window.show()
    for member in book.register.voting_members(meeting.date)[:23]:
        window.door.check_in(member)
    motions_item = next(i for i in book.meetings.agenda(meeting.id) if i.title == "Motions")
    window.go_to(motions_item.id)
    window.item_panel.notes.setPlainText("Members discussed the landlord's plan for new bin stores on Royston Road.")
    present = book.register.voting_members(meeting.date)[:23]
    if not book.decisions.motions(meeting.id):
        book.decisions.propose_motion(meeting.id, "That the association asks the landlord to consult every close before "
                            "moving the bin stores on Royston Road.", present[1].id, present[2].id,
                            agenda_item_id=motions_item.id)
    window.refresh()
    if stage in ("during", "after", "projector"):
        dialog = window.decisions.record_vote()
        dialog.votes_for.setValue(17)
        dialog.votes_against.setValue(4)
        dialog.abstentions.setValue(2)
        if stage != "during":
            dialog.accept()
    if stage == "projector":
        projector = window.toggle_projector()
        projector.setGeometry(0, 0, 1366, 768)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
