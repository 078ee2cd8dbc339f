"""Who is here, who sent apologies and which guests are in attendance, for one meeting."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app import model

COLUMNS = ("Name", "Arrived", "Status")


def _status(record: model.Attendance) -> str:
    if record.kind == "apology":
        return "Apologies"
    if record.kind == "guest":
        return f"Guest: {record.guest_organisation}" if record.guest_organisation else "Guest"
    if record.kind == "proxy":
        return "Proxy given"
    return f"Left at {record.left}" if record.left else "Present"


class AttendanceModel(QAbstractTableModel):
    """Most recent first, so the person who just came in is at the top."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[model.Attendance, str]] = []

    def load(self, records: list[model.Attendance], members: dict[str, model.Member]) -> None:
        self.beginResetModel()
        named = []
        for record in records:
            member = members.get(record.member_id or "")
            named.append((record, member.name if member else record.guest_name))
        order = {"present": 0, "guest": 1, "apology": 2, "proxy": 3}
        named.sort(key=lambda pair: (order.get(pair[0].kind, 9), bool(pair[0].left), pair[0].arrived), reverse=False)
        present = [pair for pair in named if pair[0].kind == "present" and not pair[0].left]
        present.sort(key=lambda pair: pair[0].arrived, reverse=True)
        self._rows = present + [pair for pair in named if pair not in present]
        self.endResetModel()

    def record_at(self, row: int) -> model.Attendance:
        return self._rows[row][0]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        record, name = self._rows[index.row()]
        return (name, record.arrived if record.kind in ("present", "guest") else "", _status(record))[index.column()]
