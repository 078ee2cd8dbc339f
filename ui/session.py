"""The open association, as seen by the widgets: one signal says what changed.

Widgets call the services through ``Session.book`` for reads and ``Session.apply`` for edits;
``apply`` broadcasts the ``Changes`` value once, and each view decides whether to refresh.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app import journal
from app.errors import QuorumError
from app.services import AssociationFile, Changes


class Session(QObject):
    changed = Signal(object)  # Changes
    problem = Signal(str)  # a plain sentence for the chair, from work done outside a dialog

    def __init__(self, book: AssociationFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.is_open = True

    def apply(self, edit: Callable[..., object], *args, **kwargs):
        """Run one edit (already one committed transaction) and tell every view about it."""
        try:
            result = edit(*args, **kwargs)
        except QuorumError as error:
            journal.refused(error)
            raise
        self.changed.emit(result if isinstance(result, Changes) else Changes.of("any"))
        return result

    def close(self) -> None:
        self.is_open = False
        self.book.close()
