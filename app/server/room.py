"""Head office checks each decision against who was there, with the laptop's own rules (app.core.motions).

A motion's proposer and seconder, its counts and casting vote, and an election's ballots arrive as
changes to a motion or a candidate; each is judged on the meeting's record as head office holds it
when the change arrives, which is the record the laptop held when it made the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from sqlalchemy.engine import Connection

from app import model
from app.core import motions, offices, voting
from app.rows import ENTITIES, from_row
from app.server import minutes
from app.server.conflicts import Stored
from app.server.db import fields_and_clocks, records, select_in_each

FIRST_CHECKED = 5  # changes made by laptops before these checks existed are not judged again
CODE = "not_in_the_room"
# What the room is made of besides the meeting and the members it names (see ``seen``).
ROOM = ("rules", "office_term", "election", "attendance")
BALLOTS = (*ROOM, "candidate")  # and the other candidates' votes, for an election's count
CHANGES_THE_ROOM = (*BALLOTS, "meeting", "member")  # a batch that writes one reads the room again


def concerns(op) -> bool:
    """Whether a change is a decision to check: a motion's movers or counts, a candidate's votes."""
    fields = _DECIDING.get(op.entity)  # most changes are of other records: no set made, no payload walked
    return fields is not None and not fields.isdisjoint(op.payload) and op.kind != "tombstone" and \
        op.schema_version >= FIRST_CHECKED


_DECIDING = {"motion": frozenset({*motions.MOVERS, *motions.COUNTS}), "candidate": frozenset({"votes"})}


@dataclass(frozen=True)
class Seen:
    """What a decision is judged against, as head office holds it: a small part of the meeting's record."""

    meeting: model.Meeting
    rules: model.ConstitutionRules  # in force on the meeting's day
    attendance: list[model.Attendance]
    members: dict[str, model.Member]  # those the attendance and the movers name, with their roles as it opened
    candidates: list[model.Candidate]  # every election's, when an election's count is checked

    @cached_property
    def room(self) -> motions.Room:
        """The room as the laptop works it out (``Decisions.room``), from head office's records of the meeting:
        worked out once for every decision judged against this record of it."""
        meeting = self.meeting
        entitled = {m.id: m for m in voting.voters(self.members.values(), meeting.date, self.rules,
                                                   meeting.kind == "committee")}
        names = {i: m.name for i, m in self.members.items()}
        return motions.room(self.attendance, entitled, self.rules, names, meeting.held)


class Held(Protocol):
    """Head office's records as the batch being applied has left them (app.server.apply)."""

    conn: Connection
    association_id: str
    held: dict[tuple[str, str], Stored | None]  # every record the batch has read or written, as it left them
    listed: dict[tuple[str, tuple[str, ...]], dict[tuple[str, str], Stored]]  # ``_stored``, by (meeting, kinds)

    def get(self, entity: str, record_id: str) -> Stored | None: ...

    def read(self, keys: set[tuple[str, str]]) -> None: ...  # into ``held``, a few queries for many records

    def seen(self, meeting_id: str, named: frozenset[str], ballots: bool) -> Seen | None: ...


def refusal(held: Held, op, current: Stored | None) -> tuple[str, str] | None:
    """(code, reason) when a motion or an election's count does not fit the room; None otherwise."""
    if not concerns(op):
        return None
    doc = {**(current.doc if current else {}), **op.payload, "id": op.record_id}
    if op.entity == "motion":
        motion = _read(model.Motion, doc)
        named = frozenset(i for i in (motion.proposer_id, motion.seconder_id) if i) if motion else frozenset()
        found_seen = motion and held.seen(motion.meeting_id, named, False)
        found = found_seen and motions.motion_refusal(motion, found_seen.room, op.payload)
    else:
        candidate = _read(model.Candidate, doc)
        found = candidate and _ballots(held, candidate)
    return (CODE, found) if found else None


