"""The history of changes: when, on which laptop, what."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.services.history import HistoryEntry
from app.words import fold, long_date

COLUMNS = ("When", "Laptop", "What")


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[HistoryEntry] = []
        self._shown: list[HistoryEntry] = []

    def load(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self._all = self._shown = list(entries)
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        words = fold(text).split()
        self.beginResetModel()
        self._shown = [e for e in self._all if all(w in fold(f"{e.device} {e.what}") for w in words)]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        entry = self._shown[index.row()]
        when = f"{long_date(entry.when.date())} {entry.when:%H:%M}"
        return (when, entry.device, entry.what)[index.column()]
