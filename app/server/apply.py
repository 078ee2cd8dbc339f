"""The one write path: every change from a laptop, pushed over HTTP or carried in a bundle, lands here.

``apply_ops`` runs inside the caller's transaction. It takes the association's row lock first,
so two pushes for one association queue behind each other and sequence numbers are committed
in order. Every applied op id is kept with its answer: a resent op gets ``duplicate`` (or its
earlier refusal) and is never applied twice.

A batch costs a handful of statements whatever its size: one query for the op ids head office
already has, one (or two) for the records the batch touches and the meetings they belong to, then
one ``executemany`` each for the records written, the changes logged and the answers kept. The
rules are checked one op at a time against the records as the batch has left them so far. On
PostgreSQL the first reads go together with the lock, and every write of the batch's end together,
each in one round trip (``db.at_once``, ``db.together``).
"""

from __future__ import annotations

import hashlib
import json
import operator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import NamedTuple

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection

from app.ids import HybridClock
from app.model import ANSWER_STATUSES
from app.server import approvals, checks, conflicts, json_text, room, summaries
from app.server.conflicts import Stored
from app.server.db import (
    among_ids,
    applied_ops,
    associations,
    at_once,
    changes,
    devices,
    fields_and_clocks,
    insert_rows,
    kept_clocks,
    locking,
    named,
    records,
    rows_named,
    together,
    update_one,
    update_rows,
)
from app.store.schema import SCHEMA_VERSION  # the one thing of the store head office needs

WAITING = "An earlier change in the same batch has to be accepted first."
NOT_YOURS = ("not_your_op", "This change carries another laptop's number.")
REUSED = ("op_id_reused", "Head office already has a different change with this number; "
                          "was this association file copied to another laptop?")

# Built once: a first sync sends hundreds of ops, and building statements would cost more than running them.
_ONE_RECORD = (records.c.association_id == bindparam("a"), records.c.entity == bindparam("e"),
               records.c.record_id == bindparam("r"))
_STORED = select(records.c.doc, records.c.clocks, records.c.stamp, records.c.deleted, records.c.seq).where(*_ONE_RECORD)
_INSERT_RECORD = records.insert()
_UPDATE_RECORD = records.update().where(*_ONE_RECORD)
_INSERT_CHANGE = changes.insert()


class Answer(NamedTuple):
    """An applied op's answer as ``applied_ops`` keeps it (its columns, in this order): what a resent op
    is answered from. Not the batch it came in nor when: a retry is known by its op ids, and nothing,
    no page or export for an officer, read either."""

    op_id: str
    association_id: str
    device_id: str
    digest: str
    status: str
    code: str
    reason: str


# The columns of a record's row, in the order the batch writes them: the key, then the rest.
_KEY = ("association_id", "entity", "record_id")
_VALUES = ("doc", "clocks", "stamp", "deleted", "seq", "updated", "meeting_id")
_LOGGED = ("association_id", "seq", "entity", "record_id", "device_id")
_HELD = ("doc", "clocks", "stamp", "deleted", "seq")  # what a batch reads of a record it holds, after its key


class Result(NamedTuple):  # a tuple: made once for each of a push's thousand changes
    op_id: str
    status: str  # ok, duplicate, rejected, retry
    code: str = ""
    reason: str = ""

    def as_dict(self) -> dict:
        return {"op_id": self.op_id, "status": self.status, "code": self.code, "reason": self.reason}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_STRING = json.encoder.encode_basestring  # what that encoder writes for a string (ensure_ascii=False)


# A payload's canonical text: ``json.dumps(payload, sort_keys=True, ensure_ascii=False)``, on one encoder.
_CANONICAL = json_text.encoder(sort_keys=True)


def digest(op, payload_text: str | None = None) -> str:
    """What tells a resent change from a different one under the same op id (kept in ``applied_ops``).

    The SHA-256 of ``json.dumps({entity, record_id, kind, payload, hlc}, sort_keys=True,
    ensure_ascii=False)``, written out by hand in that order so that the payload's text
    (``payload_text``, its canonical JSON) is made once and kept as a new record's document too.
    """
    if payload_text is None:
        payload_text = _CANONICAL(op.payload)
    body = (f'{{"entity": {_STRING(op.entity)}, "hlc": {_STRING(op.hlc)}, "kind": {_STRING(op.kind)}, '
            f'"payload": {payload_text}, "record_id": {_STRING(op.record_id)}}}')
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class _Op:
    """An op's fields as the batch reads them, dozens of times each: a pydantic model's ``__getattr__``
    sends every attribute read down Python's slow path, and a tuple's fields are read through a
    descriptor Python does not speed up; a slot is read in a few instructions."""

    op_id: str
    entity: str
    record_id: str
    kind: str
    payload: dict
    hlc: str
    schema_version: int


