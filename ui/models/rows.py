"""The part every read-only table in Quorum shares: rows in a Python list under fixed headings.

Each table's own model says only what its columns are called and what each cell shows.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole})
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class HeadedModel(QAbstractTableModel):
    """A table under fixed column headings, given as ``columns``."""

    columns: tuple[str, ...] = ()

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None


class RowsModel(HeadedModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row]

    def cell(self, row, column: int):
        """The text shown in one cell."""
        raise NotImplementedError

    def extra(self, row, column: int, role):
        """Anything beyond text (tooltips, fonts); none by default."""
        return None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in TEXT_ROLES:
            return self.cell(row, index.column())
        return self.extra(row, index.column(), role)

    def flags(self, index):
        return READ_ONLY
