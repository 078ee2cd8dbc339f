"""Reading member lists as chairs keep them: CSV in any encoding or delimiter, and Excel workbooks,
into a table of cells with its heading row found."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import charset_normalizer
import openpyxl

from app.errors import ImportFileError
from app.imports.cells import clean
from app.imports.columns import field_for
from app.imports.values import Cell, Table

_NOT_READABLE = "This file is not a spreadsheet or a CSV file that Quorum can read."



def read_table(path: Path) -> Table:
    """Read a CSV or XLSX member list; ImportFileError says in one sentence why it could not."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ImportFileError(f"Quorum could not open the file {Path(path).name}.") from error
    if data.startswith(b"PK\x03\x04"):
        return _table(_workbook_rows(data), "xlsx", None)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            "This is an old-style or password-protected Excel file; "
            "please save it as .xlsx or CSV without a password and try again."
        )
    text, encoding = _decode(data)
    text, delimiter = _excel_sep_line(text)
    delimiter = delimiter or _delimiter(text)
    return _table(_text_rows(text, delimiter), encoding, delimiter)


def _decode(data: bytes) -> tuple[str, str]:
    """UTF-8 is tried strictly first: it is the common case, and detection is shaky on short files."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"  # Excel's "Unicode text", tab separated
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding == "utf-16":
            raise ImportFileError(_NOT_READABLE) from None
        data = data.removeprefix(codecs.BOM_UTF8)
        encoding = _guess_encoding(data)
        text = data.decode(encoding, errors="replace")
    return _checked_text(text), encoding


def _guess_encoding(data: bytes) -> str:
    """Windows-1252 when the bytes read as Western text, else charset-normalizer's guess.

    A UK laptop's Excel saves "CSV" in Windows-1252 (a superset of Latin-1's letters). On a short
    list the detector often names a neighbour such as cp1250 or cp1257, which would turn "£" into
    "Ł"; it is trusted for UTF-16 and for other scripts (Cyrillic, Greek ...), where it does well.
    """
    found = charset_normalizer.from_bytes(data).best()
    if found is not None and found.encoding.startswith(("utf_16", "utf_32")):
        return found.encoding
    if _reads_as_western(data):
        return "cp1252"
    if found is None:
        raise ImportFileError(_NOT_READABLE)
    return found.encoding


def _reads_as_western(data: bytes) -> bool:
    """Western names have a few accented letters; another script read as cp1252 is all accents."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    words = re.findall(r"[^\W\d_]{3,}", text)
    foreign = [word for word in words if not word.isascii() and not any(char.isascii() for char in word)]
    return len(foreign) * 3 <= len(words)


def _checked_text(text: str) -> str:
    """Refuse binary junk: a list may hold a stray control character, never a NUL or many of them."""
    text = text.rstrip("\x1a")  # the end-of-file mark old DOS programs leave
    if not text.strip(" \t\r\n\ufeff"):
        raise ImportFileError("The file is empty.")
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\r\n")
    if "\x00" in text or controls > len(text) / 20:
        raise ImportFileError(_NOT_READABLE)
    return text


def _excel_sep_line(text: str) -> tuple[str, str | None]:
    """Excel honours a first line "sep=;" and hides it, so the chair never sees it as a row."""
    first, _, rest = text.partition("\n")
    match = re.fullmatch(r"sep=(.)\r?", first, flags=re.IGNORECASE)
    return (rest, match[1]) if match else (text, None)


def _delimiter(text: str) -> str:
    """csv.Sniffer, checked against the heading line, which rarely holds a stray comma."""
    lines = (line for line in text.splitlines() if line.strip())
    heading = next(lines, "")
    counts = {mark: len(next(csv.reader([heading], delimiter=mark), [])) - 1 for mark in ",;\t"}
    try:
        sniffed = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = None
    if sniffed and (counts[sniffed] > 0 or not any(counts.values())):
        return sniffed
    return max(counts, key=lambda mark: counts[mark]) if any(counts.values()) else ","


