"""Cleaning cells: names cased and split as people write them, addresses, postcodes, phones, consent,
roles and years, each with a plain note when a cell cannot be read."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from app.imports.dates import read_date
from app.imports.values import Cell, word_set
from app.model import ROLES
from app.words import collation_key


def clean(cell: Cell) -> str:
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


def names_of(values: dict[str, Cell]) -> tuple[str, str]:
    first_name, surname = clean(values.get("first_name")), clean(values.get("surname"))
    if not (first_name or surname):
        first_name, surname = _split_name(clean(values.get("name")))
    return _name_case(first_name), _name_case(surname, surname=True)


_SPLIT_PARTICLES = word_set(
    "van von der den de da di du del della des dos das le la ter ten st st. saint mac mc ó ní nic mhic uí ua"
)
_SUFFIXES = word_set("jr jr. sr sr. ii iii iv")


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


_LOWER_PARTICLES = word_set("van von der den de da di du del della des dos das le la ter ten an na a' a’")
_CAPITAL_WHEN_FIRST = word_set("da di du le la")  # "Di Resta", "Le Brun"
# Names that start with "Mac" but are not Mac + a capitalised name.
_NOT_MAC = word_set(
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


def address_of(values: dict[str, Cell]) -> str:
    """Join the address columns; a flat number Excel turned into a date goes back to "2/1"."""
    parts = (_address_part(values.get(name)) for name in ("flat", "address", "address2", "address3", "town"))
    return ", ".join(part for part in parts if part)


def _address_part(cell: Cell) -> str:
    if isinstance(cell, date):
        return f"{cell.day}/{cell.month}"
    lines = (clean(line).strip(" ,") for line in str(cell or "").splitlines())
    return ", ".join(line for line in lines if line)


_POSTCODE = re.compile(r"([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})")


def postcode_of(text: str) -> str:
    """Tidy a UK postcode ("g159eq" -> "G15 9EQ"); anything else is kept as typed."""
    match = _POSTCODE.fullmatch(text.replace(" ", "").upper())
    return f"{match[1]} {match[2]}" if match else text


def phone_of(text: str) -> str:
    """Put back the leading 0 (or +) a number cell drops; otherwise keep the number as typed."""
    text = re.sub(r"^(\d+)\.0$", r"\1", text)
    if re.fullmatch(r"[1-9]\d{8,9}", text):
        return "0" + text
    if re.fullmatch(r"44\d{10}", text):
        return "+" + text
    return text


_YES = word_set("yes y true 1 x ✓ ✔ ☑ ok agreed agree")
_NO = word_set("no n false 0 ✗ ✘ ☐ - none")

Note = Callable[[str, str], None]


def consent_of(cell: Cell, note: Note) -> bool:
    """Only a clear yes counts as consent; anything unclear is recorded as no, and said so."""
    answer = clean(cell).casefold().strip(".!")
    if answer in _YES:
        return True
    if answer and answer not in _NO:
        note(
            "consent", f"could not tell whether '{clean(cell)}' means happy to be contacted; recorded as no"
        )
    return False


def joined_on(cell: Cell, note: Note) -> date | None:
    if cell is None or isinstance(cell, date):
        return cell
    found = read_date(clean(cell))
    if found is None and clean(cell):
        note("date", f"could not read the date joined '{clean(cell)}'; left blank")
    return found


def birth_year_of(cell: Cell, note: Note) -> int | None:
    """Only the year is kept, even from a full date of birth: it is all the voting-age rule needs."""
    text = clean(cell)
    if not text:
        return None
    found = cell if isinstance(cell, date) else read_date(text)
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


def role_of(cell: Cell, note: Note) -> str:
    """Map the many words for an office onto Quorum's roles ("Hon. Secretary" is the secretary)."""
    text = clean(cell)
    key = collation_key(text)
    role = _ROLE_WORDS.get(key) or _ROLE_WORDS.get(re.sub(r"^hon(orary)?", "", key))
    if role:
        return role
    if text:
        note("role", f"did not recognise the role '{text}'; recorded as member")
    return "member"




def squeezed(text: str) -> str:
    """Letters and digits only, so "O'Neill" matches "ONeill"; flat "1/12" still differs from "11/2"."""
    return "/".join(collation_key(part) for part in re.split(r"(?<=\d)[\W_]+(?=\d)", text))
