"""How Quorum writes and compares words in British English: 24 November 2026, 19:30, "A, B and C".

Month and day names are spelled out here rather than taken from ``strftime``, which follows
the computer's locale and could print "novembre" on a French laptop. Comparisons ignore accents,
so Ó Dónaill sorts with the Os and "siob" finds Siobhán.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Letters that Unicode does not decompose into a base letter and an accent.
_PLAIN_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae"}
)

# Words that belong to the surname when a name is only a string: "Seán Ó Dónaill".
_SURNAME_PARTICLES = {"ó", "o", "ní", "nic", "mac", "mc", "de", "da", "di", "du", "van", "von", "le", "la", "del"}


def long_date(day: date | None) -> str:
    """24 November 2026 (empty when there is no date)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def day_and_month(day: date) -> str:
    """24 November, for a date in the current year."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def weekday_date(day: date | None) -> str:
    """Tuesday 24 November 2026, for headings and notices where the weekday helps people plan."""
    return f"{WEEKDAYS[day.weekday()]} {long_date(day)}" if day else ""


def meeting_title(kind: str, day: date | None = None) -> str:
    """'the General Meeting of 16 December 2025'."""
    heading = f"{kind.title()} Meeting"
    return f"the {heading} of {long_date(day)}" if day else heading


def plural(count: int, word: str, many: str | None = None) -> str:
    """1 member, 23 members."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def join_names(names: Iterable[str]) -> str:
    """A, B and C: a list as it is read aloud."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _without_accents(text: str) -> str:
    if text.isascii():  # most addresses, postcodes and phones: nothing to take off (and 5,000 members to fold)
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def collation_key(text: str) -> str:
    """Sort Ó Dónaill with the Os and Łukasz with the Ls, not after Z as plain code points would."""
    return "".join(ch for ch in _without_accents(text) if ch.isalnum()).casefold()


def fold(text: str) -> str:
    """What a hurried typist enters: lower case, no accents, no apostrophes, hyphens, dots or commas."""
    plain = _without_accents(text).casefold()
    for mark in ("'", "’", "‘", "-", ".", ","):
        plain = plain.replace(mark, "")
    return plain


def surname_order(name: str) -> tuple[str, str]:
    """Order a name known only as text (a candidate, a guest) by its likely surname."""
    words = name.split()
    start = max(len(words) - 1, 0)
    while start > 1 and words[start - 1].casefold() in _SURNAME_PARTICLES:
        start -= 1
    return (collation_key(" ".join(words[start:])), collation_key(" ".join(words[:start])))


def column_letters(index: int) -> str:
    """A spreadsheet's name for a column: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
