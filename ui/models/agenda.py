"""The agenda of one meeting, numbered, with the current item marked."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from app import model


class AgendaModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[model.AgendaItem] = []
        self.current_id: str | None = None

    def load(self, items: list[model.AgendaItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> model.AgendaItem:
        return self._items[row]

    def row_of(self, item_id: str | None) -> int:
        return next((row for row, item in enumerate(self._items) if item.id == item_id), -1)

    def set_current(self, item_id: str | None) -> None:
        rows = [self.row_of(self.current_id), self.row_of(item_id)]
        self.current_id = item_id
        for row in rows:
            if row >= 0:
                self.dataChanged.emit(self.index(row), self.index(row))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._items[index.row()]
        current = item.id == self.current_id
        if role == Qt.ItemDataRole.DisplayRole:
            minutes = f"  ({item.expected_minutes} min)" if item.expected_minutes else ""
            return f"{'▶ ' if current else ''}{item.position}. {item.title}{minutes}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Item {item.position}, {item.title}{', current item' if current else ''}"
        if role == Qt.ItemDataRole.FontRole and current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and item.presenter:
            return f"Presented by {item.presenter}"
        return None
