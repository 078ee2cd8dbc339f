"""How Quorum writes dates, times and meetings in British English: 24 November 2026, 19:30."""

from __future__ import annotations

from datetime import date


def long_date(day: date | None) -> str:
    """'24 November 2026' (no leading zero, as letters and minutes write it)."""
    return f"{day.day} {day:%B %Y}" if day else ""


def weekday_date(day: date | None) -> str:
    """'Tuesday 24 November 2026', for notices and agendas."""
    return f"{day:%A} {long_date(day)}" if day else ""


def meeting_title(kind: str, day: date | None = None) -> str:
    """'the General Meeting of 16 December 2025'."""
    heading = f"{kind.title()} Meeting".replace("Annual General", "Annual General")
    return f"the {heading} of {long_date(day)}" if day else heading