# An op's fields, in _Op's order, from the model's ``__dict__`` (where pydantic keeps a model's fields):
# one read of the model for the seven, each made in C.
_OP_FIELDS = operator.itemgetter(*_Op.__slots__)


def apply_ops(conn: Connection, association_id: str, device_id: str, ops: list, seen: bool = False) -> list[Result]:
    """Apply a batch of ops (``app.server.protocol.Op``) from one device, in order. ``seen``: the device's
    "last seen" is kept too, with the batch's own writes (a push over the network; a bundle does not)."""
    ops = [_Op(*_OP_FIELDS(op.__dict__)) for op in ops]
    batch = _Batch(conn, association_id, device_id)
    batch.open(ops)
    results: list[Result] = []
    waiting = False  # after one op must wait, the rest of the batch waits too, to keep their order
    for op in ops:
        results.append(batch.apply(op, waiting))
        waiting = waiting or results[-1].status == "retry"
    batch.flush(last=True, seen=seen)
    return results


class _Batch:
    """One push's view of the association: the records it touches, kept in memory until ``flush``."""

    def __init__(self, conn: Connection, association_id: str, device_id: str) -> None:
        self.conn, self.association_id, self.device_id = conn, association_id, device_id
        self.since = self.seq = 0  # the association's last sequence number, once its row is locked (``open``)
        self.stamp = now()
        self.prior: dict[str, Answer] = {}
        self.held: dict[tuple[str, str], Stored | None] = {}  # what head office holds, as the batch left it
        self.texts: dict[tuple[str, str], tuple[str, str, str]] = {}  # a held record's row (doc, clocks, stamp), when known
        self.existed: set[tuple[str, str]] = set()  # rows already in the table (update, not insert)
        self.dirty: dict[tuple[str, str], None] = {}  # in the order written
        self.written: dict[tuple[str, str], None] = {}  # for the summaries, kept once at the end
        self.was: dict[tuple[str, str], dict | None] = {}  # a written record's doc before the batch (None: absent, deleted)
        self.inserted: set[tuple[str, str]] = set()  # records new to head office: they have no summary rows yet
        self.rooms: dict[tuple[str, frozenset[str], bool], room.Seen | None] = {}  # read for (meeting, named, ballots)
        self.listed: dict[tuple[str, tuple[str, ...]], dict[tuple[str, str], Stored]] = {}  # room.py reads them once
        self.answers: list[Answer] = []
        self.logged: list[tuple] = []  # rows of ``changes``, in the columns _LOGGED

    # -- reading, once per batch --------------------------------------------------------------

    def open(self, ops: list) -> None:
        """Lock the association's row, and read the answers kept for the batch's op ids and the records its
        ops change or name, the members its attendance and motions name among them (a resent op's
        too: which ops were sent before is read at the same time): on PostgreSQL one round trip
        after the transaction's BEGIN."""
        ids = [op.op_id for op in ops if _own(op, self.device_id)]
        payloads = [op.payload for op in ops]
        keys = ({(op.entity, op.record_id) for op in ops} | _named(payloads, "meeting") | _named(payloads, "election")
                | _named(payloads, "member", _PEOPLE))
        locked, answers, rows = at_once(self.conn, locking(self.conn, associations, "last_seq", "id", self.association_id),
                                        among_ids(self.conn, applied_ops, Answer._fields, (), (), "op_id", ids),
                                        named(self.conn, records, self.association_id, keys, _HELD))
        self.since = self.seq = locked[0][0]
        for row in answers:
            answer = Answer(*row)
            self.prior[answer.op_id] = answer
        self._hold(keys, rows)
        # A patch seldom names its meeting or election; the record it changes does (and an election its meeting):
        # read with the batch, not one at a time when the rules ask for them. Elections first, for their meetings.
        for entity in ("election", "meeting"):
            self.read(_named([s.doc for s in self.held.values() if s is not None], entity))

    def read(self, keys: set[tuple[str, str]]) -> None:
        """Hold these records too (those not held yet read together: ``db.rows_named``)."""
        wanted = [k for k in keys if k not in self.held]
        self._hold(keys, rows_named(self.conn, records, self.association_id, wanted, _HELD) if wanted else [])

    def _hold(self, keys: set[tuple[str, str]], rows: list[tuple]) -> None:
        """Hold the records read (``rows``: ``records``' key and ``_HELD``), and None for those of ``keys`` not among them."""
        for entity, record_id, doc, clocks, stamp, deleted, seq in rows:
            key = (entity, record_id)
            self.held[key] = Stored(*fields_and_clocks(doc, clocks, stamp), bool(deleted), seq)
            self.existed.add(key)
        for key in keys:
            self.held.setdefault(key, None)

    def _holding(self, entity: str, record_id: str) -> Stored:
        """A record this batch has written, so it is held."""
        current = self.held[(entity, record_id)]
        if current is None:
            raise KeyError(f"{entity} {record_id} is not held by this batch")
        return current

    def get(self, entity: str, record_id: str) -> Stored | None:
        if (entity, record_id) not in self.held:
            self.read({(entity, record_id)})
        return self.held[(entity, record_id)]

    def seen(self, meeting_id: str, named: frozenset[str], ballots: bool) -> room.Seen | None:
        """What a decision in this meeting is judged against, as this batch has left it; read again only
        once the batch has written a record it is made of (a motion's movers and then its count read it once)."""
        key = (meeting_id, named, ballots)
        if key not in self.rooms:
            self.rooms[key] = room.seen(self, meeting_id, named, ballots)
        return self.rooms[key]

    # -- one op ----------------------------------------------------------------------------------

    def apply(self, op, waiting: bool) -> Result:
        if not _own(op, self.device_id):  # before anything else, so another device's numbers tell nothing
            return Result(op.op_id, "rejected", *NOT_YOURS)
        payload_text = _CANONICAL(op.payload)
        fingerprint = digest(op, payload_text)
        prior = self.prior.get(op.op_id)
        if prior is not None:
            if prior.digest != fingerprint or prior.association_id != self.association_id:
                return Result(op.op_id, "rejected", *REUSED)
            if prior.status == "ok":
                return Result(op.op_id, "duplicate")
            return Result(op.op_id, prior.status, prior.code, prior.reason)
        if waiting:
            return Result(op.op_id, "retry", "waiting", WAITING)
        if op.schema_version > SCHEMA_VERSION:
            return Result(op.op_id, "retry", "update_needed",
                          "Head office's server must be updated before it can accept this change.")
        refused = checks.problem(op)
        result = Result(op.op_id, "rejected", *refused) if refused else self._change(op, payload_text)
        if refused and refused[0] == "head_office_only" and self.get(op.entity, op.record_id):
            self.log(op, None)  # the laptop pulls head office's answer back
        answer = Answer(op.op_id, self.association_id, self.device_id, fingerprint, result.status, result.code,
                        result.reason)
        self.answers.append(answer)
        self.prior[op.op_id] = answer  # the same op twice in one batch is a duplicate the second time
        return result

    def _change(self, op, payload_text: str) -> Result:
        current = self.get(op.entity, op.record_id)
        refused = conflicts.refusal(op.entity, op.kind, current, op.payload, self._approved(op.entity, current,
                                                                                          op.payload))
        if not refused and approvals.approves(op, current):
            self.flush()  # the approval check reads the meeting's whole record, this batch's changes included
            refused = approvals.refusal(self.conn, self.association_id, op, current)
        if not refused and room.concerns(op):  # as the laptop judged it: against the room as this batch has left it
            refused = room.refusal(self, op, current)
        if refused:
            if current is not None:  # send head office's version back, so that laptop matches it again
                self.log(op, None)
            return Result(op.op_id, "rejected", *refused)
        if op.kind == "tombstone":
            if current is None or not current.deleted:  # a tombstone keeps no personal data, only that it was deleted
                self.write(op.entity, op.record_id, {}, current.clocks if current else {}, True)
                self.log(op, self.device_id, moved=False)
            return Result(op.op_id, "ok")
        if current is not None and op.entity in conflicts.APPEND_ONLY and op.kind == "append":
            return Result(op.op_id, "ok")  # appended once already; appends are never merged
        # A new record names itself: the payload as sent when it says its id (checks.problem: this record's).
        payload = op.payload if op.kind == "patch" or "id" in op.payload else {**op.payload, "id": op.record_id}
        doc, clocks, won, lost = conflicts.merge(current, payload, op.hlc)
        if won:
            # A new record as sent, its id included, is the payload: its JSON is made already.
            as_sent = current is None and "id" in op.payload
            self.write(op.entity, op.record_id, doc, clocks, False, (payload_text, "{}", op.hlc) if as_sent else None)
            self.log(op, None if lost else self.device_id, moved=False)
        elif lost:
            self.log(op, None)
        return Result(op.op_id, "ok")

    def _approved(self, entity: str, current: Stored | None, payload: dict) -> bool:
        """Whether the meeting this record belongs to has approved minutes (checked before and after the change)."""
        if entity == "meeting":
            return bool(current and current.doc.get("minutes_status") == "approved")
        if entity != "candidate" and "meeting_id" not in payload and not (current and "meeting_id" in current.doc):
            return False  # of no meeting (a member, the association)
        docs = (current.doc, payload) if current else (payload,)
        meeting_ids = {d["meeting_id"] for d in docs if isinstance(d.get("meeting_id"), str)}
        if entity == "candidate":
            for election_id in {d["election_id"] for d in docs if isinstance(d.get("election_id"), str)}:
                election = self.get("election", election_id)
                if election and election.doc.get("meeting_id"):
                    meeting_ids.add(election.doc["meeting_id"])
        for meeting_id in meeting_ids:
            meeting = self.get("meeting", meeting_id)
            if meeting and not meeting.deleted and meeting.doc.get("minutes_status") == "approved":
                return True
        return False

    # -- writing, at the end ---------------------------------------------------------------------

    def write(self, entity: str, record_id: str, doc: dict, clocks: dict, deleted: bool,
              texts: tuple[str, str, str] | None = None) -> None:
        """Hold the record as written; ``texts`` are its doc as JSON and its clocks as kept (``db.kept_clocks``),
        when already made: a new record as sent has one stamp on every field, so its clocks are ``"{}"``."""
        self.seq += 1
        if self.rooms and entity in room.CHANGES_THE_ROOM:
            self.rooms = {}  # what a meeting's record was read for has changed
        key = (entity, record_id)
        if key not in self.was:  # the summaries count what the batch changed from it
            before = self.held[key]
            self.was[key] = None if before is None or before.deleted else before.doc
        self.held[key] = Stored(doc, clocks, deleted, self.seq)
        if texts:
            self.texts[key] = texts
        else:
            self.texts.pop(key, None)
        self.dirty[key] = None

    def log(self, op, device_id: str | None, moved: bool = True) -> None:
        """One row for pulls to find; ``device_id`` None makes every laptop (the sender too) pull the record.

        ``moved`` is False when the record was just written with this sequence number already.
        """
        if moved:
            self.seq += 1
            current = self._holding(op.entity, op.record_id)
            current.seq = self.seq
            self.dirty[(op.entity, op.record_id)] = None
        self.logged.append((self.association_id, self.seq, op.entity, op.record_id, device_id))

    def flush(self, last: bool = False, seen: bool = False) -> None:
        """Write what the batch changed so far: one statement per table, and on PostgreSQL one round trip
        for them all. The ``last`` flush, at the batch's end, keeps the summaries and moves the association's
        sequence number on (and the device's "last seen", if ``seen``) in the same round trip.

        The checks that flush part-way read records only, so the summaries are kept once, at the end,
        before the last of the batch's records are written: the attendance of a meeting new to head
        office that it held already (``summaries.keep``) is then looked for among fewer records.
        """
        fresh: list[tuple] = []
        changed: list[tuple] = []
        for key in self.dirty:
            current = self._holding(*key)
            texts = self.texts.pop(key, None)
            doc, clocks, stamp = texts or (json.dumps(current.doc, ensure_ascii=False),
                                           *kept_clocks(current.doc, current.clocks))
            values = (doc, clocks, stamp, current.deleted, current.seq, self.stamp, meeting_of(current.doc))
            if key in self.existed:
                changed.append((*values, self.association_id, *key))
            else:
                fresh.append((self.association_id, *key, *values))
                self.existed.add(key)
                self.inserted.add(key)
        self.written.update(self.dirty)
        with together(self.conn):  # the summaries' reads wait for their rows; every write goes at the end
            if last:
                summaries.keep(self.conn, self.association_id, [self._written(key) for key in self.written],
                               self.since, self.inserted)
            insert_rows(self.conn, records, (*_KEY, *_VALUES), fresh)
            update_rows(self.conn, records, _VALUES, _KEY, changed)
            insert_rows(self.conn, changes, _LOGGED, self.logged)
            insert_rows(self.conn, applied_ops, Answer._fields, self.answers)
            if last:
                update_one(self.conn, associations, "id", self.association_id, last_seq=self.seq, last_sync=now())
            if seen:
                update_one(self.conn, devices, "id", self.device_id, last_seen=now())
        self.dirty, self.logged, self.answers = {}, [], []

    def _written(self, key: tuple[str, str]) -> summaries.Written:
        """A record as the summaries are told of it: its doc before the batch and now (a record only logged
        again, not written, is as it was)."""
        current = self._holding(*key)
        doc = None if current.deleted else current.doc
        return (*key, self.was.get(key, doc), doc)


