"""Member lists as chairs really keep them: app.imports read from small files made here."""

import csv
import io
import random
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.errors import ImportFileError
from app.imports import (
    FIELD_LABELS,
    Preview,
    Table,
    duplicate_key,
    guess_mapping,
    preview,
    read_table,
    summary,
)
from app.model import ROLES, Member

SAMPLE = Path(__file__).parent / "data" / "members-sample.csv"


def write_csv(folder: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    """A CSV as a spreadsheet program would save it: quotes only where a cell needs them."""
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = folder / "members.csv"
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def write_text(folder: Path, text: str, encoding: str = "utf-8", name: str = "members.csv") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def load(path: Path, existing: tuple[Member, ...] | list[Member] = ()) -> Preview:
    return preview(read_table(path), existing=existing)


def one_member(folder: Path, headers: list[str], cells: list[str]) -> Member:
    result = load(write_csv(folder, [headers, cells]))
    assert len(result.members) == 1, result.problems
    return result.members[0]


# The sample list --------------------------------------------------------------------------------


def test_sample_gives_sixty_members_with_no_problems():
    result = load(SAMPLE)

    assert len(result.members) == 60
    assert result.problems == []
    assert result.duplicates == []
    assert result.ignored_columns == []
    assert (result.table.encoding, result.table.delimiter) == ("utf-8", ",")
    assert summary(result, imported=60) == "Imported 60 members; skipped 0 duplicates; no rows had problems."


def test_sample_rows_field_by_field():
    rows = {row.line: row.member for row in load(SAMPLE).rows}

    assert rows[2] == Member(
        first_name="Ewan",
        surname="Brown",
        address="Flat 0/1, 84 Dumbarton Road, Glasgow",
        postcode="G15 9EQ",
        contact_consent=False,
        joined=date(2021, 2, 8),
        role="chair",
    )
    assert rows[3].phone == "0141 426 1763" and rows[3].role == "vice-chair"
    assert rows[6] == Member(
        first_name="Zoë",
        surname="Docherty",
        address="16 Shettleston Road, Glasgow",
        postcode="G37 3PF",
        phone="0141 240 2271",
        email="zoë.docherty@example.org",
        contact_consent=False,
        joined=date(2026, 6, 20),
        role="committee member",
    )
    assert rows[9].contact_consent is True and rows[9].phone == "0141 354 4800"
    assert (rows[12].first_name, rows[12].surname) == ("Siobhán", "MacLeod")
    assert rows[12].email == "siobhán.macleod@example.org"
    assert rows[12].address == "Flat 0/1, 47 Shettleston Road, Glasgow"
    assert rows[7].phone == "07848 835567"
    assert rows[54].surname == "O'Neill"


def test_sample_every_field_matches_the_file():
    with SAMPLE.open(encoding="utf-8", newline="") as file:
        expected = list(csv.DictReader(file))
    members = load(SAMPLE).members

    for row, member in zip(expected, members, strict=True):
        assert (member.first_name, member.surname) == (row["First name"], row["Surname"])
        assert (member.address, member.postcode) == (row["Address"], row["Postcode"])
        assert (member.phone, member.email) == (row["Phone"], row["Email"])
        assert member.contact_consent == (row["Happy to be contacted"] == "yes")
        assert member.joined == date.fromisoformat(row["Joined"])
        assert member.role == row["Role"]


def test_sample_namesakes_at_different_addresses_are_not_duplicates():
    kwames = [m for m in load(SAMPLE).members if m.name == "Kwame Kowalski"]

    assert len(kwames) == 2
    assert duplicate_key(kwames[0]) != duplicate_key(kwames[1])


def test_sample_against_itself_is_all_duplicates():
    held = load(SAMPLE).members
    again = load(SAMPLE, existing=held)

    assert again.members == []
    assert len(again.duplicates) == 60
    assert {p.kind for p in again.problems} == {"duplicate"}


# Encodings and delimiters -----------------------------------------------------------------------

ACCENTED = [["First name", "Surname", "Notes"], ["Renée", "Lévêque", "Paid £5 – it’s fine"]]


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_encodings(tmp_path, encoding, reported):
    table = read_table(write_csv(tmp_path, ACCENTED, encoding=encoding))
    member = preview(table).members[0]

    assert table.encoding == reported
    assert table.headers == ["First name", "Surname", "Notes"]
    assert (member.first_name, member.surname, member.notes) == ("Renée", "Lévêque", "Paid £5 – it’s fine")


def test_latin1_reads_the_same_letters(tmp_path):
    rows = [["First name", "Surname", "Notes"], ["Zoë", "Ó Dónaill", "Owes £5"]]
    member = load(write_csv(tmp_path, rows, encoding="latin-1")).members[0]

    assert (member.first_name, member.surname, member.notes) == ("Zoë", "Ó Dónaill", "Owes £5")


def test_windows_1252_sample_with_semicolons_reads_like_the_original(tmp_path):
    with SAMPLE.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    table = read_table(write_csv(tmp_path, rows, delimiter=";", encoding="cp1252"))

    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert preview(table).members == load(SAMPLE).members


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters(tmp_path, delimiter):
    rows = [
        ["First name", "Surname", "Address", "Postcode"],
        ["Agnes", "MacLeod", "Flat 0/2, 8 Dumbarton Road, Glasgow", "G25 1YY"],
        ["Ewan", "Brown", "84 Dumbarton Road", "G15 9EQ"],
    ]
    table = read_table(write_csv(tmp_path, rows, delimiter=delimiter))
    members = preview(table).members

    assert table.delimiter == delimiter
    assert [m.address for m in members] == ["Flat 0/2, 8 Dumbarton Road, Glasgow", "84 Dumbarton Road"]


def test_excel_sep_line_sets_the_delimiter_and_is_not_a_row(tmp_path):
    path = write_text(tmp_path, "sep=;\r\nFirst name;Surname;Joined\r\nEwan;Brown;31/31/2020\r\n")
    result = load(path)

    assert result.table.delimiter == ";"
    assert [str(p) for p in result.problems] == [
        "line 2: could not read the date joined '31/31/2020'; left blank"
    ]


def test_single_column_file(tmp_path):
    result = load(write_text(tmp_path, "Name\nSiobhán MacLeod\nEwan Brown\n"))

    assert [(m.first_name, m.surname) for m in result.members] == [("Siobhán", "MacLeod"), ("Ewan", "Brown")]


# Headings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "cell", "attribute", "expected"),
    [
        ("Surname", "Brown", "surname", "Brown"),
        ("Last name", "Brown", "surname", "Brown"),
        ("Family name", "Brown", "surname", "Brown"),
        ("Second name", "Brown", "surname", "Brown"),
        ("LAST NAME", "Brown", "surname", "Brown"),
        ("First name", "Ewan", "first_name", "Ewan"),
        ("Forename", "Ewan", "first_name", "Ewan"),
        ("Given name", "Ewan", "first_name", "Ewan"),
        ("Christian name", "Ewan", "first_name", "Ewan"),
        ("first_name", "Ewan", "first_name", "Ewan"),
        ("Address", "84 Dumbarton Road", "address", "84 Dumbarton Road"),
        ("Street address", "84 Dumbarton Road", "address", "84 Dumbarton Road"),
        ("Address 1", "84 Dumbarton Road", "address", "84 Dumbarton Road"),
        ("Postcode", "G15 9EQ", "postcode", "G15 9EQ"),
        ("Post Code", "G15 9EQ", "postcode", "G15 9EQ"),
        ("Post code", "g159eq", "postcode", "G15 9EQ"),
        ("Phone", "0141 426 1763", "phone", "0141 426 1763"),
        ("Tel", "0141 426 1763", "phone", "0141 426 1763"),
        ("Tel.", "0141 426 1763", "phone", "0141 426 1763"),
        ("Telephone", "0141 426 1763", "phone", "0141 426 1763"),
        ("Phone number", "0141 426 1763", "phone", "0141 426 1763"),
        ("Mobile", "07848 835567", "phone", "07848 835567"),
        ("Phone (mobile)", "07848 835567", "phone", "07848 835567"),
        ("Email", "ewan@example.org", "email", "ewan@example.org"),
        ("E-mail", "ewan@example.org", "email", "ewan@example.org"),
        ("Email address", "ewan@example.org", "email", "ewan@example.org"),
        ("Happy to be contacted", "yes", "contact_consent", True),
        ("Happy to be contacted?", "yes", "contact_consent", True),
        ("Consent", "y", "contact_consent", True),
        ("Contact consent", "1", "contact_consent", True),
        ("Joined", "2021-02-08", "joined", date(2021, 2, 8)),
        ("Date joined", "08/02/2021", "joined", date(2021, 2, 8)),
        ("Member since", "Feb 2021", "joined", date(2021, 2, 1)),
        ("Date joined (dd/mm/yyyy)", "8/2/21", "joined", date(2021, 2, 8)),
        ("Role", "Vice Chair", "role", "vice-chair"),
        ("Position", "Treasurer", "role", "treasurer"),
        ("Office", "Secretary", "role", "secretary"),
        ("Year of birth", "1952", "birth_year", 1952),
        ("Born", "1952", "birth_year", 1952),
        ("Date of birth", "05/03/1952", "birth_year", 1952),
        ("Notes", "Uses a wheelchair", "notes", "Uses a wheelchair"),
    ],
)
def test_heading_wordings(tmp_path, heading, cell, attribute, expected):
    if attribute == "first_name":
        headers, cells = [heading, "Surname"], [cell, "Brown"]
    elif attribute == "surname":
        headers, cells = ["First name", heading], ["Ewan", cell]
    else:
        headers, cells = ["First name", "Surname", heading], ["Ewan", "Brown", cell]

    assert getattr(one_member(tmp_path, headers, cells), attribute) == expected


