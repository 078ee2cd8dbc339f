"""Small forms used during a meeting: an action, a guest."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app import model
from ui.forms import name_buttons

OUTSIDE_BODIES = ("Housing officer", "The landlord", "Council", "Police Scotland")


class ActionDialog(QDialog):
    """What is to be done, by whom (a member or an outside body) and by when."""

    def __init__(self, members: list[model.Member], today: date, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New action")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.description = QLineEdit()
        self.description.setAccessibleName("What is to be done")
        form.addRow("&What", self.description)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.setAccessibleName("Who will do it")
        for member in sorted(members, key=lambda m: m.sort_key):
            self.owner.addItem(member.name, member.id)
        for body in OUTSIDE_BODIES:
            self.owner.addItem(body, None)
        self.owner.setCurrentIndex(-1)
        self.owner.lineEdit().setPlaceholderText("A member, or an outside body such as the housing officer")
        form.addRow("W&ho", self.owner)
        self.due = QDateEdit()
        self.due.setAccessibleName("Due by")
        self.due.setDisplayFormat("d MMMM yyyy")
        self.due.setCalendarPopup(True)
        soon = today + timedelta(days=28)
        self.due.setDate(QDate(soon.year, soon.month, soon.day))
        form.addRow("&Due by", self.due)
        self.ask = QCheckBox("This is an ask of the &landlord")
        self.ask.setAccessibleName("This is an ask of the landlord")
        self.ask.setToolTip("Head office sees it, answers it, and the answer comes back at the next meeting")
        form.addRow("", self.ask)
        self.department = QLineEdit()
        self.department.setAccessibleName("Landlord's department")
        self.department.setPlaceholderText("Optional: for example the repairs team or the estates team")
        self.department.setEnabled(False)
        self.ask.toggled.connect(self._asking)
        form.addRow("De&partment", self.department)
        layout.addLayout(form)
        self.problem = QLabel()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(name_buttons(buttons))
        self.setMinimumWidth(520)

    def _check(self) -> None:
        if not self.description.text().strip():
            self.problem.setText("Please say what is to be done.")
            return
        self.accept()

    def _asking(self, asking: bool) -> None:
        """An ask is owned by the landlord, so the owner becomes the landlord unless one is chosen."""
        self.department.setEnabled(asking)
        if asking and not self.owner.currentText().strip():
            self.owner.setCurrentText("The landlord")

    def details(self) -> dict:
        name = self.owner.currentText().strip()
        index = self.owner.findText(name)
        member_id = self.owner.itemData(index) if index >= 0 else None
        due = self.due.date()
        asking = self.ask.isChecked()
        return {"owner_name": name, "owner_member_id": None if asking else member_id,
                "due": date(due.year(), due.month(), due.day()), "ask_of_landlord": asking,
                "landlord_department": self.department.text().strip() if asking else ""}


class GuestDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Guest in attendance")
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setAccessibleName("Guest's name")
        form.addRow("&Name", self.name)
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("Organisation or role")
        self.organisation.setPlaceholderText("For example: Glasgow City Council, housing officer")
        form.addRow("&Organisation or role", self.organisation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(lambda: self.name.text().strip() and self.accept())
        buttons.rejected.connect(self.reject)
        form.addRow(name_buttons(buttons))
        self.setMinimumWidth(440)


class ProxyDialog(QDialog):
    """Whose vote, and who carries it: the holder must be here; the constitution decides the rest."""

    def __init__(self, absent: list[model.Member], present: list[model.Member], parent=None) -> None:
        from ui.console.motion_dialogs import member_choice

        super().__init__(parent)
        self.setWindowTitle("Proxy vote")
        form = QFormLayout(self)
        self.giver = member_choice("Member giving the proxy", absent)
        form.addRow("&Proxy of", self.giver)
        self.holder = member_choice("Held by", present)
        form.addRow("&Held by", self.holder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(lambda: self.giver.currentData() and self.holder.currentData() and self.accept())
        buttons.rejected.connect(self.reject)
        form.addRow(name_buttons(buttons))
        self.setMinimumWidth(440)

    def choose_giver(self, member_id: str) -> None:
        """Start from the member just found at the door, when they are one who may give a proxy."""
        index = self.giver.findData(member_id)
        if index >= 0:
            self.giver.setCurrentIndex(index)
            self.holder.setFocus()
