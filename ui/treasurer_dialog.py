"""The treasurer's statement of a year: a few lines of income, expenditure, assets and liabilities.

Amounts are typed as a treasurer writes them (1,243.17 or £60); totals and the closing balance
are worked out as they type, so the statement that goes to the landlord always adds up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import QuorumError
from app.model import STATEMENT_SECTIONS
from app.money import parse_pounds, pounds
from ui.forms import name_buttons
from ui.session import Session

TITLES = {"income": "&Income", "expenditure": "E&xpenditure", "assets": "&Assets", "liabilities": "&Liabilities"}


def open_statement(session: Session, year: int, parent: QWidget | None = None) -> TreasurerDialog:
    dialog = TreasurerDialog(session, year, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class LinesTable(QTableWidget):
    """Description and amount, one line each; a blank line waits at the bottom for the next entry."""

    edited = Signal()

    def __init__(self, section: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.section = section
        self.setHorizontalHeaderLabels(["Description", "Amount (£)"])
        self.setAccessibleName(TITLES[section].replace("&", ""))
        self.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move between cells
        triggers = QAbstractItemView.EditTrigger
        # as in a spreadsheet: typing, F2 or a double click edits; the arrow keys still move between cells
        self.setEditTriggers(triggers.AnyKeyPressed | triggers.EditKeyPressed | triggers.DoubleClicked
                             | triggers.SelectedClicked)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)  # more lines in view
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.itemChanged.connect(self._changed)
        self._add_blank()

    def set_lines(self, lines: list[tuple[str, int]]) -> None:
        self.blockSignals(True)
        self.setRowCount(0)
        for text, pence in lines:
            self._add_row(text, pounds(pence).replace("£", ""))
        self.blockSignals(False)
        self._add_blank()

    def lines(self) -> list[tuple[str, int]]:
        """The lines typed in; a QuorumError names the first amount that is not money."""
        found = []
        for row in range(self.rowCount()):
            text, amount = self._text(row, 0), self._text(row, 1)
            if not text and not amount:
                continue
            try:
                found.append((text, parse_pounds(amount or "x")))
            except QuorumError:
                self.setCurrentCell(row, 1)
                where = f"“{text}”" if text else f"line {row + 1}"
                raise QuorumError(f"The amount of {where} under {self.section} is not an amount of money; "
                                  "write it like 1,243.17.") from None
        return found

    def finish_editing(self) -> None:
        """Keep what is being typed in a cell: Alt+S saves without the cell ever losing the keyboard."""
        for editor in self.viewport().findChildren(QLineEdit):
            if editor.isVisible():
                self.commitData(editor)
                self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def total(self) -> int | None:
        """The sum of the amounts typed so far, or None while one of them is not money."""
        try:
            return sum(pence for _, pence in self.lines())
        except QuorumError:
            return None

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text().strip() if item else ""

    def _add_row(self, text: str, amount: str) -> None:
        row = self.rowCount()
        self.insertRow(row)
        self.setItem(row, 0, QTableWidgetItem(text))
        money = QTableWidgetItem(amount)
        money.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setItem(row, 1, money)

    def _add_blank(self) -> None:
        self.blockSignals(True)
        self._add_row("", "")
        self.blockSignals(False)

    def _changed(self, _item: QTableWidgetItem) -> None:
        last = self.rowCount() - 1
        if self._text(last, 0) or self._text(last, 1):
            self._add_blank()
        self.edited.emit()


class TreasurerDialog(QDialog):
    saved = Signal(int)  # the year saved

    def __init__(self, session: Session, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Treasurer's statement")
        layout = QVBoxLayout(self)
        intro = QLabel("Enter a few lines for each part of the year's accounts. The closing balance and "
                       "the totals are worked out for you, and printed in the yearly pack for the landlord.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._top_row(year))
        grid = QGridLayout()
        self.tables: dict[str, LinesTable] = {}
        self.totals: dict[str, QLabel] = {}
        for number, section in enumerate(STATEMENT_SECTIONS):
            grid.addWidget(self._section_box(section), number // 2, number % 2)
        layout.addLayout(grid, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Closing balance and net assets")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        self.problem.setStyleSheet("color: #b00000")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(name_buttons(buttons))
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(960, screen.width() - 40) if screen else 960, min(700, screen.height() - 60) if screen else 700)
        self.load(year)

    def _top_row(self, year: int) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.year = QSpinBox()
        self.year.setRange(2000, 2999)
        self.year.setValue(year)
        self.year.setAccessibleName("Year")
        self.year.valueChanged.connect(self.load)
        self.opening = QLineEdit()
        self.opening.setAccessibleName("Balance on 1 January")
        self.opening.setPlaceholderText("0.00")
        self.opening.setMinimumWidth(160)
        self.opening.textChanged.connect(self._show_totals)
        self.opening_label = QLabel()
        self.opening_label.setBuddy(self.opening)
        year_label = QLabel("&Year:")
        year_label.setBuddy(self.year)
        form.addRow(year_label, self.year)
        form.addRow(self.opening_label, self.opening)
        return form

    def _section_box(self, section: str) -> QGroupBox:
        box = QGroupBox(TITLES[section])  # its Alt+letter takes the keyboard to the table inside
        column = QVBoxLayout(box)
        table = LinesTable(section)
        table.edited.connect(self._show_totals)
        total = QLabel()
        total.setAccessibleName(f"Total {section}")
        total.setAlignment(Qt.AlignmentFlag.AlignRight)
        column.addWidget(table, 1)
        column.addWidget(total)
        self.tables[section], self.totals[section] = table, total
        return box

    def load(self, year: int) -> None:
        """Show the figures saved for ``year``, or an empty statement."""
        statement = self.session.book.documents.statement(year)
        self.opening_label.setText(f"&Balance on 1 January {year}:")
        self.opening.setText(pounds(statement.opening_balance).replace("£", "") if statement else "")
        for section, table in self.tables.items():
            table.set_lines(statement.lines(section) if statement else [])
        self.problem.clear()
        self._show_totals()

    def _opening(self) -> int:
        try:
            return parse_pounds(self.opening.text()) if self.opening.text().strip() else 0
        except QuorumError:
            raise QuorumError("The balance on 1 January is not an amount of money; write it like 1,243.17.") from None

    def _show_totals(self) -> None:
        totals = {section: table.total() for section, table in self.tables.items()}
        for section, total in totals.items():
            self.totals[section].setText(f"Total {section}: " + ("check the amounts" if total is None
                                                                 else pounds(total)))
        try:
            opening = self._opening()
        except QuorumError:
            opening = None
        if None in (opening, totals["income"], totals["expenditure"]):
            balance = "Closing balance: check the amounts above."
        else:
            closing = opening + totals["income"] - totals["expenditure"]
            balance = (f"Closing balance on 31 December {self.year.value()}: {pounds(opening)} + "
                       f"{pounds(totals['income'])} − {pounds(totals['expenditure'])} = {pounds(closing)}.")
        if None not in (totals["assets"], totals["liabilities"]):
            balance += f"  Net assets: {pounds(totals['assets'] - totals['liabilities'])}."
        self.summary.setText(balance)

    def save(self) -> None:
        """Save the year's figures in one go, or say plainly what to correct."""
        for table in self.tables.values():
            table.finish_editing()
        try:
            sections = {section: table.lines() for section, table in self.tables.items()}
            self.session.apply(self.session.book.documents.save_statement, self.year.value(), self._opening(), sections)
        except QuorumError as error:
            self.problem.setText(str(error))
            return
        self.saved.emit(self.year.value())
        self.accept()