def test_headings_in_any_order():
    headers = ["Email", "Tel", "Role", "Surname", "Post code", "Address 2", "Address 1", "Forename", "Ward"]

    assert guess_mapping(headers) == {
        "email": 0,
        "phone": 1,
        "role": 2,
        "surname": 3,
        "postcode": 4,
        "address2": 5,
        "address": 6,
        "first_name": 7,
    }


def test_mapping_uses_only_known_fields():
    assert set(
        guess_mapping(["Name", "Flat", "Address line 2", "Address line 3", "Town", "Comments"])
    ) <= set(FIELD_LABELS)


def test_name_beside_surname_is_the_first_name(tmp_path):
    member = one_member(tmp_path, ["Name", "Surname"], ["Agnes", "MacLeod"])

    assert (member.first_name, member.surname) == ("Agnes", "MacLeod")


def test_address_lines_and_town_are_joined(tmp_path):
    headers = ["First name", "Surname", "Flat", "Address line 1", "Address line 2", "Town"]
    member = one_member(
        tmp_path, headers, ["Ewan", "Brown", "2/1", "84 Dumbarton Road,", "Partick", "Glasgow"]
    )

    assert member.address == "2/1, 84 Dumbarton Road, Partick, Glasgow"


def test_address_over_several_lines_in_one_cell(tmp_path):
    rows = [["Name", "Address"], ["Ewan Brown", "Flat 0/1\n84 Dumbarton Road\nGlasgow"], ["", "no name"]]
    result = load(write_csv(tmp_path, rows))
    last = load(
        write_csv(tmp_path, [["Name", "Address"], ["Zoë Docherty", "16 Shettleston Road\r\nGlasgow"]])
    )

    assert result.members[0].address == "Flat 0/1, 84 Dumbarton Road, Glasgow"
    assert [p.line for p in result.problems] == [3]
    assert last.members[0].address == "16 Shettleston Road, Glasgow"


