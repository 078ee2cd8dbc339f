"""Head office checks each decision against who was there, with the laptop's own rules (app.core.motions).

A motion's proposer and seconder, its counts and casting vote, and an election's ballots arrive as
changes to a motion or a candidate; each is judged on the meeting's record as head office holds it
when the change arrives, which is the record the laptop held when it made the change.
"""

from __future__ import annotations

from typing import Protocol

from app import model
from app.core import motions, voting
from app.rows import from_row
from app.server.conflicts import Stored

FIRST_CHECKED = 5  # changes made by laptops before these checks existed are not judged again
CODE = "not_in_the_room"
# What the room is made of (room_of): the rules, the meeting, who was a member and who came in.
ROOM = ("association", "rules", "meeting", "member", "office_term", "election", "attendance")
BALLOTS = (*ROOM, "candidate")  # and the other candidates' votes, for an election's count


def concerns(op) -> bool:
    """Whether a change is a decision to check: a motion's movers or counts, a candidate's votes."""
    if op.kind == "tombstone" or op.schema_version < FIRST_CHECKED:
        return False
    fields = {"motion": {*motions.MOVERS, *motions.COUNTS}, "candidate": {"votes"}}.get(op.entity, set())
    return bool(fields & set(op.payload))


class Held(Protocol):
    """Head office's records as the batch being applied has left them (app.server.apply)."""

    def get(self, entity: str, record_id: str) -> Stored | None: ...

    def meeting_record(self, meeting_id: str, kinds: tuple[str, ...]) -> model.MeetingRecord | None: ...


def refusal(held: Held, op, current: Stored | None) -> tuple[str, str] | None:
    """(code, reason) when a motion or an election's count does not fit the room; None otherwise."""
    if not concerns(op):
        return None
    doc = {**(current.doc if current else {}), **op.payload, "id": op.record_id}
    if op.entity == "motion":
        motion = _read(model.Motion, doc)
        record = motion and held.meeting_record(motion.meeting_id, ROOM)
        found = record and motions.motion_refusal(motion, room_of(record), op.payload)
    else:
        candidate = _read(model.Candidate, doc)
        found = candidate and _ballots(held, candidate)
    return (CODE, found) if found else None


def room_of(record: model.MeetingRecord) -> motions.Room:
    """The room as the laptop works it out (``Decisions.room``), from head office's record of the meeting."""
    rules, meeting = record.association.rules, record.meeting
    entitled = {m.id: m for m in voting.voters(record.members.values(), meeting.date, rules,
                                               meeting.kind == "committee")}
    names = {i: m.name for i, m in record.members.items()}
    return motions.room(record.attendance, entitled, rules, names, meeting.held)


def _ballots(held: Held, candidate: model.Candidate) -> str:
    stored = held.get("election", candidate.election_id)
    election = _read(model.Election, stored.doc) if stored and not stored.deleted else None
    if election is None:
        return ""
    record = held.meeting_record(election.meeting_id, BALLOTS)
    if record is None:
        return ""
    others = [c for c in record.candidates if c.election_id == election.id and c.id != candidate.id]
    return motions.ballots_refusal([*others, candidate], election.seats, room_of(record))


def _read(cls: type, doc: dict):
    try:
        return from_row(cls, doc)
    except (TypeError, ValueError):
        return None
