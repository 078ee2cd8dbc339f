"""Motions put to one meeting, with their result once voted."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app import model
from ui.models.rows import RowsModel


class MotionsModel(RowsModel):
    columns = ("Motion", "Proposed and\nseconded by", "Result")  # two short lines keep the wording's room

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._names: dict[str, str] = {}

    def load(self, motions: list[model.Motion], names: dict[str, str]) -> None:
        self._names = names
        self.set_rows(motions)

    def motion_at(self, row: int) -> model.Motion:
        return self.row_at(row)

    def cell(self, motion: model.Motion, column: int):
        movers = "\n".join(self._names[i] for i in (motion.proposer_id, motion.seconder_id) if i in self._names)
        label = ("Amendment: " if motion.amends_id else "") + motion.text
        return (label, movers, motion.result_text or "Not yet voted")[column]

    def extra(self, motion: model.Motion, column: int, role):
        return motion.text if role == Qt.ItemDataRole.ToolTipRole else None
