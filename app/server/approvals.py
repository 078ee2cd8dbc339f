"""Head office checks an approval as the laptop's `check` does (``app.core.snapshot.intact``): the
hash must seal the snapshot, the snapshot must say what the records head office holds for the
meeting say, and the chain must follow on from the association's earlier approved minutes.

So minutes cannot be approved on one laptop over a record that differs from what the others sent,
and a tampered file cannot slip an altered record past head office.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from app import model
from app.core import snapshot
from app.rows import from_row
from app.server import minutes
from app.server.conflicts import Stored

MISMATCH = ("The approved minutes do not match the record head office holds for that meeting, so they were "
            "not accepted. Send the meeting's other changes first, or check the file with “quorum check”.")
BROKEN = "These approved minutes do not follow on from the association's earlier approved minutes."


def approves(op, current: Stored | None) -> bool:
    """Whether a change leaves minutes approved with their status or snapshot just written: the one
    kind of change ``refusal`` checks, against the meeting's record as the database holds it."""
    if op.entity != "minutes" or not {"status", "snapshot"} & set(op.payload):
        return False
    return {**(current.doc if current else {}), **op.payload}.get("status") == "approved"


def refusal(conn: Connection, association_id: str, op, current: Stored | None) -> tuple[str, str] | None:
    """(code, reason) when an approval does not hold; None for every other change."""
    if not approves(op, current):
        return None
    doc = {**(current.doc if current else {}), **op.payload}
    record = minutes.meeting_record(conn, association_id, doc.get("meeting_id") or "")
    if record is None:
        return "hash_mismatch", MISMATCH
    previous = doc.get("previous_hash") or ""
    try:
        approved = from_row(model.Minutes, {**doc, "id": op.record_id})
    except (TypeError, ValueError):
        return "hash_mismatch", MISMATCH
    if not snapshot.intact(approved, record):
        return "hash_mismatch", MISMATCH
    earlier = {m.content_hash for m in minutes.all_minutes(conn, association_id) if m.status == "approved"}
    if previous and previous not in earlier:
        return "broken_chain", BROKEN
    return None