def test_unknown_columns_are_reported(tmp_path):
    rows = [["First name", "Surname", "Ward", "", "Title"], ["Ewan", "Brown", "Partick", "x", ""]]
    result = load(write_csv(tmp_path, rows))

    assert result.ignored_columns == ["Ward", "column D (no heading)", "Title"]
    assert summary(result, 1).endswith("Columns not imported: Ward, column D (no heading), Title.")


def test_title_rows_above_the_headings_are_skipped(tmp_path):
    text = "Partick Tenants Association\nMembers at 1 March\n\nFirst name,Surname\nEwan,Brown\n,\n"
    result = load(write_text(tmp_path, text))

    assert result.table.headers == ["First name", "Surname"]
    assert [p.line for p in result.problems] == []
    assert [row.line for row in result.rows] == [5]


def test_a_chosen_mapping_overrides_the_guess(tmp_path):
    table = read_table(write_csv(tmp_path, [["A", "B", "C"], ["Brown", "Ewan", "2/1, 84 Dumbarton Road"]]))
    member = preview(table, mapping={"surname": 0, "first_name": 1, "address": 2}).members[0]

    assert (member.first_name, member.surname, member.address) == ("Ewan", "Brown", "2/1, 84 Dumbarton Road")
    with pytest.raises(ValueError):
        preview(table, mapping={"surname": 7})
    with pytest.raises(ValueError):
        preview(table, mapping={"shoe size": 0})