def _named(docs: list[dict], entity: str, fields: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    """The records of ``entity`` (a meeting, an election, a member) these documents name by ``entity``_id
    (or by ``fields``)."""
    return {(entity, doc[field]) for field in fields or (f"{entity}_id",) for doc in docs
            if isinstance(doc.get(field), str)}


# The fields naming a member that the room reads (app.server.room: who came, who holds a proxy, who moved
# a motion): an evening's attendance names the members it brings, read with the batch's own records
# rather than in a trip of their own when its first motion is judged.
_PEOPLE = ("member_id", "proxy_holder_id", "proposer_id", "seconder_id")


def meeting_of(doc: dict) -> str | None:
    found = doc.get("meeting_id")
    return found[:100] if isinstance(found, str) else None


def _own(op, device_id: str) -> bool:
    return op.op_id.partition(":")[0] == device_id


def stored(conn, association_id: str, entity: str, record_id: str) -> Stored | None:
    row = conn.execute(_STORED, {"a": association_id, "e": entity, "r": record_id}).first()
    if row is None:
        return None
    return Stored(*fields_and_clocks(row.doc, row.clocks, row.stamp), bool(row.deleted), row.seq)


def _write(conn, association_id, op, doc, clocks, deleted, seq, current) -> None:
    kept, stamp = kept_clocks(doc, clocks)
    values = {"doc": json.dumps(doc, ensure_ascii=False), "clocks": kept, "stamp": stamp, "deleted": deleted,
              "seq": seq, "updated": now(), "meeting_id": meeting_of(doc)}
    if current is None:
        conn.execute(_INSERT_RECORD, {"association_id": association_id, "entity": op.entity,
                                      "record_id": op.record_id, **values})
    else:
        conn.execute(_UPDATE_RECORD, {"a": association_id, "e": op.entity, "r": op.record_id, **values})


# -- head office's own changes ------------------------------------------------------------------

HEAD_OFFICE_DEVICE = "head-office"  # ends head office's clock stamps, as a device id ends a laptop's


class NotAnAsk(Exception):
    """The record is not an ask of the landlord that head office holds (or it was deleted)."""


@dataclass(frozen=True)
class _Written:
    entity: str
    record_id: str


def answer_ask(conn: Connection, association_id: str, record_id: str, answer: dict, on: date) -> None:
    """Head office's answer to an ask of the landlord, written so that every laptop pulls it.

    ``answer`` holds ``answer_status``, ``answer_text`` and ``answer_due``. The stamp is later than
    every stamp on the record, so the answer wins last-writer-wins for its own fields; nothing else
    is written, so the association's fields (what was asked, its status) are never overwritten.
    """
    if answer.get("answer_status") not in ANSWER_STATUSES:
        raise ValueError("not an answer head office gives")
    last = conn.execute(select(associations.c.last_seq).where(associations.c.id == association_id)
                        .with_for_update()).scalar_one_or_none()
    current = stored(conn, association_id, "action", record_id) if last is not None else None
    if current is None or current.deleted or not current.doc.get("ask_of_landlord"):
        raise NotAnAsk(record_id)
    fields = {"answer_status": answer["answer_status"], "answer_text": answer.get("answer_text") or "",
              "answer_due": answer.get("answer_due"), "answered_on": on.isoformat()}
    if not current.doc.get("first_answered_on"):
        fields["first_answered_on"] = on.isoformat()
    stamp = HybridClock(HEAD_OFFICE_DEVICE, max(current.clocks.values(), default="")).now()
    doc, clocks, _, _ = conflicts.merge(current, fields, stamp)
    written, seq = _Written("action", record_id), (last or 0) + 1
    _write(conn, association_id, written, doc, clocks, False, seq, current)
    summaries.keep(conn, association_id, [("action", record_id, current.doc, doc)], last or 0)
    conn.execute(_INSERT_CHANGE, {"association_id": association_id, "seq": seq, "entity": "action",
                                  "record_id": record_id, "device_id": None})
    conn.execute(update(associations).where(associations.c.id == association_id).values(last_seq=seq))
