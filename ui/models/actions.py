"""Actions agreed at a meeting: what, who, by when, and whether done."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app import asks, model
from app.words import long_date
from ui.models.rows import RowsModel

ANSWER_COLUMN = 4
STATUS_WORDS = {"open": "Open", "done": "Done", "dropped": "Dropped"}


class ActionsModel(RowsModel):
    columns = ("Action", "Who", "Due", "Status", "Landlord's answer")

    def load(self, actions: list[model.Action]) -> None:
        self.set_rows(actions)

    def action_at(self, row: int) -> model.Action:
        return self.row_at(row)

    def cell(self, action: model.Action, column: int):
        if column == ANSWER_COLUMN:
            return asks.answer_line(action) if action.ask_of_landlord else ""
        who = asks.who_is_asked(action) if action.ask_of_landlord else action.owner_name
        status = STATUS_WORDS.get(action.status, action.status)
        return (action.description, who, long_date(action.due), status)[column]

    def extra(self, action: model.Action, column: int, role):
        """The whole answer as a tooltip, for when the column is too narrow to show it all."""
        if role == Qt.ItemDataRole.ToolTipRole and column == ANSWER_COLUMN and action.ask_of_landlord:
            return asks.answer_line(action)
        return None