# Names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "first_name", "surname"),
    [
        ("Siobhán MacLeod", "Siobhán", "MacLeod"),
        ("Mary Ann Smith", "Mary Ann", "Smith"),
        ("Eoin Ó Dónaill", "Eoin", "Ó Dónaill"),
        ("Seumas Mac an t-Saoir", "Seumas", "Mac an t-Saoir"),
        ("Pieter van der Berg", "Pieter", "van der Berg"),
        ("Ana de Souza", "Ana", "de Souza"),
        ("Maria de la Cruz", "Maria", "de la Cruz"),
        ("MacLeod, Siobhán", "Siobhán", "MacLeod"),
        ("van der Berg, Pieter", "Pieter", "van der Berg"),
        ("  Zoë   Docherty ", "Zoë", "Docherty"),
        ("Eilidh O'Neill", "Eilidh", "O'Neill"),
        ("Łukasz Kowalski", "Łukasz", "Kowalski"),
        ("Mrs Brown", "Mrs", "Brown"),
        ("Cher", "", "Cher"),
        ("EOIN Ó DÓNAILL", "Eoin", "Ó Dónaill"),
        ("SEUMAS MAC AN T-SAOIR", "Seumas", "Mac an t-Saoir"),
        ("MACLEOD, SIOBHÁN", "Siobhán", "MacLeod"),
    ],
)
def test_single_name_column_is_split(tmp_path, full, first_name, surname):
    member = one_member(tmp_path, ["Full name", "Address"], [full, "84 Dumbarton Road"])

    assert (member.first_name, member.surname) == (first_name, surname)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (("EWAN", "MACLEOD"), ("Ewan", "MacLeod")),
        (("piotr", "mclaughlin"), ("Piotr", "McLaughlin")),
        (("EILIDH", "O'NEILL"), ("Eilidh", "O'Neill")),
        (("EILIDH", "O’NEILL"), ("Eilidh", "O’Neill")),
        (("EOIN", "Ó DÓNAILL"), ("Eoin", "Ó Dónaill")),
        (("ZOË", "DOCHERTY"), ("Zoë", "Docherty")),
        (("ŁUKASZ", "KOWALSKI"), ("Łukasz", "Kowalski")),
        (("ANNE-MARIE", "SMITH-JONES"), ("Anne-Marie", "Smith-Jones")),
        (("PIETER", "VAN DER BERG"), ("Pieter", "van der Berg")),
        (("DARIO", "DI RESTA"), ("Dario", "Di Resta")),
        (("JEAN", "MACKIE"), ("Jean", "Mackie")),
        (("Ewan", "McLAUGHLIN"), ("Ewan", "McLAUGHLIN")),
        (("Siobhán", "MacLeod"), ("Siobhán", "MacLeod")),
        (("Pieter", "Van der Berg"), ("Pieter", "Van der Berg")),
        (("Jo", "Macdonald"), ("Jo", "Macdonald")),
    ],
)
def test_upper_and_lower_case_names_are_title_cased_mixed_case_kept(tmp_path, typed, expected):
    member = one_member(tmp_path, ["First name", "Surname"], list(typed))

    assert (member.first_name, member.surname) == expected


