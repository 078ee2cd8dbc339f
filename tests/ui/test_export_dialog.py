"""Saving the register from the Members tab, with personal details left out."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from app.services import AssociationFile
from ui.export_dialog import ExportDialog
from ui.members_page import MembersPage
from ui.session import Session


@pytest.fixture
def session(demo_path):
    opened = Session(AssociationFile.open(demo_path))
    yield opened
    opened.close()


def test_leave_out_personal_details_then_save(qtbot, session, tmp_path):
    dialog = ExportDialog(session)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.count.text() == "119 members will be saved, with 9 columns (names as first name and surname)."
    dialog.leave_out_personal_details()
    assert dialog.columns() == ["name", "role", "joined", "left"]
    out = tmp_path / "for-the-landlord.xlsx"
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_to(out)
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(out).active.iter_rows()]
    assert rows[0] == ["First name", "Surname", "Role", "Joined", "Left"]
    assert len(rows) == 120
    assert not dialog.isVisible()


def test_nothing_ticked_cannot_be_saved(qtbot, session):
    dialog = ExportDialog(session)
    qtbot.addWidget(dialog)
    for check in dialog.checks.values():
        check.setChecked(False)
    assert not dialog.save_button.isEnabled()
    assert dialog.count.text() == "Tick at least one column."


def test_the_members_page_asks_where_to_save(qtbot, session, tmp_path, monkeypatch):
    chosen = tmp_path / "members"  # no ending: the chosen file type adds it
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(chosen), "CSV file for any spreadsheet (*.csv)"))
    page = MembersPage(session)
    qtbot.addWidget(page)
    page.export_requested.emit()
    dialog = page.findChild(ExportDialog)
    dialog.include_left.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        dialog.save_button.click()
    assert saved.args == [str(tmp_path / "members.csv")]
    text = (tmp_path / "members.csv").read_text(encoding="utf-8-sig")
    assert len(text.splitlines()) == 1 + len(session.book.register.members(include_left=True))
    assert "Siobhán" in text