def seen(held: Held, meeting_id: str, named: frozenset[str], ballots: bool) -> Seen | None:
    """What the room is made of, from the batch's own records where it holds them and one query for the
    rest: the meeting's attendance and elections (by its index), the rules and office terms, and then
    only the members the attendance or ``named`` name. Not the register: the room is the same from the
    members who came as from all of them. Nothing is written first: the batch's records are newer.

    Movers who came are among the members already: then the room is the meeting's own (worked out
    once for all its motions); only a mover who did not come makes a room of its own, to be named."""
    if named:
        came = held.seen(meeting_id, frozenset(), ballots)
        if came is None or named <= came.members.keys():
            return came
    meeting_held = held.get("meeting", meeting_id)
    meeting = _live(model.Meeting, meeting_held)
    if meeting is None:
        return None
    found = _listed(held, meeting_id, BALLOTS if ballots else ROOM)
    attendance = found["attendance"]
    ids = set(named) | {i for a in attendance for i in (a.member_id, a.proxy_holder_id) if i}
    held.read({("member", i) for i in ids})
    people = [m for i in sorted(ids) if (m := _live(model.Member, held.held[("member", i)])) is not None]
    mine = [e.id for e in found["election"] if e.meeting_id == meeting.id]
    members = {m.id: m for m in offices.as_the_meeting_opened(people, found["office_term"], meeting.date, mine)}
    return Seen(meeting, minutes.rules_in_force([r.doc for r in found["rules"]], meeting.date), attendance, members,
                found.get("candidate", []))


def _listed(held: Held, meeting_id: str, kinds: tuple[str, ...]) -> dict[str, list]:
    """entity -> the live records of ``kinds`` (only this meeting's of the meeting's own kinds), the
    batch's version of any it holds, in the order they were made (as app.server.minutes reads them)."""
    found = dict(_stored(held, meeting_id, kinds))
    for key, stored in held.held.items():
        if key[0] in kinds:
            found.pop(key, None)
            if stored is not None and not stored.deleted and (
                    key[0] not in OF_THE_MEETING or stored.doc.get("meeting_id") == meeting_id):
                found[key] = stored
    listed: dict[str, list] = {kind: [] for kind in kinds}
    for (entity, _), stored in sorted(found.items(), key=lambda item: minutes.made_at(item[1].clocks)):
        read = stored if entity == "rules" else _read(ENTITIES[entity][1], stored.doc)
        if read is not None:
            listed[entity].append(read)
    return listed


def _live(cls: type, stored: Stored | None):
    return None if stored is None or stored.deleted else _read(cls, stored.doc)


OF_THE_MEETING = ("attendance", "election")  # the room's kinds read for one meeting; the rest, the association's


def _stored(held: Held, meeting_id: str, kinds: tuple[str, ...]) -> dict[tuple[str, str], Stored]:
    """The live records of ``kinds`` as the database held them when the batch first asked, read once a batch:
    the database differs from that since only by records the batch wrote, which it holds (``_listed``
    takes its own version of those), so a room read again after a late arrival reads the database no more."""
    key = (meeting_id, kinds)
    if key not in held.listed:
        found: dict[tuple[str, str], Stored] = {}
        held.listed[key] = found
        for entity, record_id, doc, clocks, stamp in _rows(held, meeting_id, kinds):
            found[(entity, record_id)] = Stored(*fields_and_clocks(doc, clocks, stamp), False, 0)
    return held.listed[key]


def _rows(held: Held, meeting_id: str, kinds: tuple[str, ...]) -> list[tuple]:
    """The live rows of ``kinds`` (entity, record_id, doc, clocks, stamp): one statement, its two SELECTs each
    answered from its own index (the meeting's for its attendance and elections, the primary key for the
    association's rules and office terms; OR-ed in one WHERE, SQLite scanned the association), in the
    driver's own SQL."""
    association_id = held.association_id
    return select_in_each(held.conn, records, ("entity", "record_id", "doc", "clocks", "stamp"), (
        (("association_id", "deleted", "meeting_id"), (association_id, False, meeting_id), "entity",
         [k for k in kinds if k in OF_THE_MEETING]),
        (("association_id", "deleted"), (association_id, False), "entity", [k for k in kinds if k not in OF_THE_MEETING])))


def _ballots(held: Held, candidate: model.Candidate) -> str:
    stored = held.get("election", candidate.election_id)
    election = _read(model.Election, stored.doc) if stored and not stored.deleted else None
    if election is None:
        return ""
    found = held.seen(election.meeting_id, frozenset(), True)
    if found is None:
        return ""
    others = [c for c in found.candidates if c.election_id == election.id and c.id != candidate.id]
    return motions.ballots_refusal([*others, candidate], election.seats, found.room)


def _read(cls: type, doc: dict):
    try:
        return from_row(cls, doc)
    except (TypeError, ValueError):
        return None
