"""The history of changes: when, on which laptop, what."""

from __future__ import annotations

from app.services.history import HistoryEntry
from app.words import fold, long_date
from ui.models.rows import RowsModel


class HistoryModel(RowsModel):
    columns = ("When", "Laptop", "What")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[HistoryEntry] = []

    def load(self, entries: list[HistoryEntry]) -> None:
        self._all = list(entries)
        self.set_rows(self._all)

    def set_filter(self, text: str) -> None:
        words = fold(text).split()
        self.set_rows(e for e in self._all if all(w in fold(f"{e.device} {e.what}") for w in words))

    def cell(self, entry: HistoryEntry, column: int):
        return (f"{long_date(entry.when.date())} {entry.when:%H:%M}", entry.device, entry.what)[column]
