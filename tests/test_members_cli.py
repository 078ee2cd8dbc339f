"""`main.py members import|export`: the chair's report, --dry-run, and spreadsheets that round-trip."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import openpyxl
import pytest

from app import exports
from app.errors import QuorumError
from app.imports import preview, read_table
from app.model import Association
from app.services import AssociationFile
from tests.test_cli import quorum

SAMPLE = Path(__file__).resolve().parent / "data" / "members-sample.csv"


@pytest.fixture
def fresh(tmp_path) -> Path:
    path = tmp_path / "fresh.quorum"
    AssociationFile.create(path, Association("Fresh Start TRA")).close()
    return path


def _members(path: Path):
    with AssociationFile.open(path) as book:
        return book.register.members(include_left=True), book.store.change_count()


def _import(path: Path, member_file: Path, *extra: str):
    return quorum("members", "import", str(member_file), "--file", str(path), *extra, data_dir=path.parent)


def test_dry_run_reports_and_writes_nothing(fresh):
    before = _members(fresh)
    result = _import(fresh, SAMPLE, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Would import 60 members; would skip 0 duplicates; no rows had problems.\n"
    assert _members(fresh) == before


def test_import_prints_the_summary_and_skips_duplicates_next_time(fresh):
    first = _import(fresh, SAMPLE)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "Imported 60 members; skipped 0 duplicates; no rows had problems.\n"
    members, _ = _members(fresh)
    assert len(members) == 60
    assert {"Siobhán MacLeod", "Zoë Docherty", "Eilidh O'Neill"} <= {m.name for m in members}
    again = _import(fresh, SAMPLE)
    lines = again.stdout.splitlines()
    assert lines[0] == "Imported 0 members; skipped 60 duplicates; 60 rows had problems:"
    assert lines[1] == ("  line 2: Ewan Brown (Flat 0/1, 84 Dumbarton Road, Glasgow) is already in the "
                        "member list; skipped")
    assert len(_members(fresh)[0]) == 60


def test_each_problem_is_listed_by_line(fresh, tmp_path):
    member_file = tmp_path / "list.csv"
    member_file.write_text("Name,Address,Joined\n"
                           "Ewan Brown,\"Flat 0/1, 84 Dumbarton Road\",8/2/2021\n"
                           ",12 Nowhere Street,\n"
                           "Zoë Docherty,16 Shettleston Road,next Tuesday\n"
                           "EWAN BROWN,\"flat 0/1, 84 dumbarton road\",\n", encoding="cp1252")
    result = _import(fresh, member_file)
    assert result.stdout.splitlines() == [
        "Imported 2 members; skipped 1 duplicate; 3 rows had problems:",
        "  line 3: no name given; not imported",
        "  line 4: could not read the date joined 'next Tuesday'; left blank",
        "  line 5: Ewan Brown (flat 0/1, 84 dumbarton road) looks like a duplicate of line 2; skipped",
    ]
    assert sorted(m.name for m in _members(fresh)[0]) == ["Ewan Brown", "Zoë Docherty"]


@pytest.mark.parametrize("content, sentence", [
    (None, "Quorum could not open the file missing.csv."),
    (b"", "The file is empty."),
    (b"\xd0\xcf\x11\xe0" + bytes(600), "This is an old-style or password-protected Excel file; "
                                       "please save it as .xlsx or CSV without a password and try again."),
])
def test_a_file_that_cannot_be_read_is_one_sentence(fresh, tmp_path, content, sentence):
    member_file = tmp_path / "missing.csv"
    if content is not None:
        member_file.write_bytes(content)
    before = _members(fresh)
    result = _import(fresh, member_file)
    assert result.returncode == 1
    assert result.stderr == sentence + "\n" and result.stdout == ""
    assert _members(fresh) == before


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_round_trip_keeps_accents(fresh, tmp_path, suffix):
    _import(fresh, SAMPLE)
    out = tmp_path / f"members{suffix}"
    result = quorum("members", "export", str(out), "--file", str(fresh), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Saved 60 members to {out}.\n"
    held, _ = _members(fresh)
    back = preview(read_table(out))
    assert back.problems == []
    fields = ("first_name", "surname", "address", "postcode", "phone", "email", "contact_consent", "joined", "role")
    assert sorted(tuple(getattr(m, f) for f in fields) for m in back.register.members) == \
        sorted(tuple(getattr(m, f) for f in fields) for m in held)
    if suffix == ".csv":
        assert out.read_bytes().startswith(codecs.BOM_UTF8)  # so Excel shows Siobhán, not SiobhÃ¡n


def test_export_leaves_out_the_columns_not_chosen(fresh, tmp_path):
    _import(fresh, SAMPLE)
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"shared{suffix}"
        result = quorum("members", "export", str(out), "--columns", "name,role,joined", "--file", str(fresh),
                        data_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        rows = _rows(out)
        assert rows[0] == ["First name", "Surname", "Role", "Joined"]
        assert len(rows) == 61
        flat = " ".join(str(cell) for row in rows for cell in row)
        assert "Dumbarton" not in flat and "@" not in flat and "0141" not in flat
        assert [str(c) for c in rows[_row_of(rows, "MacLeod", "Siobhán")][:3]] == ["Siobhán", "MacLeod", "Member"]


def test_export_refuses_an_unknown_column_or_ending(fresh, tmp_path):
    bad_column = quorum("members", "export", str(tmp_path / "a.csv"), "--columns", "name,shoe size",
                        "--file", str(fresh), data_dir=tmp_path)
    assert bad_column.returncode == 1
    assert bad_column.stderr.startswith("There is no column called “shoe size”; choose from name, address")
    bad_ending = quorum("members", "export", str(tmp_path / "a.pdf"), "--file", str(fresh), data_dir=tmp_path)
    assert bad_ending.returncode == 1 and "ends in neither" in bad_ending.stderr
    assert not list(tmp_path.glob("a.*"))


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    from app.model import Member

    member = Member("=HYPERLINK(\"x\")", "O'Neill", phone="+44 141 496 0000")
    exports.export_members([member], tmp_path / "m.xlsx")
    exports.export_members([member], tmp_path / "m.csv")
    cell = openpyxl.load_workbook(tmp_path / "m.xlsx").active["A2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(\"x\")", "s")
    assert _rows(tmp_path / "m.csv")[1][:2] == ["'=HYPERLINK(\"x\")", "O'Neill"]
    assert _rows(tmp_path / "m.csv")[1][4] == "+44 141 496 0000"


@pytest.mark.parametrize("text, expected", [
    ("name,role,joined", ["name", "role", "joined"]),
    ("Joined, NAME", ["name", "joined"]),
    ("consent", ["contact_consent"]),
    ("contact_consent, E-mail", ["email", "contact_consent"]),
])
def test_parse_columns(text, expected):
    assert exports.parse_columns(text) == expected


def test_parse_columns_needs_one():
    with pytest.raises(QuorumError):
        exports.parse_columns(" , ")


def _rows(path: Path) -> list[list]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as file:
            return list(csv.reader(file))
    sheet = openpyxl.load_workbook(path).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _row_of(rows: list[list], surname: str, first_name: str) -> int:
    return next(i for i, row in enumerate(rows) if row[1] == surname and row[0] == first_name)
