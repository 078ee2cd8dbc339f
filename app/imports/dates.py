"""Dates as chairs type them: 3/4/2019, 3rd April 2019, April 2019, 2019-04-03, and Excel's own dates."""

from __future__ import annotations

import re
from datetime import date

from app.words import MONTHS

_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE_FORMS = (
    # (pattern, order of year/month/day groups)
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?"), "ymd"),
    (re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?: .*)?"), "dmy"),
    (re.compile(rf"(\d{{1,2}}){_ORDINAL}[\s/-]+([a-z]+)\.?,?[\s/-]+(\d{{4}}|\d{{2}})"), "dmy"),
    (re.compile(rf"([a-z]+)\.?\s+(\d{{1,2}}){_ORDINAL},?\s+(\d{{4}})"), "mdy"),
    (re.compile(r"([a-z]+)\.?,?[\s/-]+(\d{4}|\d{2})"), "my"),
    (re.compile(r"(\d{1,2})[/.-](\d{4})"), "my"),
    (re.compile(r"(\d{4})"), "y"),
)


def read_date(text: str) -> date | None:
    """Dates as UK chairs write them; a month alone means its first day, a year alone 1 January."""
    text = text.casefold().strip()
    for pattern, order in _DATE_FORMS:
        match = pattern.fullmatch(text)
        if match:
            return _date_from_parts(dict(zip(order, match.groups(), strict=True)))
    return None


def _month_number(text: str) -> int | None:
    """Months by name, whole or shortened: "Feb", "Sept", "February"."""
    found = (number for number, name in enumerate(MONTHS, 1) if name.casefold().startswith(text))
    return next(found, None) if len(text) >= 3 else None


def _date_from_parts(parts: dict[str, str]) -> date | None:
    month_text = parts.get("m", "1")
    month = int(month_text) if month_text.isdigit() else _month_number(month_text)
    year = int(parts["y"])
    if year < 100:  # "8/2/21": this century unless that would be in the future
        year += 2000 if 2000 + year <= date.today().year else 1900
    try:
        found = date(year, month or 0, int(parts.get("d", "1")))
    except ValueError:
        return None
    return found if 1900 <= found.year <= 2100 else None
