"""Guards against a Qt binding that corrupts Python's reference counts (PySide6 6.12.0 did).

Such a binding crashes the app only after hundreds of keystrokes in a search box, far from the
cause; this catches it in a second. The counts are taken on an ordinary (mortal) object that
every slot returns and every ``data`` call hands back: from Python 3.12, ``None`` and ``True``
are immortal and their counts never move, so counting them alone could not fail there.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex


class Mark:
    """The object whose references are counted."""


class Empty(QAbstractTableModel):
    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark

    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 1

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 1

    def data(self, index, role=0):
        return self.mark


def _references_lost(slot=None, rounds: int = 500, mark: Mark | None = None) -> int:
    """How many references to the mark were lost over resets and changes, each seen by a slot."""
    mark = mark or Mark()
    model = Empty(mark)
    answer = slot or (lambda *args: mark)
    for signal in (model.modelAboutToBeReset, model.modelReset, model.dataChanged, model.layoutChanged):
        signal.connect(lambda *args, answer=answer, mark=mark: answer(mark))
    before = sys.getrefcount(mark)
    for _ in range(rounds):
        model.beginResetModel()
        model.endResetModel()
        model.dataChanged.emit(model.index(0, 0), model.index(0, 0))
        model.layoutChanged.emit()
        model.data(model.index(0, 0))
    return before - sys.getrefcount(mark)


def test_model_resets_and_changes_keep_reference_counts(qapp):
    none_before = sys.getrefcount(None)
    assert _references_lost() < 50
    assert sys.getrefcount(None) - none_before > -50  # still worth a look where None is mortal (3.11)


def test_the_guard_notices_a_binding_that_drops_references(qapp):
    """A slot that drops one reference each time, as the broken binding did, is caught."""
    mark, dropped = Mark(), []
    held = [mark] * 1000  # enough references that dropping some cannot free the mark

    def drop(mark):
        ctypes.pythonapi.Py_DecRef(ctypes.py_object(mark))
        dropped.append(1)
        return mark

    lost = _references_lost(drop, rounds=50, mark=mark)
    for _ in dropped:  # give them back
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(mark))
    assert len(held) == 1000 and lost >= 50
