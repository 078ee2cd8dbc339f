"""Importing a member list through the preview: mapping, problems by line, Import and Cancel."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog

from app.model import Association, Member
from app.services import AssociationFile
from ui.import_dialog import NOT_IN_FILE, ImportDialog
from ui.members_page import MembersPage
from ui.session import Session

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "members-sample.csv"
HEADINGS = ["First name", "Surname", "Address", "Joined"]


@pytest.fixture
def session(tmp_path):
    opened = Session(AssociationFile.create(tmp_path / "fresh.quorum", Association("Fresh Start TRA")))
    yield opened
    opened.close()


def _dialog(qtbot, session, path: Path) -> ImportDialog:
    dialog = ImportDialog(session, path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=10000):
        dialog.open()
    return dialog


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows([HEADINGS, *rows])
    return path


def _plain(text: str) -> str:
    return re.sub("<[^>]+>", "", text)


def _choose(qtbot, dialog: ImportDialog, field: str, text: str) -> None:
    combo = dialog.columns[field]
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    with qtbot.waitSignal(dialog.previewed, timeout=10000):
        combo.setCurrentIndex(index)


def test_the_sample_list_gives_sixty_members(qtbot, session):
    dialog = _dialog(qtbot, session, SAMPLE)
    assert dialog.model.rowCount() == 60
    assert dialog.import_button.text() == "&Import 60 members"
    assert dialog.import_button.isDefault()  # Enter imports, never cancels
    assert "60 members will be imported" in dialog.summary.text()
    assert dialog.problems.item(0).text() == "No problems found."
    with qtbot.waitSignal(session.changed):
        dialog.import_button.click()
    members = session.book.register.members()
    assert len(members) == 60
    assert not dialog.isVisible()
    siobhan = next(m for m in members if m.surname == "MacLeod" and m.first_name.startswith("Sio"))
    assert (siobhan.first_name, siobhan.address, siobhan.postcode, siobhan.joined) == (
        "Siobhán", "Flat 0/1, 47 Shettleston Road, Glasgow", "G15 4ZR", date(2016, 2, 28))
    assert sorted(m.name for m in members if m.surname == "O'Neill") == ["Eilidh O'Neill", "Eilidh O'Neill"]


def test_cancel_writes_nothing(qtbot, session):
    before = session.book.store.change_count()
    dialog = _dialog(qtbot, session, SAMPLE)
    with qtbot.assertNotEmitted(session.changed):
        dialog.reject()
    assert session.book.store.change_count() == before
    assert session.book.register.members() == []


def test_changing_a_column_recomputes_the_preview(qtbot, session):
    dialog = _dialog(qtbot, session, SAMPLE)
    assert dialog.preview.mapping["address"] == 2
    _choose(qtbot, dialog, "notes", "Address")  # the chair says the Address column is really notes
    assert dialog.columns["address"].currentText() == NOT_IN_FILE  # one column feeds one field
    assert "address" not in dialog.preview.mapping and dialog.preview.mapping["notes"] == 2
    assert dialog.model.index(0, 3).data() == "G15 9EQ"  # the address column now shows only the postcode
    dialog.import_button.click()
    ewan = next(m for m in session.book.register.members() if m.name == "Ewan Brown")
    assert (ewan.address, ewan.notes) == ("", "Flat 0/1, 84 Dumbarton Road, Glasgow")


def test_without_a_name_column_nothing_can_be_imported(qtbot, session):
    dialog = _dialog(qtbot, session, SAMPLE)
    _choose(qtbot, dialog, "first_name", NOT_IN_FILE)
    _choose(qtbot, dialog, "surname", NOT_IN_FILE)
    assert not dialog.import_button.isEnabled()
    assert "Choose the column that holds the members' names" in dialog.summary.text()
    dialog.import_members()
    assert session.book.register.members() == []


def test_problems_are_listed_by_line_and_duplicates_are_a_choice(qtbot, session, tmp_path):
    session.book.register.add_member(Member("Agnes", "MacLeod", "Flat 0/2, 8 Dumbarton Road"))
    path = _write(tmp_path / "list.csv", [
        ["Ewan", "Brown", "Flat 0/1, 84 Dumbarton Road", "2021-02-08"],
        ["", "", "12 Nowhere Street", "2022-01-01"],
        ["Zoë", "Docherty", "16 Shettleston Road", "next Tuesday"],
        ["EWAN", "BROWN", "flat 0/1, 84 dumbarton road", ""],
        ["agnes", "macleod", "Flat 0/2, 8 Dumbarton Road", ""],
    ])
    dialog = _dialog(qtbot, session, path)
    assert [dialog.problems.item(i).text() for i in range(dialog.problems.count())] == [
        "Line 3: no name given; not imported",
        "Line 4: could not read the date joined 'next Tuesday'; left blank",
        "Line 5: Ewan Brown (flat 0/1, 84 dumbarton road) looks like a duplicate of line 2; skipped",
        "Line 6: Agnes MacLeod (Flat 0/2, 8 Dumbarton Road) is already in the member list; skipped",
    ]
    assert _plain(dialog.summary.text()) == (
        "2 members will be imported; 2 likely duplicates will be skipped; 4 rows had problems (listed above).")
    assert dialog.model.index(1, 1).data() == "Not imported: no name given"
    dialog.problems.setCurrentRow(2)
    assert dialog.rows.selectionModel().selectedRows()[0].row() == 3  # choosing a problem shows its row
    dialog.include_duplicates.setChecked(True)
    assert dialog.import_button.text() == "&Import 4 members"
    assert dialog.model.index(3, 1).data() == "Imported, though a likely duplicate"
    dialog.import_button.click()
    names = sorted(m.name for m in session.book.register.members())
    assert names == ["Agnes MacLeod", "Agnes MacLeod", "Ewan Brown", "Ewan Brown", "Zoë Docherty"]
    assert next(m for m in session.book.register.members() if m.first_name == "Zoë").joined is None


def test_a_file_that_cannot_be_read_says_why_in_one_sentence(qtbot, session, tmp_path):
    junk = tmp_path / "list.xlsx"
    junk.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))
    dialog = ImportDialog(session, junk)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=10000) as blocker:
        dialog.open()
    assert blocker.args[0].startswith("This is an old-style or password-protected Excel file")
    assert dialog.summary.text() == blocker.args[0]
    assert not dialog.import_button.isEnabled()


def test_a_long_list_is_read_off_the_gui_thread(qtbot, session, tmp_path):
    firsts, surnames = ["Ann", "Ewan", "Zoë", "Seán", "Mhairi"], ["Brown", "Ó Dónaill", "MacLeod", "Nwosu"]
    rows = [[firsts[n % 5], surnames[n % 4], f"{n} Long Road, Glasgow", "2020-01-01"] for n in range(5000)]
    path = _write(tmp_path / "long.csv", rows)
    dialog = ImportDialog(session, path)
    qtbot.addWidget(dialog)
    assert dialog.preview is None  # the constructor returned before the file was read
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.previewed, timeout=30000):
        dialog.open()
    assert dialog.model.rowCount() == 5000
    dialog.import_button.click()
    assert len(session.book.register.members()) == 5000


def test_the_members_page_opens_the_import(qtbot, session, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(SAMPLE), ""))
    page = MembersPage(session)
    qtbot.addWidget(page)
    page.import_requested.emit()
    dialog = page.findChild(ImportDialog)
    assert dialog is not None and dialog.path == SAMPLE
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    dialog.import_button.click()
    assert page.model.total == 60


def test_closing_while_the_file_is_read_is_safe(qtbot, session):
    dialog = ImportDialog(session, SAMPLE)
    dialog.open()
    dialog.reject()
    dialog.deleteLater()
    qtbot.wait(10)
    QThreadPool.globalInstance().waitForDone(10000)
    qtbot.wait(50)  # the late answer is dropped, not delivered to a deleted dialog
    assert session.book.register.members() == []
