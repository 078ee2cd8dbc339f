"""Driving the members register as a chair would: search, add, edit, mark as left, erase."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.model import Member
from app.services import AssociationFile
from ui.members_page import MembersPage
from ui.session import Session


@pytest.fixture
def page(qtbot, demo_path):
    session = Session(AssociationFile.open(demo_path))
    widget = MembersPage(session)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    session.close()


def _names(page) -> list[str]:
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def _answer(box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    button.click()


@pytest.mark.parametrize("typed, expected", [
    ("siob", {"Siobhán MacLeod", "Siobhán Brown"}),
    ("zoe", {"Zoë Docherty", "Zoë Smith"}),
    ("siob mac", {"Siobhán MacLeod"}),
    ("ewan brown", {"Ewan Brown"}),
    ("0/1, 84 dumbarton", {"Ewan Brown"}),
])
def test_search_as_you_type(qtbot, page, typed, expected):
    qtbot.keyClicks(page.search, typed)
    assert set(_names(page)) == expected
    assert page.count.text() == f"{len(expected)} of 119 members match"


def test_search_for_mac_finds_every_mac_and_clearing_shows_all(qtbot, page):
    qtbot.keyClicks(page.search, "mac")
    names = _names(page)
    assert names and all("mac" in n.lower().replace("mc", "mac") or "Mac" in n for n in names)
    assert "Agnes MacLeod" in names
    page.search.clear()
    assert page.model.rowCount() == 119
    assert page.count.text() == "119 members"


def test_sorting_by_surname_then_clicking_joined(qtbot, page):
    keys = [page.model.member_at(r).sort_key for r in range(page.model.rowCount())]
    assert keys == sorted(keys)
    surnames = [page.model.member_at(r).surname for r in range(page.model.rowCount())]
    assert surnames.index("Nwosu") < surnames.index("Ó Dónaill") < surnames.index("Okafor")
    page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    joined = [page.model.member_at(r).joined for r in range(page.model.rowCount())]
    assert joined == sorted(joined, reverse=True)


def test_add_a_member_with_the_keyboard(qtbot, page):
    dialog = page.add_member()
    qtbot.keyClicks(dialog.first_name, "Se")
    dialog.first_name.insert("án")  # QTest cannot type accents; a keyboard's input method does
    dialog.surname.insert("Ó Dónaill")
    qtbot.keyClicks(dialog.address, "Flat 2/1, 9 Kelvin Way, Glasgow")
    qtbot.keyClick(dialog.surname, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    found = [m for m in page.session.book.register.members() if m.name == "Seán Ó Dónaill"]
    assert [(m.first_name, m.address) for m in found] == [("Seán", "Flat 2/1, 9 Kelvin Way, Glasgow")]
    assert page.chosen().id == found[0].id
    assert page.count.text() == "120 members"


def test_a_member_needs_a_name(qtbot, page):
    dialog = page.add_member()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.problem.text() == "Please give the member's name."
    dialog.reject()
    assert page.model.total == 119


def test_edit_sends_only_what_changed(qtbot, page):
    qtbot.keyClicks(page.search, "siob")
    page.table.selectRow(0)
    before = page.session.book.store.change_count()
    dialog = page.edit_member()
    dialog.phone.setText("0141 555 0101")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    member = next(m for m in page.session.book.register.members() if m.first_name == "Siobhán")
    assert member.phone == "0141 555 0101"
    change = page.session.book.store.pending_changes()[-1]
    assert page.session.book.store.change_count() == before + 1
    assert change["payload"] == '{"phone": "0141 555 0101"}'


def test_mark_as_left_keeps_the_member_in_the_records(qtbot, page):
    qtbot.keyClicks(page.search, "zoe doch")
    page.table.selectRow(0)
    box = page.mark_left()
    _answer(box, "Mark as left")
    assert page.model.rowCount() == 0  # gone from the current register
    page.show_left.setChecked(True)
    assert _names(page) == ["Zoë Docherty"]
    assert page.model.index(0, 6).data() == f"Left {date.today().day} {date.today():%B %Y}"


def test_cancelling_erasure_changes_nothing_and_erasing_keeps_counts(qtbot, page):
    book = page.session.book
    qtbot.keyClicks(page.search, "ewan brown")
    page.table.selectRow(0)
    ewan = page.chosen()
    attended = [m for m in book.meetings.meetings() if ewan.id in book.door.present_ids(m.id)]
    _answer(page.erase_member(), "Cancel")
    assert book.register.member(ewan.id).name == "Ewan Brown"
    _answer(page.erase_member(), "Erase details")
    erased: Member = book.register.member(ewan.id)
    assert (erased.name, erased.address, erased.phone, erased.email) == ("Former member", "", "", "")
    assert [m for m in book.meetings.meetings() if ewan.id in book.door.present_ids(m.id)] == attended


def test_a_copy_of_one_members_data(qtbot, page, tmp_path):
    import json

    qtbot.keyClicks(page.search, "siob mac")
    page.table.selectRow(0)
    saved = page.export_member_data(str(tmp_path / "siobhan.json"))
    data = json.loads((tmp_path / "siobhan.json").read_text(encoding="utf-8"))
    assert saved and data["member"]["first_name"] == "Siobhán" and data["member"]["surname"] == "MacLeod"
