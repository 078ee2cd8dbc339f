"""The treasurer's form: lines typed as a treasurer writes them, totals as they type, saved in one go."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from app.services import AssociationFile
from ui.session import Session
from ui.treasurer_dialog import TreasurerDialog


@pytest.fixture
def session(demo_path):
    opened = Session(AssociationFile.open(demo_path))
    yield opened
    opened.close()


def _type(qtbot, table, row: int, column: int, text: str) -> None:
    """Type into a cell the way a treasurer would: open it (F2), type, press Enter."""
    editor = _start_typing(qtbot, table, row, column, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text)  # Qt commits Enter on its next turn


def _start_typing(qtbot, table, row: int, column: int, text: str) -> QLineEdit:
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    (editor,) = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]  # closed ones linger
    qtbot.keyClicks(editor, text)
    return editor


def _fill(qtbot, dialog) -> None:
    dialog.opening.setText("1,243.17")
    income, spent = dialog.tables["income"], dialog.tables["expenditure"]
    _type(qtbot, income, 0, 0, "Grant from Wellhouse HA")
    _type(qtbot, income, 0, 1, "500")
    _type(qtbot, income, 1, 0, "Raffle")
    _type(qtbot, income, 1, 1, "£212.50")
    _type(qtbot, spent, 0, 0, "Hall hire")
    _type(qtbot, spent, 0, 1, "360.00")
    _type(qtbot, dialog.tables["assets"], 0, 0, "Gazebo")
    _type(qtbot, dialog.tables["assets"], 0, 1, "179.99")


def test_totals_and_closing_balance_as_they_type(qtbot, session):
    dialog = TreasurerDialog(session, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog)
    assert dialog.tables["income"].rowCount() == 3  # a blank line always waits at the bottom
    assert dialog.totals["income"].text() == "Total income: £712.50"
    assert dialog.summary.text() == ("Closing balance on 31 December 2026: £1,243.17 + £712.50 − £360.00 = "
                                     "£1,595.67.  Net assets: £179.99.")


def test_save_keeps_the_year_and_tells_the_other_windows(qtbot, session):
    dialog = TreasurerDialog(session, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog)
    with qtbot.waitSignal(session.changed) as changed, qtbot.waitSignal(dialog.saved):
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert changed.args[0].touches("statement")
    statement = session.book.documents.statement(2026)
    assert statement.lines("income") == [("Grant from Wellhouse HA", 50000), ("Raffle", 21250)]
    assert statement.opening_balance == 124317 and statement.closing_balance == 159567
    again = TreasurerDialog(session, 2026)
    qtbot.addWidget(again)
    assert again.opening.text() == "1,243.17"
    assert again.tables["expenditure"].item(0, 1).text() == "360.00"
    assert again.totals["assets"].text() == "Total assets: £179.99"


def test_an_amount_that_is_not_money_is_pointed_out_and_nothing_saved(qtbot, session):
    dialog = TreasurerDialog(session, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog)
    _type(qtbot, dialog.tables["expenditure"], 1, 0, "Insurance")
    _type(qtbot, dialog.tables["expenditure"], 1, 1, "14S.00")
    assert dialog.totals["expenditure"].text() == "Total expenditure: check the amounts"
    dialog.save()
    assert dialog.problem.text() == ("The amount of “Insurance” under expenditure is not an amount of money; "
                                     "write it like 1,243.17.")
    assert dialog.tables["expenditure"].currentRow() == 1
    assert session.book.documents.statement(2026) is None
    assert dialog.isVisible()


def test_another_year_starts_empty(qtbot, session):
    session.book.documents.save_statement(2026, 500, {"income": [("Grant", 100)]})
    dialog = TreasurerDialog(session, 2026)
    qtbot.addWidget(dialog)
    assert dialog.opening.text() == "5.00"
    dialog.year.setValue(2025)
    assert dialog.opening.text() == "" and dialog.tables["income"].rowCount() == 1
    assert dialog.opening_label.text() == "&Balance on 1 January 2025:"


def test_every_control_has_a_name(qtbot, session):
    dialog = TreasurerDialog(session, 2026)
    qtbot.addWidget(dialog)
    for widget in (dialog.year, dialog.opening, *dialog.tables.values(), dialog.summary):
        assert widget.accessibleName()
    assert not dialog.tables["income"].tabKeyNavigation()  # Tab moves on to the next part of the form


def test_what_is_still_being_typed_is_saved(qtbot, session):
    dialog = TreasurerDialog(session, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog)
    _start_typing(qtbot, dialog.tables["liabilities"], 0, 0, "Hall hire for November")  # no Enter, no Tab
    dialog.save()
    assert session.book.documents.statement(2026) is None  # a line with no amount is not money yet
    _type(qtbot, dialog.tables["liabilities"], 0, 0, "Hall hire for November")
    _start_typing(qtbot, dialog.tables["liabilities"], 0, 1, "30")
    dialog.save()
    assert session.book.documents.statement(2026).lines("liabilities") == [("Hall hire for November", 3000)]
