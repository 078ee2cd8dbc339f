"""Adding or editing one member: the few details a chair needs, in plain words."""

from __future__ import annotations

from datetime import date

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
    QSpinBox,
    QVBoxLayout,
)

from app import model
from ui.forms import LinesBox, name_buttons


class MemberDialog(QDialog):
    """Returns a Member with the typed details; the caller saves it through the services."""

    def __init__(self, member: model.Member | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit member" if member else "Add a member")
        self.original = member
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.first_name = self._line(form, "&First name", member.first_name if member else "")
        self.surname = self._line(form, "&Surname", member.surname if member else "")
        self.address = self._line(form, "&Address", member.address if member else "",
                                  "For a flat, write it as the close does: Flat 2/1, 84 Dumbarton Road")
        self.postcode = self._line(form, "&Postcode", member.postcode if member else "")
        self.phone = self._line(form, "P&hone", member.phone if member else "")
        self.email = self._line(form, "&Email", member.email if member else "")
        self.consent = QCheckBox("Happy to be contacted about the association")
        self.consent.setAccessibleName("Happy to be contacted about the association")
        self.consent.setChecked(bool(member and member.contact_consent))
        form.addRow("", self.consent)
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        self.role.addItems([r.capitalize() for r in model.ROLES])
        self.role.setCurrentIndex(model.ROLES.index(member.role) if member else model.ROLES.index("member"))
        form.addRow("&Role", self.role)
        self.joined = QDateEdit()
        self.joined.setAccessibleName("Date joined")
        self.joined.setDisplayFormat("d MMMM yyyy")
        self.joined.setCalendarPopup(True)
        joined = member.joined if member and member.joined else date.today()
        self.joined.setDate(QDate(joined.year, joined.month, joined.day))
        form.addRow("&Joined", self.joined)
        self.birth_year = QSpinBox()
        self.birth_year.setAccessibleName("Year of birth (only if the constitution sets a voting age)")
        self.birth_year.setRange(1900, date.today().year)
        self.birth_year.setSpecialValueText("Not given")
        self.birth_year.setMinimum(1899)
        self.birth_year.setValue(member.birth_year if member and member.birth_year else 1899)
        form.addRow("&Year of birth", self.birth_year)
        self.notes = LinesBox(member.notes if member else "", least=2, most=4)
        self.notes.setAccessibleName("Notes")
        form.addRow("&Notes", self.notes)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setAccessibleName("Problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        name_buttons(buttons)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _line(self, form: QFormLayout, label: str, text: str, tip: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setAccessibleName(label.replace("&", ""))
        if tip:
            edit.setToolTip(tip)
            edit.setPlaceholderText(tip.split(": ")[-1])
        form.addRow(label, edit)
        return edit

    def _check(self) -> None:
        if not (self.first_name.text().strip() or self.surname.text().strip()):
            self.problem.setText("Please give the member's name.")
            self.surname.setFocus()
            return
        self.accept()

    def member(self) -> model.Member:
        """The details as typed; keeps the id (and left date) of the member being edited."""
        joined = self.joined.date()
        return model.Member(
            first_name=self.first_name.text().strip(),
            surname=self.surname.text().strip(),
            address=" ".join(self.address.text().split()),
            postcode=self.postcode.text().strip().upper(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            contact_consent=self.consent.isChecked(),
            joined=date(joined.year(), joined.month(), joined.day()),
            role=model.ROLES[self.role.currentIndex()],
            birth_year=self.birth_year.value() if self.birth_year.value() >= 1900 else None,
            notes=self.notes.toPlainText().strip(),
            left=self.original.left if self.original else None,
            id=self.original.id if self.original else "",
        )

    def changed_fields(self) -> dict:
        """Only what the chair changed, so the edit travels to head office as a small patch."""
        new = self.member()
        if self.original is None:
            return {}
        return {name: getattr(new, name) for name in vars(new)
                if name != "id" and getattr(new, name) != getattr(self.original, name)}
