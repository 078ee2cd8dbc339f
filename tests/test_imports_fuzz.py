"""Whatever a chair's file holds, the importer answers with a Preview or one plain ImportFileError."""

import csv
import io
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from app.errors import ImportFileError
from app.imports import Preview, preview, read_table
from app.model import ROLES

FUZZ = settings(max_examples=150, derandomize=True, deadline=None)

HEADINGS = [
    "First name", "Forename", "Given name", "Christian name", "Surname", "Last name", "Family name",
    "Second name", "Name", "Full name", "Address", "Street address", "Address 1", "Address 2", "Postcode",
    "Post Code", "Phone", "Tel", "Telephone", "Phone number", "Mobile", "Email", "E-mail", "Email address",
    "Happy to be contacted", "Consent", "Contact consent", "Joined", "Date joined", "Member since", "Role",
    "Position", "Office", "Year of birth", "Born", "Date of birth", "Flat", "Town", "Notes",
]  # fmt: skip
# Mostly printable text, as people type it; now and then anything at all.
TYPED = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co")), max_size=30)
CELLS = st.one_of(
    st.just(""),
    TYPED,
    TYPED,
    st.text(max_size=30),
    st.sampled_from(
        ["Siobhán", "Ó Dónaill", "O'NEILL", "2/1", "0/2", "31/31/2020", "8/2/21", "Feb 2021", "yes"]
    ),
    st.sampled_from(
        ["x", "✓", "Vice Chair", "Tea maker", "1952", "07848 835567", "g159eq", "  ", ",", '"', "\n"]
    ),
)
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """One folder for all examples: each writes the same file afresh."""
    return tmp_path_factory.mktemp("fuzz")


def write(folder: Path, data: bytes) -> Path:
    path = folder / "members.csv"
    path.write_bytes(data)
    return path


def read_or_refuse(path: Path) -> Preview | None:
    """The whole contract: a Preview, or ImportFileError; any other exception fails the test."""
    try:
        result = preview(read_table(path))
    except ImportFileError as error:
        assert str(error) and "\n" not in str(error)
        event(f"refused: {error}")
        return None
    event("previewed")
    return result


def check_rows(result: Preview) -> None:
    assert [row.line for row in result.rows] == [line for line, _ in result.table.rows]
    assert all(line >= 1 for line, _ in result.table.rows)
    for row in result.rows:
        assert (row.member is not None and not row.duplicate) or row.problems
        if row.member is not None:
            assert row.member.name and row.member.role in ROLES


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.tuples(
            st.sampled_from([b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"Name,Phone\n"]), st.binary()
        ).map(b"".join),
    )
)
def test_random_bytes_give_a_preview_or_a_plain_refusal(folder, data):
    result = read_or_refuse(write(folder, data))
    if result is not None:
        check_rows(result)


@st.composite
def csv_files(draw) -> tuple[bytes, list[list[str]]]:
    headers = draw(st.lists(st.one_of(st.sampled_from(HEADINGS), TYPED), min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(CELLS, max_size=len(headers) + 1), min_size=1, max_size=12))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    encoding = draw(st.sampled_from(ENCODINGS))
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows([headers, *rows])
    return text.getvalue().encode(encoding, errors="replace"), rows


@FUZZ
@given(file=csv_files())
def test_random_csv_shapes_never_crash_and_every_row_is_accounted_for(folder, file):
    data, _ = file
    result = read_or_refuse(write(folder, data))
    if result is not None:
        check_rows(result)


ASCII = "abcdefghijklmnopqrstuvwxyz"
WESTERN = "éëáóíúñçøšœ"  # all in Windows-1252
ELSEWHERE = "łőžęąśćńğ"


@st.composite
def lists_of_people(draw) -> tuple[str, str, list[tuple[str, str]]]:
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    letters = ASCII + WESTERN + ("" if encoding == "cp1252" else ELSEWHERE)
    capitals = st.sampled_from(ASCII.upper())  # real names mix plain and accented letters
    names = st.tuples(capitals, st.text(alphabet=letters, min_size=1, max_size=10)).map("".join)
    people = draw(st.lists(st.tuples(names, names), min_size=1, max_size=20))
    return encoding, draw(st.sampled_from([",", ";", "\t"])), people


@FUZZ
@given(file=lists_of_people())
def test_mixed_case_names_come_back_exactly_in_every_encoding(folder, file):
    encoding, delimiter, people = file
    rows = [[first, surname, f"{line} Dumbarton Road"] for line, (first, surname) in enumerate(people, 2)]
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows([["First name", "Surname", "Address"], *rows])
    result = preview(read_table(write(folder, text.getvalue().encode(encoding))))

    assert result.table.delimiter == delimiter
    assert [(m.first_name, m.surname) for m in result.members] == people
