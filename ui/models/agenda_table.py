"""The agenda being prepared: numbered items, editable in place, reordered by dragging.

The store stays the source of truth. An edit or a drop does not change this model; it emits
``edited`` or ``moved``, the editor saves through the services, and the model is reloaded.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal

from app import model
from ui.models.rows import HeadedModel

COLUMNS = ("No.", "Item", "Presented by", "Minutes", "Prepared")
EDITABLE = {1: "title", 2: "presenter", 3: "expected_minutes"}
MIME_TYPE = "application/x-quorum-agenda-item"
MOST_MINUTES = 600


class AgendaTableModel(HeadedModel):
    columns = COLUMNS

    edited = Signal(str, str, object)  # item id, field, new value
    moved = Signal(str, int)  # item id, new position (1 is the first item)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[model.AgendaItem] = []
        self._motions: set[str] = set()

    def load(self, items: list[model.AgendaItem], with_motions: set[str] = frozenset()) -> None:
        """``with_motions``: ids of items that have a motion written in advance."""
        self.beginResetModel()
        self._items = list(items)
        self._motions = set(with_motions)
        self.endResetModel()

    def item_at(self, row: int) -> model.AgendaItem:
        return self._items[row]

    def row_of(self, item_id: str | None) -> int:
        return next((row for row, item in enumerate(self._items) if item.id == item_id), -1)

    def total_minutes(self) -> int:
        return sum(item.expected_minutes or 0 for item in self._items)

    # -- Qt's model interface -------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item, column = self._items[index.row()], index.column()
        if role == Qt.ItemDataRole.EditRole:
            return {1: item.title, 2: item.presenter, 3: item.expected_minutes or 0}.get(column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 1:
            return f"Item {item.position}, {item.title}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and item.notes:
            return item.notes
        return None

    def _text(self, item: model.AgendaItem, column: int) -> str:
        if column == 0:
            return str(item.position)
        if column == 1:
            return item.title
        if column == 2:
            return item.presenter
        if column == 3:
            return str(item.expected_minutes) if item.expected_minutes else ""
        prepared = (["Motion"] if item.id in self._motions else []) + (["Notes"] if item.notes.strip() else [])
        return ", ".join(prepared)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        item, field = self._items[index.row()], EDITABLE[index.column()]
        if field == "expected_minutes":
            number = int(value or 0)
            value = min(max(number, 0), MOST_MINUTES) or None
        else:
            value = " ".join(str(value).split())
            if field == "title" and not value:
                return False  # an item needs a title; keep the old one
        if getattr(item, field) != value:
            self.edited.emit(item.id, field, value)
        return True

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags | Qt.ItemFlag.ItemIsDropEnabled

    # -- dragging -------------------------------------------------------------------------------

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            data.setData(MIME_TYPE, QByteArray(self._items[rows[0]].id.encode()))
        return data

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        """Dropped between rows: it goes there; dropped on an item: it takes that item's place."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        item_id = bytes(data.data(MIME_TYPE).data()).decode()
        source = self.row_of(item_id)
        if source < 0:
            return False
        if parent.isValid():
            target = parent.row()
        else:
            target = len(self._items) if row < 0 else row
            if target > source:
                target -= 1  # the rows below close up once the item is lifted out
        if target != source:
            self.moved.emit(item_id, target + 1)
        return False  # the editor moves it in the store; the view must not remove any row itself