def _text_rows(text: str, delimiter: str) -> list[list[Cell]]:
    """One list per record: a quoted address over several lines is still one row in Excel."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records: list[list[Cell]] = [[cell or None for cell in record] for record in reader]
    except csv.Error as error:
        raise ImportFileError("The file is not laid out in rows and columns that Quorum can read.") from error
    if records and _unclosed_quote(records[-1], text):
        raise ImportFileError(
            f"A quotation mark in row {len(records)} is never closed, so Quorum cannot tell where the rows end."
        )
    return records


def _unclosed_quote(last: list[Cell], text: str) -> bool:
    """csv reads an unclosed quote to the end of the file, silently swallowing every row after it."""
    swallowed = str(last[-1] or "") if last else ""
    return ("\n" in swallowed or "\r" in swallowed) and not text.rstrip().endswith('"')


def _workbook_rows(data: bytes) -> list[list[Cell]]:
    """The first worksheet's cell values; openpyxl fails in many ways on damaged files."""
    _check_workbook_parts(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # some programs write a wrong size, which would cut rows off
            rows = [[_workbook_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    except Exception as error:
        raise ImportFileError("The Excel file could not be read; it may be damaged.") from error
    if all(_blank(row) for row in rows):
        raise ImportFileError(
            "The first sheet of the workbook is empty; Quorum reads members from the first sheet."
        )
    return rows


def _check_workbook_parts(data: bytes) -> None:
    """Other zip-based documents start like an Excel file; name them so the chair knows what to do."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise ImportFileError("The Excel file could not be read; it may be damaged.") from error
    if any(name.startswith("xl/") for name in names):
        return
    if "content.xml" in names:
        raise ImportFileError("Quorum cannot read OpenDocument (.ods) files; please save it as .xlsx or CSV.")
    raise ImportFileError(_NOT_READABLE)


def _workbook_cell(value: object) -> Cell:
    """Excel dates become dates; whole numbers lose the ".0" a phone number would otherwise gain."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(records: list[list[Cell]], encoding: str, delimiter: str | None) -> Table:
    """Find the heading row (title rows above it are skipped) and drop blank rows."""
    numbered = [(line, cells) for line, cells in enumerate(records, 1) if not _blank(cells)]
    if not numbered:
        raise ImportFileError("The file is empty.")
    at = _heading_position(numbered)
    headings, body = numbered[at][1], numbered[at + 1 :]
    if not body:
        raise ImportFileError("The file has column headings but no members below them.")
    width = max(_used_width(cells) for _, cells in numbered[at:])
    return Table(
        headers=[clean(cell) for cell in _padded(headings, width)],
        rows=[(line, _padded(cells, width)) for line, cells in body],
        encoding=encoding,
        delimiter=delimiter,
    )


def _blank(cells: list[Cell]) -> bool:
    return not any(clean(cell) for cell in cells)


def _used_width(cells: list[Cell]) -> int:
    """Excel pads CSV rows with empty trailing cells; they are not columns."""
    return max((index + 1 for index, cell in enumerate(cells) if clean(cell)), default=0)


def _padded(cells: list[Cell], width: int) -> list[Cell]:
    return (list(cells) + [None] * width)[:width]


def _heading_position(numbered: list[tuple[int, list[Cell]]]) -> int:
    """The first row naming two known columns, else one, else the first row if it is not a member."""
    counts = [sum(field_for(clean(cell)) is not None for cell in cells) for _, cells in numbered[:10]]
    for wanted in (2, 1):
        if any(count >= wanted for count in counts):
            return next(index for index, count in enumerate(counts) if count >= wanted)
    if any(_looks_like_details(cell) for cell in numbered[0][1]):
        raise ImportFileError(
            "The first row should give the column headings (such as First name, Surname, Address), "
            "but it holds a member's details."
        )
    return 0


def _looks_like_details(cell: Cell) -> bool:
    text = clean(cell)
    return isinstance(cell, date) or "@" in text or sum(char.isdigit() for char in text) >= 4
