"""How Quorum shows a read-only table: whole rows chosen, arrow keys inside, Tab moves on."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


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
    header.setResizeContentsPrecision(0)  # size columns to the rows on screen, not to thousands per keystroke
    for column in stretch:
        if column < table_model.columnCount():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view
