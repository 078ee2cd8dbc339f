"""What an import reads and what it would do: the table of cells, problems, rows and the preview."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.model import Member

Cell = str | date | None

FIELD_LABELS: dict[str, str] = {
    "first_name": "First name",
    "surname": "Surname",
    "name": "Full name (split into first name and surname)",
    "flat": "Flat",
    "address": "Address",
    "address2": "Address line 2",
    "address3": "Address line 3",
    "town": "Town",
    "postcode": "Postcode",
    "phone": "Phone",
    "email": "Email",
    "contact_consent": "Happy to be contacted",
    "joined": "Date joined",
    "role": "Role",
    "birth_year": "Year of birth",
    "notes": "Notes",
}


def word_set(text: str) -> frozenset[str]:
    """Word lists read best as plain text."""
    return frozenset(text.split())




@dataclass
class Table:
    """The cells of a member list as read from the file, before any meaning is given to them."""

    headers: list[str]
    rows: list[tuple[int, list[Cell]]]
    encoding: str  # "utf-8", "utf-8-sig", "cp1252", "utf-16" ... or "xlsx" for an Excel workbook
    delimiter: str | None  # None for an Excel workbook


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    kind: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class ImportRow:
    line: int
    member: Member | None
    problems: list[Problem] = field(default_factory=list)
    duplicate: bool = False


@dataclass
class Preview:
    """What an import would do, row by row, for the chair to check before saving."""

    table: Table
    mapping: dict[str, int]
    rows: list[ImportRow]
    ignored_columns: list[str]

    @property
    def importable(self) -> list[ImportRow]:
        return [row for row in self.rows if row.member is not None and not row.duplicate]

    @property
    def members(self) -> list[Member]:
        return [row.member for row in self.importable if row.member is not None]

    @property
    def duplicates(self) -> list[ImportRow]:
        return [row for row in self.rows if row.duplicate]

    @property
    def problems(self) -> list[Problem]:
        return sorted((p for row in self.rows for p in row.problems), key=lambda p: p.line)
