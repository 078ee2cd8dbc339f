"""The rows of a member list being imported, each with what will happen to it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.imports import ImportRow, Preview
from app.words import long_date
from ui.models.rows import RowsModel

COLUMNS = ("Line", "What happens", "Name", "Address", "Joined", "Role", "Phone", "Email", "Contact")
OUTCOME = 1
SKIPPED = QColor(255, 235, 205)  # amber: the chair may still choose to bring these in
REFUSED = QColor(250, 215, 215)  # red: no name, so nothing can be imported


class ImportRowsModel(RowsModel):
    columns = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.include_duplicates = False

    def load(self, preview: Preview | None) -> None:
        self.set_rows(preview.rows if preview else [])

    def set_include_duplicates(self, include: bool) -> None:
        self.include_duplicates = include
        if self._rows:
            self.dataChanged.emit(self.index(0, OUTCOME), self.index(len(self._rows) - 1, OUTCOME))

    def row_of_line(self, line: int) -> int:
        return next((row for row, each in enumerate(self._rows) if each.line == line), -1)

    def outcome(self, row: ImportRow) -> str:
        if row.member is None:
            return "Not imported: " + row.problems[0].message.split(";")[0]
        if row.duplicate:
            return "Imported, though a likely duplicate" if self.include_duplicates else "Skipped: likely duplicate"
        if row.problems:
            return "Imported, with a note"
        return "Imported"

    def extra(self, row: ImportRow, column: int, role):
        if role == Qt.ItemDataRole.ToolTipRole and row.problems:
            return "\n".join(problem.message for problem in row.problems)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.member is None:
                return QBrush(REFUSED)
            if row.duplicate and not self.include_duplicates:
                return QBrush(SKIPPED)
        if role == Qt.ItemDataRole.ForegroundRole and (row.member is None or row.duplicate):
            return QBrush(QColor(Qt.GlobalColor.black))  # stays readable on the tint in a dark theme
        return None

    def cell(self, row: ImportRow, column: int) -> str:
        if column == 0:
            return str(row.line)
        if column == OUTCOME:
            return self.outcome(row)
        member = row.member
        if member is None:
            return ""
        address = ", ".join(part for part in (member.address, member.postcode) if part)
        return (member.name, address, long_date(member.joined), member.role.capitalize(), member.phone,
                member.email, "Yes" if member.contact_consent else "No")[column - 2]
