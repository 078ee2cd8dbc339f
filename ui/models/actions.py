"""Actions agreed at a meeting: what, who, by when, and whether done."""

from __future__ import annotations

from app import model
from app.words import long_date
from ui.models.rows import RowsModel

STATUS_WORDS = {"open": "Open", "done": "Done", "dropped": "Dropped"}


class ActionsModel(RowsModel):
    columns = ("Action", "Who", "Due", "Status")

    def load(self, actions: list[model.Action]) -> None:
        self.set_rows(actions)

    def action_at(self, row: int) -> model.Action:
        return self.row_at(row)

    def cell(self, action: model.Action, column: int):
        return (action.description, action.owner_name, long_date(action.due),
                STATUS_WORDS.get(action.status, action.status))[column]
