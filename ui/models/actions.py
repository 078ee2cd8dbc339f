"""Actions agreed at a meeting: what, who, by when, and whether done."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app import model
from app.words import long_date

COLUMNS = ("Action", "Who", "Due", "Status")
STATUS_WORDS = {"open": "Open", "done": "Done", "dropped": "Dropped"}


class ActionsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._actions: list[model.Action] = []

    def load(self, actions: list[model.Action]) -> None:
        self.beginResetModel()
        self._actions = list(actions)
        self.endResetModel()

    def action_at(self, row: int) -> model.Action:
        return self._actions[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._actions)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        action = self._actions[index.row()]
        return (action.description, action.owner_name, long_date(action.due),
                STATUS_WORDS.get(action.status, action.status))[index.column()]