def test_stray_spaces_are_trimmed_and_collapsed(tmp_path):
    headers = ["First name", "Surname", "Address", "Postcode", "Email", "Phone"]
    cells = [
        "  Ewan ",
        "Brown\u00a0 ",
        "  Flat 2/1,   14  Dumbarton Road ",
        " g11  6ps",
        " ewan@example.org ",
        " 0141  426 1763",
    ]
    member = one_member(tmp_path, headers, cells)

    assert (member.first_name, member.surname) == ("Ewan", "Brown")
    assert member.address == "Flat 2/1, 14 Dumbarton Road"
    assert (member.postcode, member.email, member.phone) == ("G11 6PS", "ewan@example.org", "0141 426 1763")


# Cells ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address", ["2/1", "0/2", "Flat 2/1, 14 Dumbarton Road", "1/12", "3/2 84 Royston Road"]
)
def test_flat_numbers_stay_text(tmp_path, address):
    member = one_member(tmp_path, ["Name", "Address", "Flat"], ["Ewan Brown", address, "0/1"])

    assert member.address == f"0/1, {address}"
    assert member.joined is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2021-02-08", date(2021, 2, 8)),
        ("08/02/2021", date(2021, 2, 8)),
        ("8/2/21", date(2021, 2, 8)),
        ("8.2.2021", date(2021, 2, 8)),
        ("8 February 2021", date(2021, 2, 8)),
        ("8th Feb 2021", date(2021, 2, 8)),
        ("08-Feb-21", date(2021, 2, 8)),
        ("Feb 2021", date(2021, 2, 1)),
        ("September 2019", date(2019, 9, 1)),
        ("2021-02-08 00:00:00", date(2021, 2, 8)),
        ("", None),
    ],
)
def test_dates_joined(tmp_path, typed, expected):
    member = one_member(tmp_path, ["Name", "Joined"], ["Ewan Brown", typed])

    assert member.joined == expected


@pytest.mark.parametrize("typed", ["31/31/2020", "02/13/2021", "next Tuesday", "2/1", "30 Febtember 2020"])
def test_unreadable_date_leaves_joined_blank_and_says_so(tmp_path, typed):
    result = load(write_csv(tmp_path, [["Name", "Joined"], ["Ewan Brown", typed]]))

    assert result.members[0].joined is None
    assert [(p.line, p.kind, p.message) for p in result.problems] == [
        (2, "date", f"could not read the date joined '{typed}'; left blank")
    ]


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("Chair", "chair"),
        ("Chairperson", "chair"),
        ("Convener", "chair"),
        ("Vice Chair", "vice-chair"),
        ("vice-chairperson", "vice-chair"),
        ("Depute Chair", "vice-chair"),
        ("Hon. Secretary", "secretary"),
        ("TREASURER", "treasurer"),
        ("Committee", "committee member"),
        ("Co-opted", "committee member"),
        ("Associate", "associate member"),
        ("", "member"),
        *((r, r) for r in ROLES),
    ],
)
def test_roles(tmp_path, typed, role):
    result = load(write_csv(tmp_path, [["Name", "Role"], ["Ewan Brown", typed]]))

    assert result.members[0].role == role
    assert result.problems == []


def test_unknown_role_is_member_with_a_note(tmp_path):
    result = load(write_csv(tmp_path, [["Name", "Role"], ["Ewan Brown", "Tea maker"]]))

    assert result.members[0].role == "member"
    assert [str(p) for p in result.problems] == [
        "line 2: did not recognise the role 'Tea maker'; recorded as member"
    ]


@pytest.mark.parametrize(
    ("typed", "consent"),
    [("yes", True), ("Y", True), ("TRUE", True), ("1", True), ("x", True), ("✓", True), ("Yes.", True)]
    + [("no", False), ("N", False), ("false", False), ("0", False), ("", False)],
)
def test_contact_consent(tmp_path, typed, consent):
    result = load(write_csv(tmp_path, [["Name", "Consent"], ["Ewan Brown", typed]]))

    assert result.members[0].contact_consent is consent
    assert result.problems == []


