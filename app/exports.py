"""The members register as a spreadsheet: CSV or XLSX, with only the columns the chair chooses.

Plain Python (no Qt, no SQL). Leaving columns out is how a chair shares the list without
personal details, say with the landlord or a councillor. The headings are the ones the importer
recognises, so an exported file can be read back into another association file unchanged.

Interface:
    COLUMNS: dict[str, str]                      column key -> heading, in the order written
    PERSONAL: frozenset[str]                     the keys that are personal details
    parse_columns(text) -> list[str]             "name,role,joined" -> keys; QuorumError if unknown
    export_members(members, path, columns=None)  writes CSV (UTF-8 with BOM) or XLSX by the suffix
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from app.errors import QuorumError
from app.model import Member
from app.saving import save_bytes
from app.words import column_letters

# "name" writes two columns: First name and Surname, as most registers keep them.
COLUMNS: dict[str, str] = {
    "name": "Name",
    "address": "Address",
    "postcode": "Postcode",
    "phone": "Phone",
    "email": "Email",
    "contact_consent": "Contact consent",
    "role": "Role",
    "joined": "Joined",
    "left": "Left",
}
PERSONAL = frozenset({"address", "postcode", "phone", "email", "contact_consent"})
SUFFIXES = (".csv", ".xlsx")

_HEADINGS = {
    "address": ["Address"],
    "postcode": ["Postcode"],
    "phone": ["Phone"],
    "email": ["Email"],
    "contact_consent": ["Happy to be contacted"],
    "role": ["Role"],
    "joined": ["Joined"],
    "left": ["Left"],
    "name": ["First name", "Surname"],
}
_ALIASES = {"consent": "contact_consent", "contact": "contact_consent", "contactconsent": "contact_consent",
            "firstname": "name", "surname": "name", "tel": "phone", "e-mail": "email"}


def parse_columns(text: str) -> list[str]:
    """Column keys from a comma-separated list such as "name, role, joined", in the register's order."""
    wanted = []
    for part in (part.strip() for part in text.split(",")):
        word = part.casefold().replace(" ", "").replace("_", "")
        if not word:
            continue
        key = _ALIASES.get(word, word)
        if key not in COLUMNS:
            raise QuorumError(f"There is no column called “{part}”; choose from {', '.join(COLUMNS)}.")
        wanted.append(key)
    if not wanted:
        raise QuorumError(f"Please name at least one column, such as {', '.join(list(COLUMNS)[:3])}.")
    return [key for key in COLUMNS if key in wanted]


def export_members(members: Iterable[Member], path: Path, columns: Iterable[str] | None = None) -> int:
    """Write the members to ``path`` (.csv or .xlsx); returns how many were written.

    The file appears whole or not at all: a crash or a full disk never leaves half a register.
    """
    path = Path(path)
    keys = [key for key in COLUMNS if key in set(columns)] if columns is not None else list(COLUMNS)
    if not keys:
        raise QuorumError("Please choose at least one column to save.")
    suffix = path.suffix.casefold()
    if suffix not in SUFFIXES:
        raise QuorumError(f"Quorum saves members as .csv or .xlsx; “{path.name}” ends in neither.")
    headings = [heading for key in keys for heading in _HEADINGS[key]]
    rows = [_row(member, keys) for member in members]
    data = _csv_bytes(headings, rows) if suffix == ".csv" else _xlsx_bytes(headings, rows)
    save_bytes(path, data)
    return len(rows)


def _row(member: Member, keys: list[str]) -> list[str | date | None]:
    values: dict[str, list[str | date | None]] = {
        "name": [member.first_name, member.surname],
        "address": [member.address],
        "postcode": [member.postcode],
        "phone": [member.phone],
        "email": [member.email],
        "contact_consent": ["yes" if member.contact_consent else "no"],
        "role": [member.role.capitalize()],
        "joined": [member.joined],
        "left": [member.left],
    }
    return [value for key in keys for value in values[key]]


def _csv_bytes(headings: list[str], rows: list[list]) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel reads Siobhán as SiobhÃ¡n."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows([[_csv_cell(value) for value in row] for row in rows])
    return text.getvalue().encode("utf-8-sig")


def _csv_cell(value) -> str:
    """Dates as 2026-11-24, which Excel reads as a date in any country; text that Excel would
    run as a formula (=, @, or + and - before anything but a phone number) gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text[:1] in ("=", "@") or (text[:1] in ("+", "-") and not _phone_like(text)):
        return "'" + text
    return text


def _phone_like(text: str) -> bool:
    return all(char.isdigit() or char in "+- ()" for char in text) and any(char.isdigit() for char in text)


def _xlsx_bytes(headings: list[str], rows: list[list]) -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Members")
    sheet.freeze_panes = "A2"
    for index, heading in enumerate(headings):
        sheet.column_dimensions[column_letters(index)].width = 32 if heading in ("Address", "Email") else 16
    bold = Font(bold=True)
    sheet.append([_xlsx_cell(sheet, heading, bold) for heading in headings])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value, font=None):
    """Text stays text even when it starts with "=", so a name can never become a formula."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, date):
        cell.number_format = "d mmmm yyyy"
    if font is not None:
        cell.font = font
    return cell
