"""Text a spreadsheet will not run as a formula (CSV injection): one rule, written twice over.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
apostrophe, which spreadsheets show as text. ``cell`` applies it to values built in Python;
``in_sql`` to a column as the database reads it, so the summary exports go from the database to
the file without a Python step per value.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, literal

RISKY = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    text = "" if value is None else value.isoformat() if isinstance(value, date) else str(value)
    return "'" + text if text.startswith(RISKY) else text


def in_sql(column):
    """``column`` with ``cell``'s rule applied by the database (None stays None, an empty cell)."""
    return case((func.substr(column, 1, 1).in_(RISKY), literal("'") + column), else_=column)
