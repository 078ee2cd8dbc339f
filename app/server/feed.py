"""What a laptop pulls: the records other laptops changed since its cursor, in the association's order.

A page lists each changed record once, as head office holds it now (deleted ones as tombstones),
so applying a page twice changes nothing. The cursor is the association's sequence number.

The answer is written from the records' stored JSON text (``Page.as_json``): each record's fields
go out as head office keeps them, never decoded into Python values and encoded again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from json.encoder import encode_basestring  # a JSON string, as json.dumps(ensure_ascii=False) writes it
from typing import NamedTuple

from sqlalchemy import Select, and_, bindparam, or_, select
from sqlalchemy.engine import Connection

from app.server.db import associations, changes, records, rows_of


class UnknownCursor(Exception):
    """A cursor head office did not hand out, or no longer keeps."""


class Pulled(NamedTuple):  # a tuple: made for each of a page's thousand records
    """One record as a pull gives it; ``doc`` is its fields' JSON text as stored ("{}" once deleted)."""

    entity: str
    record_id: str
    deleted: bool
    doc: str
    hlc: str
    seq: int

    def as_json(self) -> str:
        return (f'{{"entity":{encode_basestring(self.entity)},"record_id":{encode_basestring(self.record_id)},'
                f'"deleted":{"true" if self.deleted else "false"},"doc":{self.doc},'
                f'"hlc":{encode_basestring(self.hlc)},"seq":{int(self.seq)}}}')

    def as_dict(self) -> dict:
        return {"entity": self.entity, "record_id": self.record_id, "deleted": self.deleted,
                "doc": json.loads(self.doc), "hlc": self.hlc, "seq": self.seq}


@dataclass
class Page:
    records: list[Pulled]
    next_cursor: str
    has_more: bool

    @property
    def changes(self) -> list[dict]:
        """The records decoded, as a laptop reads them."""
        return [record.as_dict() for record in self.records]

    def as_json(self) -> bytes:
        """The pull's answer (``PullAnswer`` in the API's description), as UTF-8 JSON. Each record is
        encoded on its own: one name with an accent made the whole page's text two bytes a character,
        and every byte of it then took UTF-8's slow road; now only that record's does."""
        listed = b",".join([record.as_json().encode() for record in self.records])
        return (b'{"changes":[%s],"next_cursor":%s,"has_more":%s}'
                % (listed, encode_basestring(self.next_cursor).encode(), b"true" if self.has_more else b"false"))


def parse_cursor(text: str | None) -> int:
    if not text:
        return 0
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise UnknownCursor(text)
    return int(text)


# Built once: a pull is two short queries, and building them cost more than running them. Each change
# is joined to its record through the record's primary key.
_PLACE = select(associations.c.last_seq, associations.c.oldest_seq).where(associations.c.id == bindparam("a"))
# The record's hlc is its latest field stamp, kept in its own column as it is written (``db.kept_clocks``).
_CHANGED: Select = (
    select(changes.c.seq.label("at"), records.c.entity, records.c.record_id, records.c.doc, records.c.stamp,
           records.c.deleted, records.c.seq)
    .join_from(changes, records, and_(records.c.association_id == changes.c.association_id,
                                      records.c.entity == changes.c.entity,
                                      records.c.record_id == changes.c.record_id))
    .where(changes.c.association_id == bindparam("a"), changes.c.seq > bindparam("after"),
           changes.c.seq <= bindparam("last"),
           or_(changes.c.device_id.is_(None), changes.c.device_id != bindparam("device")))
    .order_by(changes.c.seq).limit(bindparam("limit")))


# A page stops early once its records' text passes this many bytes, so a page of long records (a
# year's minutes, say) still arrives within the laptop's 30 s patience on a slow hall connection:
# 1 MB is eight seconds at 1 Mbit/s. A page of a thousand members is about a third of it.
PAGE_BYTES = 1_000_000


def page(conn: Connection, association_id: str, device_id: str, cursor: str | None, limit: int,
         budget: int | None = None) -> Page:
    """Up to ``limit`` changes after the cursor, and no more records than fit in ``budget`` bytes
    (``PAGE_BYTES`` unless told; always at least one record, so a sync moves on whatever its size)."""
    budget = PAGE_BYTES if budget is None else budget
    after = parse_cursor(cursor)
    ((last, oldest),) = rows_of(conn, _PLACE, {"a": association_id})
    if after > last or (after and after < oldest):
        raise UnknownCursor(cursor)
    rows = rows_of(conn, _CHANGED, {"a": association_id, "after": after, "last": last, "device": device_id,
                                    "limit": limit + 1})
    has_more = len(rows) > limit
    rows = rows[:limit]
    listed: list[Pulled] = []
    seen, size, through = set(), 0, after
    for at, entity, record_id, doc, stamp, deleted, seq in rows:  # each record once, first-changed first
        if (entity, record_id) not in seen:
            if deleted:
                doc = "{}"
            size += len(doc) + len(entity) + len(record_id) + len(stamp)
            if listed and size > budget:  # this change and the rest on the next page
                return Page(listed, str(through), True)
            seen.add((entity, record_id))
            listed.append(Pulled(entity, record_id, bool(deleted), doc, stamp, seq))
        through = at
    next_cursor = rows[-1][0] if has_more else last
    return Page(listed, str(next_cursor), has_more)
