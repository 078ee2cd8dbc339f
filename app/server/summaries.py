"""What the overview page and the CSV files read: one short typed row per record they list, kept as changes arrive.

The write path (``app.server.apply``) calls ``keep`` with every record it writes, so the overview of
300 associations is a count over an index, and each CSV file is one ``ORDER BY`` whose rows are
written as they are read: no document decoded, nothing joined or sorted in Python. A motion's and
an action's row carries its meeting's date and heading, and a meeting's row counts its attendance;
``keep`` brings both sides up to date whenever either changes (a meeting moved to another date, an
action moved to another meeting, a member's attendance struck out). What is only counted has no
row: a meeting's attendance moves its counts, and a member the association's count of current
members (``associations.members``), by the record's doc before and after the change, which the
write path knows (a push of an evening's 30 members and 25 attendance writes three rows, not 58).
``rebuild`` fills the table and the counts from every record (app.server.migrations).

Which entity fills which column:

- association: ``text`` (its area)
- meeting: ``day``, ``time``, ``heading``, ``status``, ``minutes_status``, ``present``, ``apologies``, ``guests``
- motion: ``kind`` (decided once carried or not), ``text``, the votes, ``carried``, ``result_text``,
  ``position``; ``day`` and ``heading`` of its meeting
- action: ``kind`` and ``status`` (open, done...), ``text`` (its description), ``owner``, ``due``,
  ``completed``; ``day`` of its meeting
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Integer, Text, bindparam, case, delete, func, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from app.server.db import (
    OVERVIEW_KINDS,
    add_to,
    associations,
    devices,
    insert_many,
    records,
    rows_named,
    rows_of,
    summaries,
    together,
    update_many,
)
from app.server.figures import day, meeting_row
from app.server.spreadsheet import in_sql

KEPT = ("association", "meeting", "motion", "action")  # the records with a row of their own
PARTS = ("motion", "action")  # those of them that belong to a meeting
COUNTED = {"present": "present", "apology": "apologies", "guest": "guests"}  # attendance kind -> meeting column
_DELETE = delete(summaries).where(summaries.c.association_id == bindparam("a"), summaries.c.entity == bindparam("e"),
                                  summaries.c.record_id == bindparam("r"))

# A record written: (entity, record id, its doc as head office held it before, its doc now), a doc None
# where head office held none or the record is deleted.
Written = tuple[str, str, dict | None, dict | None]


def meeting_of(doc: dict) -> str | None:
    found = doc.get("meeting_id")
    return found[:100] if isinstance(found, str) else None


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _number(value: object) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _iso(value: object) -> str | None:
    found = day(value)
    return found.isoformat() if found else None


def _typed(entity: str, doc: dict) -> dict:
    """The columns a record of ``entity`` fills (see the module's docstring)."""
    if entity == "association":
        return {"text": _text(doc.get("area"))}
    if entity == "meeting":
        meeting = meeting_row("", doc)
        if meeting is None:  # no readable date: not listed
            return {}
        return {"day": meeting.day.isoformat(), "time": meeting.time, "heading": meeting.heading,
                "status": meeting.status, "minutes_status": meeting.minutes_status}
    if entity == "motion":
        carried = doc.get("carried")
        return {"kind": "decided" if carried is not None else "", "text": _text(doc.get("text")),
                "votes_for": _number(doc.get("votes_for")), "votes_against": _number(doc.get("votes_against")),
                "abstentions": _number(doc.get("abstentions")), "carried": None if carried is None else bool(carried),
                "result_text": _text(doc.get("result_text")), "position": _number(doc.get("position")) or 0}
    status = _text(doc.get("status")) or "open"
    return {"kind": status, "status": status, "text": _text(doc.get("description")),
            "owner": _text(doc.get("owner_name")), "due": _iso(doc.get("due")), "completed": _iso(doc.get("completed"))}


# The columns each entity's rows fill besides their key, kind and meeting (the rest stay NULL), always
# the same for an entity so that an update leaves none stale; a motion's and an action's day and
# heading are their meeting's, a meeting's counts its attendance's (both filled by ``keep``).
FILLS = {
    "association": ("text",),
    "meeting": ("day", "time", "heading", "status", "minutes_status", "present", "apologies", "guests"),
    "motion": ("text", "votes_for", "votes_against", "abstentions", "carried", "result_text", "position", "day",
               "heading"),
    "action": ("status", "text", "owner", "due", "completed", "day", "heading"),
}


def _row(association_id: str, entity: str, record_id: str, doc: dict) -> dict:
    typed = _typed(entity, doc)
    row = {"association_id": association_id, "entity": entity, "record_id": record_id,
           "kind": typed.get("kind", ""), "meeting_id": meeting_of(doc)}
    for column in FILLS[entity]:
        row[column] = typed.get(column)
    return row


def keep(conn: Connection, association_id: str, written: list[Written], since: int,
         new: set[tuple[str, str]] | frozenset = frozenset()) -> None:
    """Bring the summaries up to date for records just written (``Written``).

    ``since`` is the association's last sequence number before these writes: every record of a later
    one is in ``written``. ``new`` names records head office did not hold before (so they have no
    rows yet): theirs are not looked for. A member or an attendance has no row: the association's
    count of current members and a meeting's counts move by what the batch changed, from each
    record's doc before and after, and only a meeting that had no row has the attendance head office
    already held counted (attendance sent before its meeting). A few statements whatever the batch:
    one read of the rows as they were (and of the meetings the batch's motions and actions belong
    to), then one executemany each for the rows inserted, updated and deleted.
    """
    members, now, was = _tally(written)
    mine = {(e, r): doc for e, r, _, doc in written if e in KEPT}
    fresh = {key: _row(association_id, *key, doc) for key, doc in mine.items() if doc is not None}
    pointed = {("meeting", row["meeting_id"]) for (e, _), row in fresh.items() if e in PARTS and row["meeting_id"]}
    before = _kept(conn, association_id, (set(mine) | pointed) - new)
    rowless = [r for (e, r) in fresh if e == "meeting" and (e, r) not in before]
    held, with_parts = _held(conn, association_id, rowless, since, {(e, r) for e, r, _, _ in written})
    for (entity, record_id), row in fresh.items():
        if entity == "meeting":
            start, less = before.get((entity, record_id)), was.get(record_id, {})
            if start is None:  # what head office held at the start, less what the batch changed of it, is all it held
                start, less = held.get(record_id, {}), {}
            more = now.get(record_id, {})
            row.update({c: (start.get(c) or 0) + more.get(c, 0) - less.get(c, 0) for c in COUNTED.values()})
        elif entity in PARTS and row["meeting_id"]:
            key = ("meeting", row["meeting_id"])
            row.update(_day_and_heading(fresh.get(key) or before.get(key)))
    _write(conn, association_id, members, fresh, before, [{"a": association_id, "e": e, "r": r}
                                                          for (e, r), doc in mine.items()
                                                          if doc is None and (e, r) in before])
    others = [{"a": association_id, "r": m, **more} for m, more in _net(now, was).items()
              if ("meeting", m) not in mine and any(more.values())]
    if others:  # the batch's attendance of meetings it did not write
        conn.execute(_COUNT_MORE, others)
    changed = [r for (e, r) in mine if e == "meeting" and (_moved(fresh, before, r) or r in with_parts)]
    if changed:  # a meeting moved to another day, renamed or deleted: its motions and actions say so
        conn.execute(_MEETING_CHANGED, [{"a": association_id, "m": r, **_day_and_heading(fresh.get(("meeting", r)))}
                                        for r in changed])


def _kept(conn: Connection, association_id: str, keys: set[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """The rows as they are before this change, for (entity, record id) pairs (read together: ``rows_named``)."""
    rows = (dict(zip(_KEPT, row, strict=True)) for row in rows_named(conn, summaries, association_id, sorted(keys),
                                                                     _KEPT[2:]))
    return {(row["entity"], row["record_id"]): row for row in rows}


def _tally(written: list[Written]) -> tuple[int, dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """What the records written change of the counts: how many more current members (fewer if negative),
    and each meeting's attendance of those records now and before (meeting id -> column -> how many)."""
    members, now, was = 0, {}, {}  # type: tuple[int, dict[str, dict[str, int]], dict[str, dict[str, int]]]
    for entity, _, before, after in written:
        if entity == "member":
            members += (after is not None and not after.get("left")) - (before is not None and not before.get("left"))
        elif entity == "attendance":
            if after is not None:
                _count(now, after)
            if before is not None:
                _count(was, before)
    return members, now, was


def _count(counts: dict[str, dict[str, int]], attendance: dict) -> None:
    kind = attendance.get("kind")
    column = COUNTED.get(kind) if isinstance(kind, str) else None
    meeting_id = meeting_of(attendance) if column else None
    if column and meeting_id:
        each = counts.setdefault(meeting_id, dict.fromkeys(COUNTED.values(), 0))
        each[column] += 1


def _net(now: dict[str, dict[str, int]], was: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """meeting id -> how much each count moves: attendance added, struck out, moved or of another kind."""
    none = dict.fromkeys(COUNTED.values(), 0)
    return {m: {c: now.get(m, none)[c] - was.get(m, none)[c] for c in none} for m in now.keys() | was.keys()}


def _held(conn: Connection, association_id: str, meeting_ids: list[str], since: int, written: set[tuple[str, str]]
          ) -> tuple[dict[str, dict[str, int]], set[str]]:
    """The attendance head office held before ``since`` of meetings that had no row (normally none: a
    meeting is sent before its attendance), less the records ``written`` (counted as they are now),
    and which of those meetings have motions or actions: read from the records through ``records_by_meeting``."""
    counts: dict[str, dict[str, int]] = {}
    with_parts: set[str] = set()
    if not since:  # the association's first changes: nothing held before
        return counts, with_parts
    for meeting_id in meeting_ids:
        for entity, record_id, doc in rows_of(conn, _HELD, {"a": association_id, "m": meeting_id, "since": since}):
            if (entity, record_id) in written:
                continue
            if entity == "attendance":
                _count(counts, json.loads(doc))
            else:
                with_parts.add(meeting_id)
    return counts, with_parts


def _day_and_heading(meeting: dict | None) -> dict:
    return {"day": meeting["day"], "heading": meeting["heading"]} if meeting else {"day": None, "heading": None}


def _moved(fresh: dict, before: dict, meeting_id: str) -> bool:
    """Whether the meeting's motions and actions must be told its day and heading: it was moved to
    another day, renamed or deleted (a meeting new to the table: ``_held`` says whether it has any)."""
    now, was = fresh.get(("meeting", meeting_id)), before.get(("meeting", meeting_id))
    return now is None or (was is not None and (now["day"], now["heading"]) != (was["day"], was["heading"]))


def _write(conn: Connection, association_id: str, members: int, fresh: dict, before: dict, gone: list[dict]) -> None:
    """The association's count of current members moved by ``members``; rows new to the table inserted,
    those it has updated in place, those of deleted records deleted: one executemany per entity, of the
    columns that entity fills (a column left out costs nothing, where binding a NULL costs Python's
    sqlite3 more than binding a value)."""
    new: dict[str, list[dict]] = {entity: [] for entity in KEPT}
    kept: dict[str, list[dict]] = {entity: [] for entity in KEPT}
    for key, row in fresh.items():
        (kept if key in before else new)[key[0]].append(row)
    with together(conn):  # on PostgreSQL, one round trip for them all
        if members:
            add_to(conn, associations, "id", association_id, "members", members)
        for entity in KEPT:
            insert_many(conn, summaries, new[entity])
            update_many(conn, summaries, kept[entity], _KEY)
    if gone:
        conn.execute(_DELETE, gone)


_KEY = ("association_id", "entity", "record_id")
_s = summaries.c
# Built once: building a statement costs more than the database takes to run it.
_KEPT = ("entity", "record_id", "kind", "meeting_id", "day", "heading", "present", "apologies", "guests")
_ONE_MEETING = (_s.association_id == bindparam("a"), _s.entity == "meeting", _s.record_id == bindparam("r"))
_COUNT_MORE = update(summaries).where(*_ONE_MEETING).values(
    {column: func.coalesce(_s[column], 0) + bindparam(column, type_=Integer) for column in COUNTED.values()})
_MEETING_CHANGED = update(summaries).where(  # run with many meetings at once: no IN (...), which expands per call
    _s.association_id == bindparam("a"), or_(_s.entity == "motion", _s.entity == "action"),
    _s.meeting_id == bindparam("m")).values(day=bindparam("day"), heading=bindparam("heading"))


# The records of a meeting that had no row, as head office held them before a batch: its attendance and
# whether it has motions or actions, found through ``records_by_meeting``.
_HELD = select(records.c.entity, records.c.record_id, records.c.doc).where(
    records.c.association_id == bindparam("a"), records.c.meeting_id == bindparam("m"),
    records.c.seq <= bindparam("since"), records.c.deleted.is_(False),
    or_(*(records.c.entity == entity for entity in ("attendance", *PARTS))))


def rebuild(conn: Connection) -> None:
    """Fill the table, and each association's count of current members, afresh from every live record."""
    for association_id in conn.execute(select(associations.c.id)).scalars().all():
        recount(conn, association_id)


def recount(conn: Connection, association_id: str) -> None:
    """One association's rows and count of current members made afresh from its live records."""
    conn.execute(delete(summaries).where(summaries.c.association_id == association_id))
    conn.execute(update(associations).where(associations.c.id == association_id).values(members=0))
    query = select(records.c.entity, records.c.record_id, records.c.doc).where(
        records.c.association_id == association_id, records.c.entity.in_((*KEPT, "member", "attendance")),
        records.c.deleted.is_(False))
    written: list[Written] = [(row.entity, row.record_id, None, json.loads(row.doc)) for row in conn.execute(query)]
    keep(conn, association_id, written, 0, {(entity, record_id) for entity, record_id, _, _ in written})


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


def _visible(query: Select, column, among: list[str] | None) -> Select:
    return query if among is None else query.where(column.in_(among))


def overview(conn: Connection, among: list[str] | None = None) -> list[Overview]:
    """Every association (or those ``among``) with its counts, in name order: counts over an index."""
    listed = _visible(select(associations.c.id, associations.c.name, associations.c.last_sync, associations.c.members),
                      associations.c.id, among).order_by(associations.c.name)
    found = {row.id: Overview(row.id, row.name, row.last_sync, members=row.members or 0)
             for row in conn.execute(listed)}
    counted = _visible(select(summaries.c.association_id, summaries.c.entity, summaries.c.kind, func.count()).where(
        OVERVIEW_KINDS), summaries.c.association_id, among).group_by(
        summaries.c.entity, summaries.c.kind, summaries.c.association_id)
    for association_id, entity, kind, count in conn.execute(counted):
        each = found.get(association_id)
        if each is None:
            continue
        if entity == "meeting":
            each.meeting_count += count
        elif entity == "action" and kind == "open":
            each.open_action_count += count
    areas = _visible(select(summaries.c.association_id, summaries.c.text).where(OVERVIEW_KINDS,
                                                                                 summaries.c.entity == "association"),
                     summaries.c.association_id, among)
    for association_id, area in conn.execute(areas):
        if association_id in found:
            found[association_id].area = area or ""
    laptops = select(devices.c.association_id, func.count()).where(devices.c.revoked.is_(False))\
        .group_by(devices.c.association_id)
    for association_id, count in conn.execute(laptops):
        if association_id in found:
            found[association_id].laptops = count
    return list(found.values())


# -- the CSV files: one query each, for one association at a time (app.server.downloads) ---------------
# Each gives the file's columns in its order, text made safe for a spreadsheet by the database, the
# association's name bound as ``name`` (made safe by app.server.spreadsheet.cell) and its id as
# ``association``; the rows are found through the primary key and sorted (a few hundred at most).

def _listing(entity: str, *columns) -> Select:
    return select(bindparam("name", type_=Text), *columns).where(summaries.c.association_id == bindparam("association"),
                                                     summaries.c.entity == entity)


MEETINGS = _listing("meeting", _s.day, in_sql(_s.time), in_sql(_s.heading), in_sql(_s.status),
                    in_sql(_s.minutes_status), _s.present, _s.apologies, _s.guests).where(
    _s.day.is_not(None)).order_by(_s.day.desc(), _s.time.desc(), _s.record_id)
DECISIONS = _listing("motion", _s.day, in_sql(_s.heading), in_sql(_s.text), _s.votes_for, _s.votes_against,
                     _s.abstentions, in_sql(_s.result_text), case((_s.carried, "yes"), else_="no")).where(
    _s.kind == "decided", _s.day.is_not(None)).order_by(_s.day.desc(), _s.position, _s.record_id)
ACTIONS = _listing("action", _s.day, in_sql(_s.text), in_sql(_s.owner), _s.due, in_sql(_s.status),
                   _s.completed).order_by(_s.due.asc().nulls_last(), _s.text, _s.record_id)
