"""What the overview page and the CSV files read: one short row per record they need, kept as changes arrive.

The write path (``app.server.apply``) calls ``keep`` with every record it writes, so the overview of
300 associations is a count over an index, and an export reads only the rows it lists, never every
document of every association. ``rebuild`` fills the table once for a database made before it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.engine import Connection

from app.server.db import associations, devices, records, summaries
from app.server.figures import MeetingRow, day, meeting_row

# entity -> the fields kept; the one the overview counts by becomes ``kind``
KEPT = {
    "association": ("area", "rto_number"),
    "member": (),
    "meeting": ("date", "time", "kind", "title", "status", "minutes_status"),
    "attendance": (),
    "motion": ("text", "votes_for", "votes_against", "abstentions", "carried", "result_text", "position"),
    "action": ("description", "owner_name", "due", "status", "completed"),
}
_DELETE = delete(summaries).where(summaries.c.association_id == bindparam("a"), summaries.c.entity == bindparam("e"),
                                  summaries.c.record_id == bindparam("r"))


def _kind(entity: str, doc: dict) -> str:
    if entity == "member":
        return "left" if doc.get("left") else "current"
    if entity == "attendance":
        return str(doc.get("kind") or "")
    if entity == "action":
        return str(doc.get("status") or "open")
    if entity == "motion":
        return "decided" if doc.get("carried") is not None else ""
    return ""


def keep(conn: Connection, association_id: str, written: list[tuple[str, str, dict | None]]) -> None:
    """Bring the summary rows of records just written up to date: (entity, record id, doc or None if deleted)."""
    mine = [(e, r, doc) for e, r, doc in written if e in KEPT]
    if not mine:
        return
    conn.execute(_DELETE, [{"a": association_id, "e": e, "r": r} for e, r, _ in mine])
    rows = [{"association_id": association_id, "entity": e, "record_id": r, "kind": _kind(e, doc),
             "meeting_id": doc.get("meeting_id"), "fields": json.dumps({k: doc.get(k) for k in KEPT[e]},
                                                                       ensure_ascii=False)}
            for e, r, doc in mine if doc is not None]
    if rows:
        conn.execute(summaries.insert(), rows)


def rebuild(conn: Connection) -> None:
    """Fill the table from every live record (once, for a database made before summaries were kept)."""
    by_association = defaultdict(list)
    query = select(records.c.association_id, records.c.entity, records.c.record_id, records.c.doc).where(
        records.c.deleted.is_(False), records.c.entity.in_(list(KEPT)))
    for row in conn.execute(query):
        by_association[row.association_id].append((row.entity, row.record_id, json.loads(row.doc)))
    for association_id, written in by_association.items():
        keep(conn, association_id, written)


# -- the overview -------------------------------------------------------------------------------------

@dataclass
class Overview:
    id: str
    name: str
    last_sync: str | None
    area: str = ""
    members: int = 0
    meeting_count: int = 0
    open_action_count: int = 0
    laptops: int = 0


def _associations(conn: Connection, among: list[str] | None):
    query = select(associations.c.id, associations.c.name, associations.c.last_sync).order_by(associations.c.name)
    if among is not None:
        query = query.where(associations.c.id.in_(among))
    return conn.execute(query).all()


def overview(conn: Connection, among: list[str] | None = None) -> list[Overview]:
    """Every association (or those ``among``) with its counts, in name order: counts over an index."""
    found = {row.id: Overview(row.id, row.name, row.last_sync) for row in _associations(conn, among)}
    counted = select(summaries.c.association_id, summaries.c.entity, summaries.c.kind, func.count()).where(
        summaries.c.entity.in_(["member", "meeting", "action"])).group_by(
        summaries.c.entity, summaries.c.kind, summaries.c.association_id)
    for association_id, entity, kind, count in conn.execute(counted):
        each = found.get(association_id)
        if each is None:
            continue
        if entity == "member" and kind == "current":
            each.members += count
        elif entity == "meeting":
            each.meeting_count += count
        elif entity == "action" and kind == "open":
            each.open_action_count += count
    areas = select(summaries.c.association_id, summaries.c.fields).where(summaries.c.entity == "association")
    for association_id, fields in conn.execute(areas):
        if association_id in found:
            found[association_id].area = json.loads(fields).get("area") or ""
    laptops = select(devices.c.association_id, func.count()).where(devices.c.revoked.is_(False))\
        .group_by(devices.c.association_id)
    for association_id, count in conn.execute(laptops):
        if association_id in found:
            found[association_id].laptops = count
    return list(found.values())


# -- the CSV files ------------------------------------------------------------------------------------

def _rows(conn: Connection, entity: str, among: list[str] | None, kind: str | None = None):
    query = select(summaries.c.association_id, summaries.c.record_id, summaries.c.meeting_id,
                   summaries.c.kind, summaries.c.fields).where(summaries.c.entity == entity)
    if kind is not None:
        query = query.where(summaries.c.kind == kind)
    if among is not None:
        query = query.where(summaries.c.association_id.in_(among))
    return conn.execute(query)


def _meetings(conn: Connection, among: list[str] | None) -> dict[tuple[str, str], MeetingRow]:
    found = {}
    for row in _rows(conn, "meeting", among):
        meeting = meeting_row(row.record_id, json.loads(row.fields))
        if meeting is not None:
            found[(row.association_id, row.record_id)] = meeting
    return found


def meeting_rows(conn: Connection, among: list[str] | None = None) -> list[list]:
    meetings = _meetings(conn, among)
    counted = select(summaries.c.association_id, summaries.c.meeting_id, summaries.c.kind, func.count()).where(
        summaries.c.entity == "attendance").group_by(summaries.c.association_id, summaries.c.meeting_id,
                                                     summaries.c.kind)
    if among is not None:
        counted = counted.where(summaries.c.association_id.in_(among))
    for association_id, meeting_id, kind, count in conn.execute(counted):
        meeting = meetings.get((association_id, meeting_id))
        if meeting is not None and kind in ("present", "apology", "guest"):
            setattr(meeting, {"present": "present", "apology": "apologies", "guest": "guests"}[kind], count)
    names = {row.id: row.name for row in _associations(conn, among)}
    listed = sorted(meetings.items(), key=lambda item: (names.get(item[0][0], ""), item[0][0],
                                                        _descending(item[1].day), _reversed(item[1].time)))
    return [[names[a], m.day, m.time, m.heading, m.status, m.minutes_status, m.present, m.apologies, m.guests]
            for (a, _), m in listed if a in names]


def decision_rows(conn: Connection, among: list[str] | None = None) -> list[list]:
    meetings = _meetings(conn, among)
    names = {row.id: row.name for row in _associations(conn, among)}
    found = []
    for row in _rows(conn, "motion", among, kind="decided"):
        meeting = meetings.get((row.association_id, row.meeting_id))
        if meeting is None or row.association_id not in names:
            continue
        doc = json.loads(row.fields)
        found.append(((names[row.association_id], row.association_id, _descending(meeting.day),
                       doc.get("position") or 0),
                      [names[row.association_id], meeting.day, meeting.heading, doc.get("text") or "",
                       doc.get("votes_for"), doc.get("votes_against"), doc.get("abstentions"),
                       doc.get("result_text") or "", "yes" if doc.get("carried") else "no"]))
    return [row for _, row in sorted(found, key=lambda pair: pair[0])]


def action_rows(conn: Connection, among: list[str] | None = None) -> list[list]:
    meetings = _meetings(conn, among)
    names = {row.id: row.name for row in _associations(conn, among)}
    found = []
    for row in _rows(conn, "action", among):
        if row.association_id not in names:
            continue
        doc = json.loads(row.fields)
        meeting = meetings.get((row.association_id, row.meeting_id))
        due = day(doc.get("due"))
        description = doc.get("description") or ""
        found.append(((names[row.association_id], row.association_id, due or date.max, description),
                      [names[row.association_id], meeting.day if meeting else None, description,
                       doc.get("owner_name") or "", due, doc.get("status") or "open", day(doc.get("completed"))]))
    return [row for _, row in sorted(found, key=lambda pair: pair[0])]


def _descending(day: date) -> int:
    return -day.toordinal()


def _reversed(text: str) -> tuple:
    return tuple(-ord(ch) for ch in text)



