"""Putting a motion to the meeting, and entering its vote quickly."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from app import model
from app.words import plural
from ui.forms import name_buttons
from ui.rich_text import markup

MAJORITIES = (
    ("simple", "Simple majority of votes cast"),
    ("two_thirds", "Two-thirds of votes cast (constitutional change)"),
    ("of_present", "Majority of the members present"),
    ("two_thirds_of_present", "Two-thirds of the members present"),
)


def member_choice(label: str, members: list[model.Member]) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(label)
    box.addItem("— nobody —", None)
    for member in sorted(members, key=lambda m: m.sort_key):
        box.addItem(member.name, member.id)
    box.setEditable(False)
    return box


class MotionDialog(QDialog):
    """The wording, who proposed and seconded it (from the members present) and the majority it needs."""

    def __init__(self, present: list[model.Member], default_majority: str,
                 open_motions: list[model.Motion], parent=None, gone: list[model.Member] = ()) -> None:
        super().__init__(parent)
        self.gone = {m.id: m.name for m in gone}  # came and left: allowed only with the chair's reason
        self.setWindowTitle("New motion")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Wording of the motion")
        self.text.setPlaceholderText("That the association …")
        self.text.setTabChangesFocus(True)
        form.addRow("&Motion", self.text)
        self.proposer = member_choice("Proposed by", present)
        form.addRow("&Proposed by", self.proposer)
        self.seconder = member_choice("Seconded by", present)
        form.addRow("&Seconded by", self.seconder)
        for box in (self.proposer, self.seconder):
            for member in sorted(gone, key=lambda m: m.sort_key):
                box.addItem(f"{member.name} (has left)", member.id)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("The chair's reason for allowing a member who has left")
        self.reason.setPlaceholderText("Only if a proposer or seconder has left: why the chair allows it")
        form.addRow("C&hair's reason", self.reason)
        self.majority = QComboBox()
        self.majority.setAccessibleName("Majority needed")
        for key, label in MAJORITIES:
            self.majority.addItem(label, key)
        self.majority.setCurrentIndex([k for k, _ in MAJORITIES].index(default_majority))
        form.addRow("Ma&jority needed", self.majority)
        self.amends = QComboBox()
        self.amends.setAccessibleName("Amendment to")
        self.amends.addItem("— not an amendment —", None)
        for motion in open_motions:
            self.amends.addItem(motion.text[:70], motion.id)
        form.addRow("&Amendment to", self.amends)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Put to the meeting")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(name_buttons(buttons))
        self.setMinimumWidth(520)

    def _check(self) -> None:
        if not self.text.toPlainText().strip():
            self.problem.setText("Please type the wording of the motion.")
            return
        away = [self.gone[box.currentData()] for box in (self.proposer, self.seconder) if box.currentData() in self.gone]
        if away and not self.reason.text().strip():
            self.problem.setText(f"{away[0]} has left the meeting. If the chair allows it, say why in "
                                 "“Chair's reason”; it goes in the minutes.")
            self.reason.setFocus()
            return
        self.accept()

    def details(self) -> dict:
        return {
            "proposer_id": self.proposer.currentData(),
            "seconder_id": self.seconder.currentData(),
            "majority_kind": self.majority.currentData(),
            "amends_id": self.amends.currentData(),
            "override_reason": self.reason.text().strip(),
        }


class VoteDialog(QDialog):
    """Counts for, against and abstaining; or one of the two common shortcuts."""

    def __init__(self, motion: model.Motion, present: int, parent=None, may_vote: str = "",
                 movers: list[model.Member] | None = None) -> None:
        """``may_vote``: who may vote, in a sentence; ``movers``: the members present, when the motion was
        written in advance and has no proposer yet."""
        super().__init__(parent)
        self.setWindowTitle("Record the vote")
        self.acclaim = ""
        self.problem = QLabel()
        layout = QVBoxLayout(self)
        may_vote = may_vote or f"{plural(present, 'member')} present may vote."
        wording = QLabel(f"<b>{markup(motion.text)}</b><br>{markup(may_vote)}")
        wording.setWordWrap(True)
        layout.addWidget(wording)
        form = QFormLayout()
        self.proposer = self.seconder = None
        if movers is not None:
            self.proposer = member_choice("Proposed by", movers)
            form.addRow("&Proposed by", self.proposer)
            self.seconder = member_choice("Seconded by", movers)
            form.addRow("&Seconded by", self.seconder)
        self.votes_for = self._count(form, "&For", present)
        self.votes_against = self._count(form, "A&gainst", present)
        self.abstentions = self._count(form, "A&bstentions", present)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record count")
        unanimous = QPushButton("Carried &unanimously")
        acclaim = QPushButton("Carried by a&cclaim")
        for button, key in ((unanimous, "unanimous"), (acclaim, "acclaim")):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(lambda _=False, k=key: self._by_acclaim(k))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        layout.addWidget(name_buttons(buttons))

    def _check(self) -> None:
        """A motion written in advance still needs a proposer and a seconder from the floor."""
        if self.proposer is not None and not (self.proposer.currentData() and self.seconder.currentData()):
            self.problem.setText("Choose who proposed and who seconded the motion.")
            (self.seconder if self.proposer.currentData() else self.proposer).setFocus()
            return
        self.accept()

    def movers(self) -> tuple[str, str] | None:
        if self.proposer is None:
            return None
        return self.proposer.currentData(), self.seconder.currentData()

    def _count(self, form: QFormLayout, label: str, present: int) -> QSpinBox:
        box = QSpinBox()
        box.setRange(0, 100000)
        box.setAccessibleName(label.replace("&", ""))
        form.addRow(label, box)
        return box

    def _by_acclaim(self, key: str) -> None:
        self.acclaim = key
        self._check()

    def counts(self) -> tuple[int, int, int]:
        return self.votes_for.value(), self.votes_against.value(), self.abstentions.value()
