"""A meeting's minutes at head office, rendered from the records its laptops sent.

Builds the same ``MeetingRecord`` the laptop builds, from head office's JSON documents, so the
PDF staff download is the one the chair prints (app.reports.minutes_pdf), watermarked DRAFT
until the minutes are approved.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection

from app import model
from app.core import offices, record
from app.core.constitution import rules_on
from app.rows import ENTITIES, from_row, rules_from_json
from app.server.db import clocks_of, records

NOT_NEEDED = ("statement", "digest")


def made_at(clocks: dict) -> str:
    """The stamp of a record's create: its earliest field stamp. Laptops list records in the order
    they made them (elections, actions), and the minutes and the room must read the same at head office."""
    return min(clocks.values(), default="")


PER_MEETING = ("attendance", "agenda_item", "motion", "quorum_event")  # only one meeting's are ever needed


def _records(conn: Connection, association_id: str, meeting_id: str | None = None) -> dict[str, list]:
    """entity -> dataclasses in the order they were made, for every live record the minutes may need
    (of the kinds in PER_MEETING, only that meeting's when one is named)."""
    query = select(records.c.entity, records.c.doc, records.c.clocks, records.c.stamp).where(
        records.c.association_id == association_id, records.c.deleted.is_(False))
    if meeting_id is not None:
        query = query.where(or_(records.c.entity.not_in(PER_MEETING), records.c.meeting_id == meeting_id))
    found: dict[str, list] = defaultdict(list)
    read = [(row.entity, json.loads(row.doc), row.clocks, row.stamp) for row in conn.execute(query)
            if row.entity not in NOT_NEEDED]
    for entity, doc, _, _ in sorted(read, key=lambda each: made_at(clocks_of(*each[1:]))):
        if entity == "rules":
            found["rules"].append(doc)
            continue
        if entity not in ENTITIES:
            continue
        try:
            found[entity].append(from_row(ENTITIES[entity][1], doc))
        except (TypeError, ValueError):
            continue  # a record sent without a required field is left out, not allowed to stop the page
    return found


def all_minutes(conn: Connection, association_id: str) -> list[model.Minutes]:
    return _records(conn, association_id)["minutes"]


def rules_in_force(docs: list[dict], day: date) -> model.ConstitutionRules:
    """The rules in force on a day, from the dated rules records the laptops sent (app.core.constitution)."""
    history = [(date.fromisoformat(d["effective_from"]) if d.get("effective_from") else date.min,
                rules_from_json(d.get("settings") or "{}")) for d in docs]
    return rules_on(history, day)


def meeting_record(conn: Connection, association_id: str, meeting_id: str) -> model.MeetingRecord | None:
    """The record of one meeting as head office holds it, put together by app.core.record as the
    laptop puts it together; None if head office has no such meeting."""
    found = _records(conn, association_id, meeting_id)
    meeting = next((m for m in found["meeting"] if m.id == meeting_id), None)
    if meeting is None:
        return None
    association = (found["association"] or [model.Association("")])[0]
    return record.meeting_record(
        record.with_rules(association, rules_in_force(found["rules"], meeting.date)), meeting,
        meetings=found["meeting"],
        members={m.id: m for m in offices.as_the_meeting_opened(
            found["member"], found["office_term"], meeting.date,
            [e.id for e in found["election"] if e.meeting_id == meeting.id])},
        agenda=found["agenda_item"], attendance=found["attendance"], motions=found["motion"],
        elections=found["election"], candidates=found["candidate"], actions=found["action"],
        minutes=found["minutes"], quorum_events=found["quorum_event"],
    )
