"""Member lists as chairs really keep them: CSV and Excel files, read into Members.

Plain Python (no Qt, no SQL). Importing is two steps, so the chair can check the columns and the
problems before anything is saved:

    table = read_table(path)                         # ImportFileError: one sentence for the chair
    result = preview(table, existing=held_members)   # columns guessed unless a mapping is given
    save(result.members)                             # the importable, non-duplicate rows
    print(summary(result, imported=len(result.members)))

Interface:
    Table(headers, rows, encoding, delimiter)       what was read; rows are (line, cells)
    read_table(path) -> Table
    FIELD_LABELS: dict[str, str]                     field name -> label for a mapping screen
    guess_mapping(headers) -> dict[str, int]         field name -> column index
    Problem(line, message, kind)                     str() gives "line 7: ..."
    ImportRow(line, member, problems, duplicate)     member is None when the row has no name
    Preview(table, mapping, rows, ignored_columns)   .importable .members .duplicates .problems
    preview(table, mapping=None, existing=()) -> Preview
    summary(preview, imported, dry_run=False) -> str
    duplicate_key(member) -> str                     the store uses it to spot duplicates too

Line numbers are the row numbers the chair sees in Excel: the heading row is usually line 1,
so the first member is on line 2. Cells are text, ``date`` (only from Excel cells) or None.
Problem kinds: "missing name", "date", "role", "consent", "duplicate".
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import charset_normalizer
import openpyxl

from app.errors import ImportFileError
from app.model import ROLES, Member
from app.words import MONTHS, collation_key, column_letters, plural

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


def _words(text: str) -> frozenset[str]:
    """Word lists read best as plain text."""
    return frozenset(text.split())


_NOT_READABLE = "This file is not a spreadsheet or a CSV file that Quorum can read."


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


# Reading the file ------------------------------------------------------------------------------


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
        records = [[cell or None for cell in record] for record in reader]
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
        headers=[_clean(cell) for cell in _padded(headings, width)],
        rows=[(line, _padded(cells, width)) for line, cells in body],
        encoding=encoding,
        delimiter=delimiter,
    )


def _blank(cells: list[Cell]) -> bool:
    return not any(_clean(cell) for cell in cells)


def _used_width(cells: list[Cell]) -> int:
    """Excel pads CSV rows with empty trailing cells; they are not columns."""
    return max((index + 1 for index, cell in enumerate(cells) if _clean(cell)), default=0)


def _padded(cells: list[Cell], width: int) -> list[Cell]:
    return (list(cells) + [None] * width)[:width]


def _heading_position(numbered: list[tuple[int, list[Cell]]]) -> int:
    """The first row naming two known columns, else one, else the first row if it is not a member."""
    counts = [sum(_field_for(_clean(cell)) is not None for cell in cells) for _, cells in numbered[:10]]
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
    text = _clean(cell)
    return isinstance(cell, date) or "@" in text or sum(char.isdigit() for char in text) >= 4


# Which column holds what -----------------------------------------------------------------------

_HEADINGS = {
    "first_name": _words("firstname firstnames forename forenames givenname givennames christianname first"),
    "surname": _words("surname lastname familyname secondname last"),
    "name": _words("name fullname membername nameofmember tenantname residentname"),
    "flat": _words("flat flatno flatnumber flatposition"),
    "address": _words("address streetaddress address1 addressline1 homeaddress street"),
    "address2": _words("address2 addressline2 streetaddress2"),
    "address3": _words("address3 addressline3 streetaddress3"),
    "town": _words("town city towncity"),
    "postcode": _words("postcode postalcode zipcode"),
    "phone": _words(
        "phone tel telephone phonenumber phoneno telno telephonenumber telephoneno "
        "mobile mobilenumber mobileno mob contactnumber landline"
    ),
    "email": _words("email emailaddress emailaddr"),
    "contact_consent": _words(
        "happytobecontacted consent contactconsent consenttocontact oktocontact okaytocontact "
        "cancontact emailconsent gdprconsent gdpr"
    ),
    "joined": _words("joined datejoined membersince joiningdate dateofjoining joindate memberfrom"),
    "role": _words("role position office officebearer committeerole postheld"),
    "birth_year": _words("yearofbirth born dateofbirth dob birthyear birthdate yob"),
    "notes": _words("notes note comments comment remarks"),
}
_HEADING_FIELDS = {key: name for name, keys in _HEADINGS.items() for key in keys}
# Longer wordings such as "Phone (mobile)" or "Date joined (dd/mm/yyyy)" start with a known one;
# short words ("name", "tel") must match whole, or "Name of landlord" would be a member's name.
_HEADING_PREFIXES = sorted((key for key in _HEADING_FIELDS if len(key) >= 5), key=len, reverse=True)


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """Field name -> column index, from headings in any order, case and punctuation."""
    mapping: dict[str, int] = {}
    for exact in (True, False):
        for index, heading in enumerate(headers):
            found = _HEADING_FIELDS.get(_heading_key(heading)) if exact else _field_for(heading)
            if found and found not in mapping and index not in mapping.values():
                mapping[found] = index
    if "name" in mapping and "surname" in mapping and "first_name" not in mapping:
        mapping["first_name"] = mapping.pop("name")  # "Name" beside "Surname" is the first name
    return mapping


def _field_for(heading: str) -> str | None:
    key = _heading_key(heading)
    if key in _HEADING_FIELDS:
        return _HEADING_FIELDS[key]
    return next((_HEADING_FIELDS[p] for p in _HEADING_PREFIXES if key.startswith(p)), None)


def _heading_key(heading: str) -> str:
    return collation_key(str(heading))


def _ignored_columns(table: Table, mapping: dict[str, int]) -> list[str]:
    """Columns the import leaves out, named as the chair sees them, unless they are empty."""
    used = set(mapping.values())
    return [
        heading or f"column {column_letters(index)} (no heading)"
        for index, heading in enumerate(table.headers)
        if index not in used and (heading or any(_clean(cells[index]) for _, cells in table.rows))
    ]


# From cells to a Member ------------------------------------------------------------------------


def preview(table: Table, mapping: dict[str, int] | None = None, existing: Iterable[Member] = ()) -> Preview:
    """Turn each row into a Member (or a reason it cannot be one), flagging likely duplicates."""
    mapping = guess_mapping(table.headers) if mapping is None else _checked_mapping(mapping, table)
    held = {duplicate_key(member): member for member in existing}
    seen: dict[str, int] = {}
    rows = [_import_row(line, cells, mapping, held, seen) for line, cells in table.rows]
    return Preview(table, dict(mapping), rows, _ignored_columns(table, mapping))


def _checked_mapping(mapping: dict[str, int], table: Table) -> dict[str, int]:
    """A mapping from the UI must name known fields and real columns; anything else is a bug."""
    for name, index in mapping.items():
        if name not in FIELD_LABELS or not 0 <= index < len(table.headers):
            raise ValueError(f"bad column mapping {name!r} -> {index!r}")
    return mapping


def _import_row(
    line: int, cells: list[Cell], mapping: dict[str, int], held: dict[str, Member], seen: dict[str, int]
) -> ImportRow:
    values = {name: cells[index] for name, index in mapping.items()}
    member, problems = _read_member(line, values)
    row = ImportRow(line, member, problems)
    if member is None:
        return row
    key = duplicate_key(member)
    if key in held:
        message = f"{_who(member)} is already in the member list; skipped"
    elif key in seen:
        message = f"{_who(member)} looks like a duplicate of line {seen[key]}; skipped"
    else:
        seen[key] = line
        return row
    row.problems.append(Problem(line, message, "duplicate"))
    row.duplicate = True
    return row


def _who(member: Member) -> str:
    return f"{member.name} ({member.address})" if member.address else member.name


def _read_member(line: int, values: dict[str, Cell]) -> tuple[Member | None, list[Problem]]:
    first_name, surname = _names(values)
    if not (first_name or surname):
        return None, [Problem(line, "no name given; not imported", "missing name")]
    if any(char.isdigit() for char in first_name + surname):  # a "Total: 60" row, or a stray number
        name = f"{first_name} {surname}".strip()
        return None, [Problem(line, f"'{name}' does not look like a name; not imported", "missing name")]
    problems: list[Problem] = []

    def note(kind: str, message: str) -> None:
        problems.append(Problem(line, message, kind))

    member = Member(
        first_name=first_name,
        surname=surname,
        address=_address(values),
        postcode=_postcode(_clean(values.get("postcode"))),
        phone=_phone(_clean(values.get("phone"))),
        email="".join(_clean(values.get("email")).removeprefix("mailto:").split()),
        contact_consent=_consent(values.get("contact_consent"), note),
        joined=_joined(values.get("joined"), note),
        role=_role(values.get("role"), note),
        birth_year=_birth_year(values.get("birth_year"), note),
        notes=_clean(values.get("notes")),
    )
    return member, problems


def _clean(cell: Cell) -> str:
    """Trim and collapse spaces, including the odd and invisible ones copy-and-paste brings."""
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    return " ".join(str(cell).translate(_TIDY).split())


_TIDY = str.maketrans(
    {char: " " for char in [*range(0x20), *range(0x7F, 0xA0)]}
    | dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
)


def _names(values: dict[str, Cell]) -> tuple[str, str]:
    first_name, surname = _clean(values.get("first_name")), _clean(values.get("surname"))
    if not (first_name or surname):
        first_name, surname = _split_name(_clean(values.get("name")))
    return _name_case(first_name), _name_case(surname, surname=True)


_SPLIT_PARTICLES = _words(
    "van von der den de da di du del della des dos das le la ter ten st st. saint mac mc ó ní nic mhic uí ua"
)
_SUFFIXES = _words("jr jr. sr sr. ii iii iv")


def _split_name(full: str) -> tuple[str, str]:
    """Split a full name at the surname, keeping "van der Berg" or "Ó Dónaill" whole.

    "MacLeod, Siobhán" (surname first, with a comma) is how many registers are kept.
    """
    if "," in full:
        surname, _, first_name = full.partition(",")
        return first_name.strip(" ,"), surname.strip()
    words = full.split()
    if len(words) < 2:
        return "", full
    end = len(words) - 1
    if len(words) > 2 and words[-1].casefold() in _SUFFIXES:
        end -= 1
    start = next((i for i in range(1, end) if words[i].casefold() in _SPLIT_PARTICLES), end)
    return " ".join(words[:start]), " ".join(words[start:])


_LOWER_PARTICLES = _words("van von der den de da di du del della des dos das le la ter ten an na a' a’")
_CAPITAL_WHEN_FIRST = _words("da di du le la")  # "Di Resta", "Le Brun"
# Names that start with "Mac" but are not Mac + a capitalised name.
_NOT_MAC = _words(
    "mack mackie macey machin machar macari machado macias macedo mackintosh macintosh mackle macklin "
    "mackey macken macbeth macer macon macro mace maceo"
)


def _name_case(name: str, surname: bool = False) -> str:
    """Title-case names typed all in capitals or all in small letters; leave mixed case as typed."""
    if not (name.isupper() or name.islower()):
        return name
    words = name.split(" ")
    return " ".join(_word_case(word, surname, i, len(words)) for i, word in enumerate(words))


def _word_case(word: str, surname: bool, position: int, count: int) -> str:
    lower = word.lower()
    particle = lower in _LOWER_PARTICLES and position < count - 1
    if surname and particle and (position > 0 or lower not in _CAPITAL_WHEN_FIRST):
        return lower
    gaelic = re.fullmatch(r"([tnh])-(\w.*)", word, flags=re.IGNORECASE)
    if surname and gaelic:  # "Mac an t-Saoir"
        return f"{gaelic[1].lower()}-{_word_case(gaelic[2], surname, 0, 1)}"
    pieces = re.split(r"([-'’])", word)
    return "".join(_piece_case(piece, surname) for piece in pieces)


def _piece_case(piece: str, surname: bool) -> str:
    lower = piece.lower()
    if surname and lower.startswith("mc") and len(lower) > 2:
        return "Mc" + lower[2].upper() + lower[3:]
    if surname and lower.startswith("mac") and len(lower) > 5 and lower not in _NOT_MAC:
        return "Mac" + lower[3].upper() + lower[4:]
    return piece[:1].upper() + lower[1:]


def _address(values: dict[str, Cell]) -> str:
    """Join the address columns; a flat number Excel turned into a date goes back to "2/1"."""
    parts = (_address_part(values.get(name)) for name in ("flat", "address", "address2", "address3", "town"))
    return ", ".join(part for part in parts if part)


def _address_part(cell: Cell) -> str:
    if isinstance(cell, date):
        return f"{cell.day}/{cell.month}"
    lines = (_clean(line).strip(" ,") for line in str(cell or "").splitlines())
    return ", ".join(line for line in lines if line)


_POSTCODE = re.compile(r"([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})")


def _postcode(text: str) -> str:
    """Tidy a UK postcode ("g159eq" -> "G15 9EQ"); anything else is kept as typed."""
    match = _POSTCODE.fullmatch(text.replace(" ", "").upper())
    return f"{match[1]} {match[2]}" if match else text


def _phone(text: str) -> str:
    """Put back the leading 0 (or +) a number cell drops; otherwise keep the number as typed."""
    text = re.sub(r"^(\d+)\.0$", r"\1", text)
    if re.fullmatch(r"[1-9]\d{8,9}", text):
        return "0" + text
    if re.fullmatch(r"44\d{10}", text):
        return "+" + text
    return text


_YES = _words("yes y true 1 x ✓ ✔ ☑ ok agreed agree")
_NO = _words("no n false 0 ✗ ✘ ☐ - none")

Note = Callable[[str, str], None]


def _consent(cell: Cell, note: Note) -> bool:
    """Only a clear yes counts as consent; anything unclear is recorded as no, and said so."""
    answer = _clean(cell).casefold().strip(".!")
    if answer in _YES:
        return True
    if answer and answer not in _NO:
        note(
            "consent", f"could not tell whether '{_clean(cell)}' means happy to be contacted; recorded as no"
        )
    return False


def _joined(cell: Cell, note: Note) -> date | None:
    if cell is None or isinstance(cell, date):
        return cell
    found = _read_date(_clean(cell))
    if found is None and _clean(cell):
        note("date", f"could not read the date joined '{_clean(cell)}'; left blank")
    return found


def _birth_year(cell: Cell, note: Note) -> int | None:
    """Only the year is kept, even from a full date of birth: it is all the voting-age rule needs."""
    text = _clean(cell)
    if not text:
        return None
    found = cell if isinstance(cell, date) else _read_date(text)
    year = found.year if found else None
    if year is None or not 1900 <= year <= date.today().year:
        note("date", f"could not read the year of birth '{text}'; left blank")
        return None
    return year


_ROLE_SYNONYMS = {
    "chair": "chairperson chairman chairwoman convener convenor president",
    "vice-chair": "vicechairperson vicechairman vicechairwoman deputechair deputychair viceconvener "
    "viceconvenor vicepresident vice",
    "secretary": "sec minutesecretary",
    "treasurer": "treas",
    "committee member": "committee ordinarycommitteemember coopted cooptedmember cooptedcommitteemember",
    "member": "ordinarymember fullmember tenant resident",
    "associate member": "associate nonvotingmember honorarymember",
}
_ROLE_WORDS = {collation_key(role): role for role in ROLES} | {
    word: role for role, words in _ROLE_SYNONYMS.items() for word in words.split()
}


def _role(cell: Cell, note: Note) -> str:
    """Map the many words for an office onto Quorum's roles ("Hon. Secretary" is the secretary)."""
    text = _clean(cell)
    key = collation_key(text)
    role = _ROLE_WORDS.get(key) or _ROLE_WORDS.get(re.sub(r"^hon(orary)?", "", key))
    if role:
        return role
    if text:
        note("role", f"did not recognise the role '{text}'; recorded as member")
    return "member"


