"""Motions put to one meeting, with their result once voted."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app import model

COLUMNS = ("Motion", "Proposed and seconded", "Result")


class MotionsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._motions: list[model.Motion] = []
        self._names: dict[str, str] = {}

    def load(self, motions: list[model.Motion], names: dict[str, str]) -> None:
        self.beginResetModel()
        self._motions, self._names = list(motions), names
        self.endResetModel()

    def motion_at(self, row: int) -> model.Motion:
        return self._motions[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._motions)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        motion = self._motions[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return motion.text
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        movers = " / ".join(self._names.get(i or "", "") for i in (motion.proposer_id, motion.seconder_id)).strip(" /")
        label = ("Amendment: " if motion.amends_id else "") + motion.text
        return (label, movers, motion.result_text or "Not yet voted")[index.column()]
