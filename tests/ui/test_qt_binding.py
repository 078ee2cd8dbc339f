"""Guards against a Qt binding that corrupts Python's reference counts (PySide6 6.12.0 did).

Such a binding crashes the app only after hundreds of keystrokes in a search box, far from the
cause; this catches it in a second.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex


class Empty(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 0

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 0

    def data(self, index, role=0):
        return None


def test_model_resets_and_changes_keep_reference_counts(qapp):
    model = Empty()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        model.beginResetModel()
        model.endResetModel()
        model.dataChanged.emit(model.index(0, 0), model.index(0, 0))
        model.layoutChanged.emit()
    assert sys.getrefcount(None) - none_before > -50
    assert sys.getrefcount(True) - true_before > -50
