"""How head office settles two laptops' changes to the same record, by kind of record (docs/sync.md).

- Attendance and quorum checks are appended, never merged; the one later fact an attendance
  record may gain is when the person left.
- A motion's wording never changes once it has been voted on (an amendment is a new motion).
- Approved minutes, and everything their meeting recorded, are immutable; an action's status
  still moves on (done, dropped), as the minutes hash allows.
- Everything else merges field by field: the later hybrid-logical-clock stamp wins, and the
  stamps end with the device id, so two edits in the same millisecond still have one winner.
- Deletes are tombstones: a change to a deleted record is refused, never resurrected.
"""

from __future__ import annotations

from dataclasses import dataclass

APPEND_ONLY = {"attendance", "quorum_event"}
LATER_FACTS = {"attendance": {"left"}}  # what an appended record may still gain
# What may still change once minutes are approved: an action's progress, and the snapshot of minutes
# approved before snapshots existed, taken once when the laptop's file is upgraded (checked in approvals).
AFTER_APPROVAL = {"action": {"status", "completed"}, "minutes": {"snapshot", "snapshot_hash"}}
FIXED_ONCE_VOTED = {"text", "meeting_id", "amends_id"}
OUTSIDE_THE_RECORD = {"digest"}  # written about a meeting for members, not part of its minutes

IMMUTABLE = ("The minutes of this meeting have been approved, so its record cannot be changed; "
             "corrections go in the minutes of the meeting that approves them.")
REASONS = {
    "deleted": "This had already been deleted on another laptop, so the change was not kept.",
    "not_found": "Head office has no such record; an earlier change it depends on may have been refused.",
    "voted": "This motion has been voted on, so its wording cannot change; an amendment is a new motion.",
    "attendance": "Who came to a meeting is recorded as it happened and cannot be edited afterwards.",
    "quorum_event": "Quorum checks are recorded as they happened and cannot be changed.",
}


@dataclass
class Stored:
    """A record as head office holds it."""

    doc: dict
    clocks: dict[str, str]
    deleted: bool
    seq: int


def refusal(entity: str, kind: str, current: Stored | None, payload: dict,
            approved_meeting: bool) -> tuple[str, str] | None:
    """(code, reason) when the rules for this kind of record refuse the change, else None."""
    if current is None and kind == "patch":
        return "not_found", REASONS["not_found"]
    if current is not None and current.deleted and kind != "tombstone":
        return "deleted", REASONS["deleted"]
    if approved_meeting and entity not in OUTSIDE_THE_RECORD and not (
            kind == "patch" and set(payload) <= AFTER_APPROVAL.get(entity, set())):
        return "immutable", IMMUTABLE
    if entity == "minutes" and current is not None and current.doc.get("status") == "approved" and not (
            kind == "patch" and set(payload) <= AFTER_APPROVAL["minutes"] and not current.doc.get("snapshot")):
        return "immutable", IMMUTABLE
    if entity in APPEND_ONLY and current is not None and kind in ("patch", "tombstone") and not _later_fact(
            entity, kind, payload):
        return "append_only", REASONS[entity]
    if entity == "motion" and kind == "patch" and current is not None and current.doc.get("carried") is not None:
        changed = {k for k, v in payload.items() if current.doc.get(k) != v}
        if changed & FIXED_ONCE_VOTED:
            return "immutable", REASONS["voted"]
    return None


def _later_fact(entity: str, kind: str, payload: dict) -> bool:
    """An apology withdrawn (deleted) when the member arrives, or the time someone left."""
    return entity == "attendance" and (kind == "tombstone" or set(payload) <= LATER_FACTS[entity])


def merge(current: Stored | None, payload: dict, stamp: str) -> tuple[dict, dict, set[str], set[str]]:
    """Last writer wins, field by field: (doc, clocks, fields won, fields lost to a later stamp)."""
    if current is None and stamp:  # a new record: every field is won, with this stamp
        return dict(payload), dict.fromkeys(payload, stamp), set(payload), set()
    doc = dict(current.doc) if current else {}
    clocks = dict(current.clocks) if current else {}
    won, lost = set(), set()
    for name, value in payload.items():
        if stamp > clocks.get(name, ""):
            doc[name], clocks[name] = value, stamp
            won.add(name)
        elif stamp < clocks[name]:
            lost.add(name)
    return doc, clocks, won, lost
