"""The meetings list: upcoming first, then past meetings newest first."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app import model
from app.words import weekday_date

STATUS_WORDS = {"draft": "Planned", "open": "In progress", "closed": "Held"}
MINUTES_WORDS = {"draft": "Draft", "approved": "Approved"}
COLUMNS = ("Date", "Meeting", "Time", "Venue", "Status", "Minutes")


def meeting_order(meetings: list[model.Meeting], today: date) -> list[model.Meeting]:
    upcoming = sorted((m for m in meetings if m.date >= today and m.status != "closed"), key=lambda m: m.date)
    past = sorted((m for m in meetings if m not in upcoming), key=lambda m: m.date, reverse=True)
    return upcoming + past


class MeetingsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._meetings: list[model.Meeting] = []

    def load(self, meetings: list[model.Meeting], today: date | None = None) -> None:
        self.beginResetModel()
        self._meetings = meeting_order(meetings, today or date.today())
        self.endResetModel()

    def meeting_at(self, row: int) -> model.Meeting:
        return self._meetings[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._meetings)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        meeting = self._meetings[index.row()]
        return (
            weekday_date(meeting.date),
            meeting.heading,
            meeting.time,
            meeting.venue,
            STATUS_WORDS.get(meeting.status, meeting.status),
            MINUTES_WORDS.get(meeting.minutes_status, meeting.minutes_status),
        )[index.column()]

    def flags(self, index):
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
