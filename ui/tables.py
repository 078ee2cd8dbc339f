"""How Quorum shows a read-only table: whole rows chosen, arrow keys inside, Tab moves on.

No column may shrink to a sliver: every section keeps room for a few characters at the current
text size, and a saved arrangement of the columns that breaks that is forgotten, not restored.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

NARROWEST = 6  # characters: the least any column is given
# Columns sized to their contents measure the rows on screen and this many more. Not 0 ("the rows on
# screen"): a table not shown yet has no rows on screen, and Qt then measures every row, which for
# 5,000 members is 240,000 calls into Python each time the console selects a row while opening.
ROWS_MEASURED = 20


def read_only_table(table_model, name: str, stretch: tuple[int, ...] = (0,), wrapped: bool = False) -> QTableView:
    """A table of ``table_model`` with an accessible ``name``; the ``stretch`` columns take the spare width.

    ``wrapped``: a short table whose rows grow to show wrapped text whenever the columns change width.
    """
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
    never_collapse(header)
    if wrapped:
        header.sectionResized.connect(lambda *_: view.resizeRowsToContents())
    for column in stretch:
        if column < table_model.columnCount():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view


def never_collapse(header: QHeaderView) -> None:
    """A floor under every column, in characters of the text size now in use."""
    header.setMinimumSectionSize(header.fontMetrics().averageCharWidth() * NARROWEST + 8)


def remember_columns(view: QTableView, key: str) -> bool:
    """Columns the chair widened stay so after a restart; a saved sliver of a column is not restored.

    True when an arrangement was restored (so the table need not size its columns itself).
    """
    header = view.horizontalHeader()
    never_collapse(header)
    settings_key = f"columns/{key}"
    saved = QSettings().value(settings_key)
    restored = isinstance(saved, QByteArray | bytes) and header.restoreState(QByteArray(saved))
    if restored:
        too_narrow = [i for i in range(header.count())
                      if not header.isSectionHidden(i) and header.sectionSize(i) < header.minimumSectionSize()]
        for section in too_narrow:
            header.resizeSection(section, header.defaultSectionSize())
    header.sectionResized.connect(lambda *_: QSettings().setValue(settings_key, header.saveState()))
    return restored
