"""How Quorum shows a read-only table: whole rows chosen, arrow keys inside, Tab moves on.

No column may shrink to a sliver: every section keeps room for a few characters at the current
text size, and a saved arrangement of the columns that breaks that is forgotten, not restored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QObject, QSettings, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui import appearance

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


def remember_columns(view: QTableView, key: str, fit: Callable[[], None] | None = None) -> bool:
    """Columns keep their widths after a restart: the chair's, or those measured once from the rows.

    Sizing columns to their contents measures rows, and a table of ten years of meetings or 5,000
    members is measured each time it is laid out; with the widths saved, the first layout at start-up
    measures nothing. Widths are kept with the text size they were made at, and forgotten at another
    (they would cut words off); a saved arrangement that does not fit this table (another version's,
    or damaged) is ignored, and a sliver of a column is widened. ``fit`` sizes the columns from the
    rows: it is called again when the chair changes the text size.

    True when an arrangement was restored (so the table need not size its columns itself).
    """
    header = view.horizontalHeader()
    saver = _Saver(header, f"columns/{key}")
    restored = saver.made_for() == saver.settings.value(saver.made_for_key) and _restore(header, saver.saved())
    never_collapse(header)
    if fit is not None:
        _RefitOnTextSize(header, fit)
    return restored


def _restore(header: QHeaderView, saved) -> bool:
    """The saved arrangement, if it is one for this table; never a column narrower than a few characters."""
    if not isinstance(saved, QByteArray | bytes) or not header.restoreState(QByteArray(saved)):
        return False
    never_collapse(header)
    too_narrow = [i for i in range(header.count())
                  if not header.isSectionHidden(i) and header.sectionSize(i) < header.minimumSectionSize()]
    for section in too_narrow:
        header.resizeSection(section, header.defaultSectionSize())
    return True


class _Saver(QObject):
    """Keeps the header's arrangement whenever a column changes width; a child of the header.

    Through one QSettings kept for the table's life: it writes the file on a later turn of the event
    loop, once for a burst of changes (six columns sized, a drag), where a QSettings made for each
    change would write the file (and flush it to disk) each time. Other QSettings see the change at once.
    """

    def __init__(self, header: QHeaderView, key: str) -> None:
        super().__init__(header)
        self.header, self.key, self.made_for_key = header, key, f"{key}_made_for"
        self.settings = QSettings(self)
        header.sectionResized.connect(self._resized)

    def _resized(self, section: int, _old: int, _new: int) -> None:
        """Not for the column that takes the spare width: it follows the window, and is laid out afresh."""
        if self.header.sectionResizeMode(section) != QHeaderView.ResizeMode.Stretch:
            self.save()

    def made_for(self) -> str:
        """What saved widths must have been made for to be used: this text size, this many columns."""
        return f"{appearance.text_size()}% text, {self.header.count()} columns"

    def saved(self):
        return self.settings.value(self.key)

    def save(self) -> None:
        state, made_for = self.header.saveState(), self.made_for()
        if state != self.saved() or made_for != self.settings.value(self.made_for_key):
            self.settings.setValue(self.key, state)
            self.settings.setValue(self.made_for_key, made_for)


class _RefitOnTextSize(QObject):
    """Sizes a table's columns from its rows again when the text size changes; a child of its header."""

    def __init__(self, header: QHeaderView, fit: Callable[[], None]) -> None:
        super().__init__(header)
        self.header, self.fit, self.size = header, fit, appearance.text_size()
        appearance.notifier().changed.connect(self._changed)

    def _changed(self) -> None:
        if appearance.text_size() != self.size:  # once the widgets have the new font (posted to them)
            self.size = appearance.text_size()
            QTimer.singleShot(0, self, self._refit)

    def _refit(self) -> None:
        never_collapse(self.header)
        self.fit()
