"""Head office checks each decision against who was there, with the laptop's own rules (app.core.motions).

A motion's proposer and seconder, its counts and casting vote, and an election's ballots arrive as
changes to a motion or a candidate; each is judged on the meeting's record as head office holds it
when the change arrives, which is the record the laptop held when it made the change.
"""

from __future__ import annotations

import json

from sqlalchemy.engine import Connection

from app import model
from app.core import motions, voting
from app.rows import from_row
from app.server import minutes
from app.server.conflicts import Stored
from app.server.db import records, records_named

FIRST_CHECKED = 5  # changes made by laptops before these checks existed are not judged again
CODE = "not_in_the_room"
# What the room is made of (room_of): the rules, the meeting, who was a member and who came in.
ROOM = ("association", "rules", "meeting", "member", "office_term", "election", "attendance")


def concerns(op) -> bool:
    """Whether a change is a decision to check: a motion's movers or counts, a candidate's votes."""
    if op.kind == "tombstone" or op.schema_version < FIRST_CHECKED:
        return False
    fields = {"motion": {*motions.MOVERS, *motions.COUNTS}, "candidate": {"votes"}}.get(op.entity, set())
    return bool(fields & set(op.payload))


def refusal(conn: Connection, association_id: str, op, current: Stored | None) -> tuple[str, str] | None:
    """(code, reason) when a motion or an election's count does not fit the room; None otherwise."""
    if not concerns(op):
        return None
    doc = {**(current.doc if current else {}), **op.payload, "id": op.record_id}
    if op.entity == "motion":
        motion = _read(model.Motion, doc)
        record = motion and minutes.meeting_record(conn, association_id, motion.meeting_id, ROOM)
        found = record and motions.motion_refusal(motion, room_of(record), op.payload)
    else:
        candidate = _read(model.Candidate, doc)
        found = candidate and _ballots(conn, association_id, candidate)
    return (CODE, found) if found else None


def room_of(record: model.MeetingRecord) -> motions.Room:
    """The room as the laptop works it out (``Decisions.room``), from head office's record of the meeting."""
    rules, meeting = record.association.rules, record.meeting
    entitled = {m.id: m for m in voting.voters(record.members.values(), meeting.date, rules,
                                               meeting.kind == "committee")}
    names = {i: m.name for i, m in record.members.items()}
    return motions.room(record.attendance, entitled, rules, names, meeting.held)


def _ballots(conn: Connection, association_id: str, candidate: model.Candidate) -> str:
    found = [json.loads(row.doc) for row in records_named(conn, association_id, [("election", candidate.election_id)],
                                                          records.c.doc, records.c.deleted) if not row.deleted]
    election = _read(model.Election, found[0]) if found else None
    if election is None:
        return ""
    record = minutes.meeting_record(conn, association_id, election.meeting_id, (*ROOM, "candidate"))
    if record is None:
        return ""
    others = [c for c in record.candidates if c.election_id == election.id and c.id != candidate.id]
    return motions.ballots_refusal([*others, candidate], election.seats, room_of(record))


def _read(cls: type, doc: dict):
    try:
        return from_row(cls, doc)
    except (TypeError, ValueError):
        return None
