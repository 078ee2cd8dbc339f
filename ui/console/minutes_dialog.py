"""Approving the minutes of the last meeting: proposed, seconded, with any corrections noted."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel

from app import model
from app.words import meeting_title
from ui.console.motion_dialogs import member_choice
from ui.forms import LinesBox, name_buttons


class ApproveMinutesDialog(QDialog):
    def __init__(self, previous: model.Meeting, present: list[model.Member], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Approve the minutes")
        form = QFormLayout(self)
        intro = QLabel(f"Approve the minutes of {meeting_title(previous.kind, previous.date)}. "
                       "Once approved they are locked and cannot be changed.")
        intro.setWordWrap(True)
        form.addRow(intro)
        self.proposer = member_choice("Proposed by", present)
        form.addRow("&Proposed by", self.proposer)
        self.seconder = member_choice("Seconded by", present)
        form.addRow("&Seconded by", self.seconder)
        self.corrections = LinesBox(least=2, most=5)
        self.corrections.setAccessibleName("Corrections")
        self.corrections.setPlaceholderText("Any corrections agreed before approval (leave blank if none)")
        form.addRow("&Corrections", self.corrections)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Approve and lock")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(name_buttons(buttons))
        self.setMinimumWidth(500)

    def details(self) -> dict:
        return {"proposer_id": self.proposer.currentData(), "seconder_id": self.seconder.currentData(),
                "corrections": self.corrections.toPlainText().strip()}