def test_unclear_consent_is_no_with_a_note(tmp_path):
    result = load(write_csv(tmp_path, [["Name", "Consent"], ["Ewan Brown", "maybe"]]))

    assert result.members[0].contact_consent is False
    assert [p.kind for p in result.problems] == ["consent"]


@pytest.mark.parametrize(
    ("typed", "phone"),
    [("7848835567", "07848835567"), ("1414261763", "01414261763"), ("1414261763.0", "01414261763")]
    + [("447848835567", "+447848835567"), ("+44 7848 835567", "+44 7848 835567"), ("999", "999")],
)
def test_phone_numbers_that_lost_their_zero(tmp_path, typed, phone):
    assert one_member(tmp_path, ["Name", "Phone"], ["Ewan Brown", typed]).phone == phone


def test_year_of_birth_out_of_range_is_a_problem(tmp_path):
    result = load(write_csv(tmp_path, [["Name", "Year of birth"], ["Ewan Brown", "1852"]]))

    assert result.members[0].birth_year is None
    assert [p.kind for p in result.problems] == ["date"]


# Rows that are blank, nameless or twice over ---------------------------------------------------


def test_blank_rows_are_skipped_and_line_numbers_match_excel(tmp_path):
    text = "First name,Surname,Address\nEwan,Brown,84 Dumbarton Road\n\n,,\n  ,  , \n,,Flat 0/2 Kelvin Way\nZoë,Docherty,\n"
    result = load(write_text(tmp_path, text))

    assert [row.line for row in result.rows] == [2, 6, 7]
    assert [str(p) for p in result.problems] == ["line 6: no name given; not imported"]
    assert [m.name for m in result.members] == ["Ewan Brown", "Zoë Docherty"]


def test_missing_names_are_not_importable(tmp_path):
    rows = [
        ["First name", "Surname", "Address"],
        ["", "", "2/1, 84 Dumbarton Road"],
        ["Ewan", "", ""],
        ["", "Brown", ""],
    ]
    result = load(write_csv(tmp_path, rows))

    assert result.rows[0].member is None
    assert [p.kind for p in result.problems] == ["missing name", "one name", "one name"]  # imported, with a warning
    assert [m.name for m in result.members] == ["Ewan", "Brown"]


def test_a_totals_row_is_not_a_member(tmp_path):
    result = load(write_csv(tmp_path, [["Name", "Address"], ["Ewan Brown", "2/1"], ["Total: 1", ""]]))

    assert [m.name for m in result.members] == ["Ewan Brown"]
    assert [str(p) for p in result.problems] == ["line 3: 'Total: 1' does not look like a name; not imported"]


def test_no_name_column_is_said_plainly(tmp_path):
    result = load(write_text(tmp_path, "Ainm,Seòladh\nEwan Brown,84 Dumbarton Road\n"))

    assert result.members == []
    assert summary(result, 0) == (
        "No column holds the members' names, so no members can be imported (the headings are: Ainm, Seòladh)."
    )


def test_duplicates_within_the_file(tmp_path):
    rows = [
        ["Name", "Address"],
        ["Siobhán MacLeod", "Flat 0/1, 47 Shettleston Road"],
        ["Ewan Brown", "84 Dumbarton Road"],
        ["SIOBHAN MACLEOD", "flat 0/1 47 shettleston road"],
        ["Siobhán MacLeod", "Flat 0/2, 47 Shettleston Road"],
    ]
    result = load(write_csv(tmp_path, rows))

    assert [row.line for row in result.duplicates] == [4]
    assert [m.name for m in result.members] == ["Siobhán MacLeod", "Ewan Brown", "Siobhán MacLeod"]
    assert str(result.problems[0]) == (
        "line 4: Siobhan MacLeod (flat 0/1 47 shettleston road) looks like a duplicate of line 2; skipped"
    )


