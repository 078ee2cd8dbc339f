"""How Quorum shows a read-only table: whole rows chosen, arrow keys inside, Tab moves on."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

# Columns sized to their contents measure the rows on screen and this many more. Not 0 ("the rows on
# screen"): a table not shown yet has no rows on screen, and Qt then measures every row, which for
# 5,000 members is 240,000 calls into Python each time the console selects a row while opening.
ROWS_MEASURED = 20


def read_only_table(table_model, name: str, stretch: tuple[int, ...] = (0,)) -> QTableView:
    """A table of ``table_model`` with an accessible ``name``; the ``stretch`` columns take the spare width."""
    view = QTableView()
    view.setModel(table_model)
    view.setAccessibleName(name)
    view.setTabKeyNavigation(False)  # Tab moves on to the next control; the arrow keys move within the table
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(ROWS_MEASURED)  # not thousands of rows per keystroke
    for column in stretch:
        if column < table_model.columnCount():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view
