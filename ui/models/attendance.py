"""Who is here, who sent apologies and which guests are in attendance, for one meeting."""

from __future__ import annotations

from app import model
from ui.models.rows import RowsModel

ORDER = {"present": 0, "guest": 1, "apology": 2, "proxy": 3}


def _status(record: model.Attendance, members: dict[str, model.Member]) -> str:
    if record.kind == "apology":
        return "Apologies"
    if record.kind == "guest":
        return f"Guest: {record.guest_organisation}" if record.guest_organisation else "Guest"
    if record.kind == "proxy":
        holder = members.get(record.proxy_holder_id or "")
        return f"Proxy given to {holder.name}" if holder else "Proxy given"
    return f"Left at {record.left}" if record.left else "Present"


class AttendanceModel(RowsModel):
    """Those here now first, latest arrival at the top; then guests, departures and apologies."""

    columns = ("Name", "Arrived", "Status")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._members: dict[str, model.Member] = {}

    def load(self, records: list[model.Attendance], members: dict[str, model.Member]) -> None:
        self._members = members
        named = []
        for record in records:
            member = members.get(record.member_id or "")
            named.append((record, member.name if member else record.guest_name))
        here = sorted((p for p in named if p[0].kind == "present" and not p[0].left),
                      key=lambda p: p[0].arrived, reverse=True)
        others = sorted((p for p in named if p not in here),
                        key=lambda p: (ORDER.get(p[0].kind, 9), bool(p[0].left), p[0].arrived))
        self.set_rows(here + others)

    def record_at(self, row: int) -> model.Attendance:
        return self.row_at(row)[0]

    def cell(self, pair: tuple[model.Attendance, str], column: int):
        record, name = pair
        return (name, record.arrived if record.kind in ("present", "guest") else "",
                _status(record, self._members))[column]
