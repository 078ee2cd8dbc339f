"""The one write path: every change from a laptop, pushed over HTTP or carried in a bundle, lands here.

``apply_ops`` runs inside the caller's transaction. It takes the association's row lock first,
so two pushes for one association queue behind each other and sequence numbers are committed
in order. Every applied op id is kept with its answer: a resent op gets ``duplicate`` (or its
earlier refusal) and is never applied twice.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection

from app.ids import HybridClock
from app.model import ANSWER_STATUSES
from app.server import approvals, checks, conflicts
from app.server.conflicts import Stored
from app.server.db import applied_ops, associations, changes, records
from app.store import SCHEMA_VERSION

WAITING = "An earlier change in the same batch has to be accepted first."

# Built once: a first sync sends hundreds of ops, and building statements would cost more than running them.
_ONE_RECORD = (records.c.association_id == bindparam("a"), records.c.entity == bindparam("e"),
               records.c.record_id == bindparam("r"))
_PRIOR = select(applied_ops).where(applied_ops.c.op_id == bindparam("op_id"))
_STORED = select(records.c.doc, records.c.clocks, records.c.deleted, records.c.seq).where(*_ONE_RECORD)
_INSERT_RECORD = records.insert()
_UPDATE_RECORD = records.update().where(*_ONE_RECORD)
_INSERT_APPLIED = applied_ops.insert()
_INSERT_CHANGE = changes.insert()


@dataclass(frozen=True)
class Result:
    op_id: str
    status: str  # ok, duplicate, rejected, retry
    code: str = ""
    reason: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _Sequence:
    def __init__(self, last: int) -> None:
        self.value = last

    def next(self) -> int:
        self.value += 1
        return self.value


def apply_ops(conn: Connection, association_id: str, device_id: str, ops: list, batch_id: str = "") -> list[Result]:
    """Apply a batch of ops (``app.server.protocol.Op``) from one device, in order."""
    last = conn.execute(select(associations.c.last_seq).where(associations.c.id == association_id)
                        .with_for_update()).scalar_one()
    seq = _Sequence(last)
    results: list[Result] = []
    waiting = False  # after one op must wait, the rest of the batch waits too, to keep their order
    for op in ops:
        results.append(_apply_op(conn, association_id, device_id, op, seq, batch_id, waiting))
        waiting = waiting or results[-1].status == "retry"
    conn.execute(update(associations).where(associations.c.id == association_id)
                 .values(last_seq=seq.value, last_sync=now()))
    return results


def digest(op) -> str:
    body = {k: getattr(op, k) for k in ("entity", "record_id", "kind", "payload", "hlc")}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _apply_op(conn, association_id, device_id, op, seq, batch_id, waiting) -> Result:
    fingerprint = digest(op)
    prior = conn.execute(_PRIOR, {"op_id": op.op_id}).mappings().first()
    if prior is not None:
        if prior["digest"] != fingerprint or prior["association_id"] != association_id:
            return Result(op.op_id, "rejected", "op_id_reused",
                          "Head office already has a different change with this number; "
                          "was this association file copied to another laptop?")
        if prior["status"] == "ok":
            return Result(op.op_id, "duplicate")
        return Result(op.op_id, prior["status"], prior["code"], prior["reason"])
    if waiting:
        return Result(op.op_id, "retry", "waiting", WAITING)
    if op.op_id.partition(":")[0] != device_id:
        return Result(op.op_id, "rejected", "not_your_op", "This change carries another laptop's number.")
    if op.schema_version > SCHEMA_VERSION:
        return Result(op.op_id, "retry", "update_needed",
                      "Head office's server must be updated before it can accept this change.")
    refused = checks.problem(op)
    result = (Result(op.op_id, "rejected", *refused) if refused
              else _apply_change(conn, association_id, device_id, op, seq))
    if refused and refused[0] == "head_office_only" and stored(conn, association_id, op.entity, op.record_id):
        _log(conn, association_id, seq.next(), op, None)  # the laptop pulls head office's answer back
    conn.execute(_INSERT_APPLIED, {
        "op_id": op.op_id, "association_id": association_id, "device_id": device_id, "digest": fingerprint,
        "status": result.status, "code": result.code, "reason": result.reason, "batch_id": batch_id[:200],
        "applied": now()})
    return result


def _apply_change(conn, association_id, device_id, op, seq) -> Result:
    current = stored(conn, association_id, op.entity, op.record_id)
    approved = _meeting_approved(conn, association_id, op.entity, current, op.payload)
    refused = conflicts.refusal(op.entity, op.kind, current, op.payload, approved) \
        or approvals.refusal(conn, association_id, op, current)
    if refused:
        if current is not None:  # send head office's version back, so that laptop matches it again
            _log(conn, association_id, seq.next(), op, None)
        return Result(op.op_id, "rejected", *refused)
    if op.kind == "tombstone":
        if current is None or not current.deleted:  # a tombstone keeps no personal data, only that it was deleted
            _write(conn, association_id, op, {}, current.clocks if current else {}, True, seq.next(), current)
            _log(conn, association_id, seq.value, op, device_id, moved=False)
        return Result(op.op_id, "ok")
    if current is not None and op.entity in conflicts.APPEND_ONLY and op.kind == "append":
        return Result(op.op_id, "ok")  # appended once already; appends are never merged
    payload = {**op.payload, "id": op.record_id} if op.kind != "patch" else op.payload
    doc, clocks, won, lost = conflicts.merge(current, payload, op.hlc)
    if won:
        _write(conn, association_id, op, doc, clocks, False, seq.next(), current)
        _log(conn, association_id, seq.value, op, None if lost else device_id, moved=False)
    elif lost:
        _log(conn, association_id, seq.next(), op, None)
    return Result(op.op_id, "ok")


def stored(conn, association_id: str, entity: str, record_id: str) -> Stored | None:
    row = conn.execute(_STORED, {"a": association_id, "e": entity, "r": record_id}).first()
    if row is None:
        return None
    return Stored(json.loads(row.doc), json.loads(row.clocks), bool(row.deleted), row.seq)


def _meeting_approved(conn, association_id: str, entity: str, current: Stored | None, payload: dict) -> bool:
    """Whether the meeting this record belongs to has approved minutes (checked before and after the change)."""
    if entity == "meeting":
        return bool(current and current.doc.get("minutes_status") == "approved")
    docs = [d for d in (current.doc if current else None, payload) if d]
    meeting_ids = {d.get("meeting_id") for d in docs} - {None}
    if entity == "candidate":
        for election_id in {d.get("election_id") for d in docs} - {None}:
            election = stored(conn, association_id, "election", election_id)
            if election and election.doc.get("meeting_id"):
                meeting_ids.add(election.doc["meeting_id"])
    for meeting_id in meeting_ids:
        meeting = stored(conn, association_id, "meeting", meeting_id)
        if meeting and not meeting.deleted and meeting.doc.get("minutes_status") == "approved":
            return True
    return False


def _write(conn, association_id, op, doc, clocks, deleted, seq, current) -> None:
    values = {"doc": json.dumps(doc, ensure_ascii=False), "clocks": json.dumps(clocks), "deleted": deleted,
              "seq": seq, "updated": now()}
    if current is None:
        conn.execute(_INSERT_RECORD, {"association_id": association_id, "entity": op.entity,
                                      "record_id": op.record_id, **values})
    else:
        conn.execute(_UPDATE_RECORD, {"a": association_id, "e": op.entity, "r": op.record_id, **values})


def _log(conn, association_id, seq, op, device_id, moved: bool = True) -> None:
    """One row for pulls to find; ``device_id`` None makes every laptop (the sender too) pull the record.

    ``moved`` is False when the record was just written with this sequence number already.
    """
    conn.execute(_INSERT_CHANGE, {"association_id": association_id, "seq": seq, "entity": op.entity,
                                  "record_id": op.record_id, "device_id": device_id})
    if moved:
        conn.execute(_UPDATE_RECORD, {"a": association_id, "e": op.entity, "r": op.record_id, "seq": seq})


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
    written, seq = _Written("action", record_id), last + 1
    _write(conn, association_id, written, doc, clocks, False, seq, current)
    _log(conn, association_id, seq, written, None, moved=False)
    conn.execute(update(associations).where(associations.c.id == association_id).values(last_seq=seq))