# Dates -----------------------------------------------------------------------------------------

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


def _read_date(text: str) -> date | None:
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


# Duplicates and the report ---------------------------------------------------------------------


def _squeezed(text: str) -> str:
    """Letters and digits only, so "O'Neill" matches "ONeill"; flat "1/12" still differs from "11/2"."""
    return "/".join(collation_key(part) for part in re.split(r"(?<=\d)[\W_]+(?=\d)", text))


def duplicate_key(member: Member) -> str:
    """Name and address, ignoring case, spaces, punctuation and accents: equal keys are likely one person."""
    return f"{_squeezed(member.first_name + ' ' + member.surname)}|{_squeezed(member.address)}"


def summary(preview: Preview, imported: int, dry_run: bool = False) -> str:
    """The chair's report: counts on the first line, then each problem with its line number."""
    if not preview.mapping.keys() & {"first_name", "surname", "name"}:
        headings = ", ".join(heading for heading in preview.table.headers if heading)
        return (
            "No column holds the members' names, so no members can be imported "
            f"(the headings are: {headings})."
        )
    did, skip = ("Would import", "would skip") if dry_run else ("Imported", "skipped")
    lines_with_problems = len({problem.line for problem in preview.problems})
    head = f"{did} {plural(imported, 'member')}; {skip} {plural(len(preview.duplicates), 'duplicate')}; "
    if not lines_with_problems:
        report = [head + "no rows had problems."]
    else:
        report = [head + f"{plural(lines_with_problems, 'row')} had problems:"]
        report += [f"  {problem}" for problem in preview.problems]
    if preview.ignored_columns:
        report.append("Columns not imported: " + ", ".join(preview.ignored_columns) + ".")
    return "\n".join(report)
