"""A meeting's minutes at head office, rendered from the records its laptops sent.

Builds the same ``MeetingRecord`` the laptop builds, from head office's JSON documents, so the
PDF staff download is the one the chair prints (app.reports.minutes_pdf), watermarked DRAFT
until the minutes are approved.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection

from app import model, rules
from app.core import offices
from app.server.db import records
from app.services.members import can_vote_on
from app.store.records import ENTITIES, from_row, rules_from_json

NOT_NEEDED = ("statement", "digest")


def _created(clocks: str) -> str:
    """The stamp of a record's create: its earliest field stamp. Laptops list records in the order
    they made them (elections, actions), and the minutes must read the same at head office."""
    return min(json.loads(clocks).values(), default="")


def _records(conn: Connection, association_id: str) -> dict[str, list]:
    """entity -> dataclasses in the order they were made, for every live record the minutes may need."""
    query = select(records.c.entity, records.c.doc, records.c.clocks).where(
        records.c.association_id == association_id, records.c.deleted.is_(False))
    found: dict[str, list] = defaultdict(list)
    for row in sorted(conn.execute(query), key=lambda row: _created(row.clocks)):
        if row.entity in NOT_NEEDED:
            continue
        doc = json.loads(row.doc)
        if row.entity == "rules":
            found["rules"].append(doc)
            continue
        if row.entity not in ENTITIES:
            continue
        try:
            found[row.entity].append(from_row(ENTITIES[row.entity][1], doc))
        except (TypeError, ValueError):
            continue  # a record sent without a required field is left out, not allowed to stop the page
    return found


def all_minutes(conn: Connection, association_id: str) -> list[model.Minutes]:
    return _records(conn, association_id)["minutes"]


def _rules_on(docs: list[dict], day: date) -> model.ConstitutionRules:
    dated = sorted((d.get("effective_from") or "", d.get("settings") or "{}") for d in docs)
    in_force = [settings for start, settings in dated if start <= day.isoformat()] or [s for _, s in dated[:1]]
    return rules_from_json(in_force[-1]) if in_force else model.ConstitutionRules()


def meeting_record(conn: Connection, association_id: str, meeting_id: str) -> model.MeetingRecord | None:
    """The record of one meeting as head office holds it; None if head office has no such meeting."""
    found = _records(conn, association_id)
    meetings = sorted(found["meeting"], key=lambda m: (m.date, m.time))
    meeting = next((m for m in meetings if m.id == meeting_id), None)
    if meeting is None:
        return None
    association = (found["association"] or [model.Association("")])[0]
    association.rules = _rules_on(found["rules"], meeting.date)
    members = {m.id: m for m in offices.as_on(found["member"], found["office_term"], meeting.date)}
    mine = [e for e in found["election"] if e.meeting_id == meeting_id]
    minutes = {m.meeting_id: m for m in found["minutes"]}
    by_id = {m.id: m for m in meetings}
    stream = [m for m in meetings if (m.kind == "committee") == (meeting.kind == "committee")]
    earlier = [m for m in stream if (m.date, m.time) < (meeting.date, meeting.time)]
    later = [m for m in meetings if (m.date, m.time) > (meeting.date, meeting.time)]
    attendance = [a for a in found["attendance"] if a.meeting_id == meeting_id]
    count, required = _quorum(association.rules, meeting, members)
    return model.MeetingRecord(
        association=association,
        meeting=meeting,
        agenda=sorted((i for i in found["agenda_item"] if i.meeting_id == meeting_id), key=lambda i: i.position),
        attendance=attendance,
        members=members,
        motions=sorted((m for m in found["motion"] if m.meeting_id == meeting_id), key=lambda m: m.position),
        elections=mine,
        candidates=[c for c in found["candidate"] if c.election_id in {e.id for e in mine}],
        actions=[a for a in found["action"] if a.meeting_id == meeting_id],
        minutes=minutes.get(meeting_id),
        quorum_events=sorted((q for q in found["quorum_event"] if q.meeting_id == meeting_id), key=lambda q: q.at),
        previous_meeting=earlier[-1] if earlier else None,
        next_meeting=later[0] if later else None,
        member_count=count,
        quorum_required=required,
        approved_here=[(by_id[m.meeting_id], m) for m in found["minutes"]
                       if m.approved_at_meeting_id == meeting_id and m.meeting_id in by_id],
    )


def _quorum(constitution: model.ConstitutionRules, meeting: model.Meeting,
            members: dict[str, model.Member]) -> tuple[int, int]:
    """(members entitled to attend, quorum required), worked out as the laptop works it out."""
    committee = meeting.kind == "committee"
    roles = model.COMMITTEE_ROLES if committee else model.ROLES
    entitled = [m for m in members.values() if m.role in roles and can_vote_on(m, meeting.date, constitution)]
    count = len({m.household_key for m in entitled}) if constitution.vote_per == "household" else len(entitled)
    rule = constitution.committee_quorum if committee else constitution.general_quorum
    required = rules.quorum_required(rule, count)
    if committee and constitution.committee_quorum_plus_one:
        required += 1
    return count, required
