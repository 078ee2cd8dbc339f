"""What head office reads: each association's meetings, attendance, decisions and actions.

Built from the records laptops sent (their JSON documents), for the staff pages and CSV files.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from app.server.db import associations, devices, records
from app.words import long_date

HEAD_OFFICE_TIME = ZoneInfo("Europe/London")


@dataclass
class MeetingRow:
    id: str
    day: date
    time: str
    kind: str
    heading: str
    status: str
    minutes_status: str
    present: int = 0
    apologies: int = 0
    guests: int = 0


@dataclass
class DecisionRow:
    meeting: MeetingRow
    text: str
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    carried: bool | None
    result_text: str

    @property
    def how(self) -> str:
        """'Carried on the chair's casting vote', when the result says more than carried or not."""
        how = self.result_text.split(":")[0].strip()
        return "" if how in ("", "Carried", "Not carried") else how


@dataclass
class ActionRow:
    meeting: MeetingRow | None
    description: str
    owner: str
    due: date | None
    status: str
    completed: date | None

    def overdue(self, today: date) -> bool:
        return self.status == "open" and self.due is not None and self.due < today


@dataclass
class Association:
    id: str
    name: str
    last_sync: str
    area: str = ""
    rto_number: str = ""
    members: int = 0
    laptops: int = 0
    meetings: list[MeetingRow] = field(default_factory=list)
    decisions: list[DecisionRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)

    @property
    def open_actions(self) -> list[ActionRow]:
        return [a for a in self.actions if a.status == "open"]


def when(iso_utc: str | None, now: datetime | None = None) -> str:
    """'Today at 21:14', 'Yesterday at 09:02' or '24 November 2026 at 21:14' in head office's time; 'Never'."""
    if not iso_utc:
        return "Never"
    moment = datetime.fromisoformat(iso_utc).astimezone(HEAD_OFFICE_TIME)
    today = (now or datetime.now(HEAD_OFFICE_TIME)).astimezone(HEAD_OFFICE_TIME).date()
    day = {today: "Today", today - timedelta(days=1): "Yesterday"}.get(moment.date(), long_date(moment.date()))
    return f"{day} at {moment:%H:%M}"


def day(text: object) -> date | None:
    """A stored ISO date, or None when it is missing or not a date."""
    try:
        return date.fromisoformat(text) if isinstance(text, str) and text else None
    except ValueError:
        return None


def meeting_row(record_id: str, doc: dict) -> MeetingRow | None:
    """A meeting as head office lists it, from its stored fields (None without a readable date)."""
    held_on = day(doc.get("date"))
    if held_on is None:
        return None
    kind = doc.get("kind") or "general"
    return MeetingRow(record_id, held_on, doc.get("time") or "", kind, doc.get("title") or f"{kind.title()} Meeting",
                      doc.get("status") or "draft", doc.get("minutes_status") or "draft")


def _docs(conn: Connection, association_ids: list[str] | None = None) -> dict[str, dict[str, list[dict]]]:
    """association id -> entity -> live documents."""
    query = select(records.c.association_id, records.c.entity, records.c.doc).where(records.c.deleted.is_(False))
    if association_ids is not None:
        query = query.where(records.c.association_id.in_(association_ids))
    found: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in conn.execute(query):
        found[row.association_id][row.entity].append(json.loads(row.doc))
    return found


def associations_overview(conn: Connection, association_id: str | None = None,
                          among: list[str] | None = None) -> list[Association]:
    """Every association (or one), with its figures, in name order; only those ``among`` when given
    (a housing officer's patch)."""
    query = select(associations).order_by(associations.c.name)
    if association_id is not None:
        query = query.where(associations.c.id == association_id)
    if among is not None:
        query = query.where(associations.c.id.in_(among))
    rows = conn.execute(query).mappings().all()
    laptops: dict[str, int] = dict(conn.execute(select(devices.c.association_id, func.count()).where(devices.c.revoked.is_(False))
                                .group_by(devices.c.association_id)).all())
    docs = _docs(conn, [r["id"] for r in rows])
    return [_association(row, docs[row["id"]], laptops.get(row["id"], 0)) for row in rows]


def _association(row, docs: dict[str, list[dict]], laptops: int) -> Association:
    own = (docs.get("association") or [{}])[0]
    found = Association(row["id"], row["name"], when(row["last_sync"]), own.get("area") or "",
                        own.get("rto_number") or "", laptops=laptops)
    found.members = sum(1 for m in docs.get("member", []) if not m.get("left"))
    meetings = {}
    for doc in docs.get("meeting", []):
        meeting = meeting_row(doc["id"], doc)
        if meeting is not None:
            meetings[doc["id"]] = meeting
    for doc in docs.get("attendance", []):
        meeting = meetings.get(doc.get("meeting_id"))
        if meeting is None:
            continue
        kind = doc.get("kind")
        if kind == "present":
            meeting.present += 1
        elif kind == "apology":
            meeting.apologies += 1
        elif kind == "guest":
            meeting.guests += 1
    found.meetings = sorted(meetings.values(), key=lambda m: (m.day, m.time), reverse=True)
    for doc in sorted(docs.get("motion", []), key=lambda d: d.get("position") or 0):
        meeting = meetings.get(doc.get("meeting_id"))
        if meeting is not None and doc.get("carried") is not None:
            found.decisions.append(DecisionRow(meeting, doc.get("text") or "", doc.get("votes_for"),
                                               doc.get("votes_against"), doc.get("abstentions"),
                                               bool(doc["carried"]), doc.get("result_text") or ""))
    found.decisions.sort(key=lambda d: d.meeting.day, reverse=True)
    for doc in docs.get("action", []):
        found.actions.append(ActionRow(meetings.get(doc.get("meeting_id")), doc.get("description") or "",
                                       doc.get("owner_name") or "", day(doc.get("due")), doc.get("status") or "open",
                                       day(doc.get("completed"))))
    found.actions.sort(key=lambda a: (a.due or date.max, a.description))
    return found
