"""Saving the member list as a spreadsheet, with only the columns the chair wants to share."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import exports
from app.words import plural
from ui.background import run_in_background
from ui.forms import fit_to_screen, name_buttons
from ui.import_dialog import show_in_status_bar
from ui.session import Session

FILE_FILTERS = {"Excel workbook (*.xlsx)": ".xlsx", "CSV file for any spreadsheet (*.csv)": ".csv"}
LABELS = {
    "name": "&Name",
    "address": "&Address",
    "postcode": "&Postcode",
    "phone": "P&hone",
    "email": "&Email",
    "contact_consent": "&Contact consent",
    "role": "&Role",
    "joined": "&Joined",
    "left": "&Left",
}


def open_export(session: Session, parent: QWidget | None = None) -> ExportDialog:
    dialog = ExportDialog(session, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class ExportDialog(QDialog):
    """Tick the columns, then Save as… writes a CSV or Excel file (the file's ending decides which)."""

    saved = Signal(str)  # the path written

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        book = session.book
        self._counts = {False: len(book.register.members()), True: len(book.register.members(include_left=True))}
        self.setWindowTitle("Save the member list")
        layout = QVBoxLayout(self)
        intro = QLabel("Choose the columns to save. When you share the list outside the committee, "
                       "leave out personal details: members gave them to the association, not to others.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self._column_box())
        self.include_left = QCheckBox("Include members who have le&ft")
        self.include_left.setAccessibleName("Include members who have left")
        self.include_left.toggled.connect(self._show_count)
        layout.addWidget(self.include_left)
        self.count = QLabel()
        self.count.setAccessibleName("How many members will be saved")
        self.count.setWordWrap(True)
        layout.addWidget(self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton("&Save as…")
        self.save_button.setAccessibleName("Save as")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout.addWidget(name_buttons(buttons))
        self.save_button.setDefault(True)  # only once inside the dialog, or Enter would press Cancel
        self.setMinimumWidth(520)
        self._show_count()
        fit_to_screen(self)

    def _column_box(self) -> QGroupBox:
        box = QGroupBox("Columns")
        grid = QGridLayout(box)
        self.checks: dict[str, QCheckBox] = {}
        for number, (key, label) in enumerate(LABELS.items()):
            check = QCheckBox(label)
            check.setAccessibleName(label.replace("&", ""))
            check.setChecked(True)
            check.toggled.connect(self._show_count)
            self.checks[key] = check
            grid.addWidget(check, number // 3, number % 3)
        row = QHBoxLayout()
        private = QPushButton("Leave &out personal details")
        private.setAccessibleName("Leave out personal details")
        private.setToolTip("Untick address, postcode, phone, email and contact consent")
        private.clicked.connect(self.leave_out_personal_details)
        row.addWidget(private)
        row.addStretch(1)
        grid.addLayout(row, 3, 0, 1, 3)
        return box

    def columns(self) -> list[str]:
        return [key for key, check in self.checks.items() if check.isChecked()]

    def leave_out_personal_details(self) -> None:
        for key in exports.PERSONAL:
            self.checks[key].setChecked(False)

    def _members(self):
        return self.session.book.register.members(include_left=self.include_left.isChecked())

    def _show_count(self) -> None:
        count = self._counts[self.include_left.isChecked()]
        if not self.columns():
            self.count.setText("Tick at least one column.")
        else:
            self.count.setText(f"{plural(count, 'member')} will be saved, with {plural(len(self.columns()), 'column')}"
                               f"{'' if 'name' not in self.columns() else ' (names as first name and surname)'}.")
        self.save_button.setEnabled(bool(self.columns()) and count > 0)

    def choose_file(self) -> None:
        settings = QSettings()
        folder = Path(str(settings.value("export/folder", str(Path.home()))))
        chosen, kind = QFileDialog.getSaveFileName(self, "Save the member list", str(folder / "members.xlsx"),
                                                   ";;".join(FILE_FILTERS))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.casefold() not in exports.SUFFIXES:
            path = path.with_name(path.name + FILE_FILTERS.get(kind, ".xlsx"))
        settings.setValue("export/folder", str(path.parent))
        self.save_to(path)

    def save_to(self, path: Path) -> None:
        """Write the file off the GUI thread; the dialog closes once it is safely on disk."""
        members, columns = self._members(), self.columns()
        self.save_button.setEnabled(False)
        self.count.setText(f"Saving {path.name}…")
        run_in_background(lambda: exports.export_members(members, path, columns),
                          lambda count: self._saved(path, count), self._failed, self)

    def _saved(self, path: Path, count: int) -> None:
        show_in_status_bar(self.parentWidget(), f"Saved {plural(count, 'member')} to {path}.")
        self.saved.emit(str(path))
        self.accept()

    def _failed(self, sentence: str) -> None:
        self.count.setText(f"Nothing was saved: {sentence}")
        self.save_button.setEnabled(True)