def test_duplicates_against_members_already_held(tmp_path):
    held = [Member("Zoë", "Docherty", address="16, Shettleston Road, GLASGOW"), Member("Ewan", "Brown")]
    rows = [["Name", "Address"], ["Zoe Docherty", "16 Shettleston Road Glasgow"], ["Agnes MacLeod", ""]]
    result = load(write_csv(tmp_path, rows), existing=held)

    assert [m.name for m in result.members] == ["Agnes MacLeod"]
    assert result.duplicates[0].member.name == "Zoe Docherty"
    assert result.problems[0].kind == "duplicate"
    assert "already in the member list" in result.problems[0].message


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        (Member("Eilidh", "O'Neill", address="Flat 3/1, 119 Wellhouse Crescent"),
         Member("EILIDH", "ONEILL", address="flat 3/1 119 wellhouse crescent"), True),
        (Member("Zoë", "Docherty", address="16 Shettleston Road"),
         Member("Zoe", "Docherty", address="16 Shettleston Road."), True),
        (Member("Łukasz", "Kowalski"), Member("Lukasz", "Kowalski"), True),
        (Member("Mary Ann", "Smith"), Member("Mary", "Ann Smith"), True),
        (Member("Ewan", "Brown", address="Flat 1/12, 5 Royston Road"),
         Member("Ewan", "Brown", address="Flat 11/2, 5 Royston Road"), False),
        (Member("Kwame", "Kowalski", address="Flat 3/1, 91 Royston Road"),
         Member("Kwame", "Kowalski", address="Flat 3/1, 70 Balornock Road"), False),
    ],
)  # fmt: skip
def test_duplicate_key(one, other, same):
    assert (duplicate_key(one) == duplicate_key(other)) is same


def test_summary_lists_each_problem_by_line(tmp_path):
    rows = [
        ["Name", "Joined", "Role"],
        ["Ewan Brown", "2021-02-08", "Chair"],
        ["", "2021-02-08", ""],
        ["Zoë Docherty", "31/31/2020", "Tea maker"],
        ["Ewan Brown", "", ""],
    ]
    result = load(write_csv(tmp_path, rows))

    assert summary(result, imported=len(result.members)) == (
        "Imported 2 members; skipped 1 duplicate; 3 rows had problems:\n"
        "  line 3: no name given; not imported\n"
        "  line 4: could not read the date joined '31/31/2020'; left blank\n"
        "  line 4: did not recognise the role 'Tea maker'; recorded as member\n"
        "  line 5: Ewan Brown looks like a duplicate of line 2; skipped"
    )
    assert summary(result, imported=2, dry_run=True).startswith(
        "Would import 2 members; would skip 1 duplicate;"
    )


# Excel workbooks --------------------------------------------------------------------------------


