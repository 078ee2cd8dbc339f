"""What a laptop pulls: the records other laptops changed since its cursor, in the association's order.

A page lists each changed record once, as head office holds it now (deleted ones as tombstones),
so applying a page twice changes nothing. The cursor is the association's sequence number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import bindparam, or_, select
from sqlalchemy.engine import Connection

from app.server.db import associations, changes, records, records_named


class UnknownCursor(Exception):
    """A cursor head office did not hand out, or no longer keeps."""


@dataclass
class Page:
    changes: list[dict]
    next_cursor: str
    has_more: bool


def parse_cursor(text: str | None) -> int:
    if not text:
        return 0
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise UnknownCursor(text)
    return int(text)


# Built once: a pull is a few short queries, and building them cost more than running them.
_PLACE = select(associations.c.last_seq, associations.c.oldest_seq).where(associations.c.id == bindparam("a"))
_CHANGED = (select(changes.c.seq, changes.c.entity, changes.c.record_id)
            .where(changes.c.association_id == bindparam("a"), changes.c.seq > bindparam("after"),
                   changes.c.seq <= bindparam("last"),
                   or_(changes.c.device_id.is_(None), changes.c.device_id != bindparam("device")))
            .order_by(changes.c.seq).limit(bindparam("limit")))


def page(conn: Connection, association_id: str, device_id: str, cursor: str | None, limit: int) -> Page:
    after = parse_cursor(cursor)
    last, oldest = conn.execute(_PLACE, {"a": association_id}).one()
    if after > last or (after and after < oldest):
        raise UnknownCursor(cursor)
    rows = conn.execute(_CHANGED, {"a": association_id, "after": after, "last": last, "device": device_id,
                                   "limit": limit + 1}).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    keys = list(dict.fromkeys((r.entity, r.record_id) for r in rows))  # once each, first-changed first
    found = {(r.entity, r.record_id): r for r in records_named(
        conn, association_id, keys, records.c.doc, records.c.clocks, records.c.deleted, records.c.seq)}
    listed = []
    for key in keys:
        row = found[key]
        clocks = json.loads(row.clocks)
        listed.append({"entity": row.entity, "record_id": row.record_id, "deleted": bool(row.deleted),
                       "doc": {} if row.deleted else json.loads(row.doc), "hlc": max(clocks.values(), default=""),
                       "seq": row.seq})
    next_cursor = rows[-1].seq if has_more else last
    return Page(listed, str(next_cursor), has_more)
