"""The meetings list: upcoming first, then past meetings newest first."""

from __future__ import annotations

from datetime import date

from app import model
from app.words import weekday_date
from ui.models.rows import RowsModel

STATUS_WORDS = {"draft": "Planned", "open": "In progress", "closed": "Held"}
MINUTES_WORDS = {"draft": "Draft", "approved": "Approved"}
COLUMNS = ("Date", "Meeting", "Time", "Venue", "Status", "Minutes")


def meeting_order(meetings: list[model.Meeting], today: date) -> list[model.Meeting]:
    upcoming = sorted((m for m in meetings if m.date >= today and m.status != "closed"), key=lambda m: m.date)
    past = sorted((m for m in meetings if m not in upcoming), key=lambda m: m.date, reverse=True)
    return upcoming + past


class MeetingsModel(RowsModel):
    columns = COLUMNS

    def load(self, meetings: list[model.Meeting], today: date | None = None) -> None:
        self.set_rows(meeting_order(meetings, today or date.today()))

    def meeting_at(self, row: int) -> model.Meeting:
        return self.row_at(row)

    def cell(self, meeting: model.Meeting, column: int):
        return CELLS[column](meeting)


# One per column, so a cell formats only itself: a table's paint asks for each cell's text many times.
CELLS = (
    lambda meeting: weekday_date(meeting.date),
    lambda meeting: meeting.heading,
    lambda meeting: meeting.time,
    lambda meeting: meeting.venue,
    lambda meeting: STATUS_WORDS.get(meeting.status, meeting.status),
    lambda meeting: MINUTES_WORDS.get(meeting.minutes_status, meeting.minutes_status),
)