def test_xlsx_with_dates_numbers_and_a_title_row(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Partick Tenants Association: members"])
    sheet.append([])
    sheet.append(
        ["First name", "Surname", "Flat", "Address", "Phone", "Joined", "Happy to be contacted", "Born"]
    )
    sheet.append(
        ["Siobhán", "MACLEOD", "0/2", "47 Shettleston Road", 7848835567, datetime(2021, 2, 8), True, 1952]
    )
    sheet.append([])
    sheet.append(
        ["Ewan", "Brown", date(2025, 1, 2), "84 Dumbarton Road", 1414261763.0, "8/2/21", False, None]
    )
    sheet.append([None, None, None, "Total: 2"])
    book.create_sheet("Second sheet")["A1"] = "ignored"
    book.save(tmp_path / "members.xlsx")

    result = load(tmp_path / "members.xlsx")
    siobhan, ewan = result.members

    assert (result.table.encoding, result.table.delimiter) == ("xlsx", None)
    assert [row.line for row in result.rows] == [4, 6, 7]
    assert (siobhan.surname, siobhan.address, siobhan.phone) == (
        "MacLeod",
        "0/2, 47 Shettleston Road",
        "07848835567",
    )
    assert (siobhan.joined, siobhan.contact_consent, siobhan.birth_year) == (date(2021, 2, 8), True, 1952)
    assert (ewan.address, ewan.phone, ewan.joined) == (
        "2/1, 84 Dumbarton Road",
        "01414261763",
        date(2021, 2, 8),
    )
    assert ewan.contact_consent is False
    assert [str(p) for p in result.problems] == ["line 7: no name given; not imported"]


def test_xlsx_reads_the_first_sheet_only(tmp_path):
    book = openpyxl.Workbook()
    book.create_sheet("Members").append(["Name"])
    book.save(tmp_path / "members.xlsx")

    with pytest.raises(ImportFileError, match="first sheet of the workbook is empty"):
        read_table(tmp_path / "members.xlsx")


def test_xlsx_with_only_headings(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["First name", "Surname"])
    book.save(tmp_path / "members.xlsx")

    with pytest.raises(ImportFileError, match="no members"):
        read_table(tmp_path / "members.xlsx")


# Files that cannot be read ----------------------------------------------------------------------


def zip_bytes(names: list[str]) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return data.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"  \r\n\r\n \n", "The file is empty."),
        (b"\xef\xbb\xbf", "The file is empty."),
        (b",,,\n,,,\n", "The file is empty."),
        (b"First name,Surname,Address\r\n", "no members below them"),
        (b"First name,Surname\n\n,\n", "no members below them"),
        (b"Ewan,Brown,ewan@example.org\nZoe,Docherty,zoe@example.org\n", "column headings"),
        (b'Name,Address\nEwan Brown,"Flat 0/1\nZoe Docherty,16 Shettleston Road\n', "row 2 is never closed"),
        (bytes(range(256)) * 8, "not a spreadsheet"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old-style or password-protected"),
        (b"PK\x03\x04" + b"junk" * 50, "could not be read"),
        (zip_bytes(["mimetype", "content.xml"]), "OpenDocument"),
        (zip_bytes(["word/document.xml"]), "not a spreadsheet"),
        (zip_bytes(["xl/workbook.xml"]), "could not be read"),
    ],
)
def test_unreadable_files_say_why_in_one_sentence(tmp_path, content, message):
    path = tmp_path / "members.csv"
    path.write_bytes(content)

    with pytest.raises(ImportFileError, match=message) as raised:
        read_table(path)
    assert str(raised.value).count(".") >= 1 and "\n" not in str(raised.value)


def test_missing_file(tmp_path):
    with pytest.raises(ImportFileError, match="could not open"):
        read_table(tmp_path / "nowhere.csv")


def test_random_junk_is_refused(tmp_path):
    path = tmp_path / "junk.csv"
    path.write_bytes(random.Random(7).randbytes(5000))

    with pytest.raises(ImportFileError):
        read_table(path)


def test_a_table_made_by_hand_previews():
    table = Table(
        headers=["Name"], rows=[(2, ["MARY O'NEILL"]), (3, [None])], encoding="utf-8", delimiter=","
    )
    result = preview(table)

    assert [m.name for m in result.members] == ["Mary O'Neill"]
    assert [p.kind for p in result.problems] == ["missing name"]


def test_imports_module_does_not_import_qt():
    code = "import sys, app.imports; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parents[1]).returncode == 0


def test_a_row_with_only_one_name_is_imported_with_a_warning(tmp_path):
    """A list with 'Anonymous' in the first-name column: imported, the chair told, and printed without a
    stray comma where lists put the surname first (the sign-in sheet, the minutes' Present list)."""
    from app.model import Association, Attendance, Meeting, MeetingRecord
    from app.reports.minutes_text import present_name

    result = load(write_csv(tmp_path, [["First name", "Surname", "Address"], ["Anonymous", "", "1 High St"],
                                       ["", "Cher", "2 High St"], ["Agnes", "Smith", "3 High St"]]))
    assert [m.name for m in result.members] == ["Anonymous", "Cher", "Agnes Smith"]
    assert [(p.line, p.kind) for p in result.problems] == [(2, "one name"), (3, "one name")]
    assert "only one name, Anonymous; imported with no surname" in summary(result, imported=3)
    assert "only one name, Cher; imported with no first name" in summary(result, imported=3)
    anonymous = result.members[0]
    anonymous.id = "m1"
    record = MeetingRecord(Association("TRA"), Meeting("general", date(2026, 11, 24)), members={"m1": anonymous})
    assert present_name(record, Attendance("x", member_id="m1"), surname_first=True) == "Anonymous"
