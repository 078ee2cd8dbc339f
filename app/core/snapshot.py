"""Approved minutes, frozen: one snapshot of the meeting as it was, and the hash that seals it.

At approval the record the minutes print from (names and roles on the day, the chair and the
minute-taker, times, attendance, motions, elections, actions, notes) is written down once as
JSON. From then on the minutes print from the snapshot alone, so renaming a member, a new
committee or an erasure changes nothing in them; and the approval hash covers the snapshot's
exact text, chained to the previous approved minutes, so one changed byte is noticed.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from app import model
from app.rows import from_row, to_row

VERSION = 1
ROWS = {"agenda": model.AgendaItem, "attendance": model.Attendance, "motions": model.Motion,
        "elections": model.Election, "candidates": model.Candidate, "actions": model.Action,
        "quorum_events": model.QuorumEvent, "matters_arising": model.Action}
KEPT_OF_MEMBER = ("first_name", "surname", "role", "left")


def take(record: model.MeetingRecord) -> str:
    """The snapshot's text: canonical JSON, so the same record always gives the same bytes."""
    minutes = to_row(record.minutes) if record.minutes else None
    if minutes:
        for name in ("content_hash", "previous_hash", "snapshot", "snapshot_hash"):
            minutes.pop(name, None)
    content = {
        "version": VERSION,
        "association": {"name": record.association.name, "area": record.association.area,
                        "rto_number": record.association.rto_number},
        "meeting": to_row(record.meeting),
        **{name: [to_row(row) for row in getattr(record, name)] for name in ROWS},
        "members": _members(record),
        "minutes": minutes,
        "previous_meeting": to_row(record.previous_meeting) if record.previous_meeting else None,
        "next_meeting": to_row(record.next_meeting) if record.next_meeting else None,
        "member_count": record.member_count,
        "quorum_required": record.quorum_required,
        "approved_here": [[to_row(meeting), _approval(minutes_row)] for meeting, minutes_row in record.approved_here],
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _approval(minutes: model.Minutes) -> dict:
    return {k: v for k, v in to_row(minutes).items() if k not in ("snapshot", "snapshot_hash")}


def named(record: model.MeetingRecord) -> dict[str, model.Member]:
    """The members the minutes name: present, apologies, proxies, movers, candidates, owners, chair."""
    ids = {a.member_id for a in record.attendance} | {a.proxy_holder_id for a in record.attendance}
    ids |= {m.proposer_id for m in record.motions} | {m.seconder_id for m in record.motions}
    ids |= {c.member_id for c in record.candidates}
    ids |= {a.owner_member_id for a in record.actions + record.matters_arising}
    ids |= {record.meeting.chair_id, record.meeting.minute_taker_id}
    for _, minutes in record.approved_here + ([(None, record.minutes)] if record.minutes else []):
        ids |= {minutes.proposer_id, minutes.seconder_id}
    return {i: record.members[i] for i in ids if i and i in record.members}


def told_apart(record: model.MeetingRecord) -> dict[str, str]:
    """'Fiona Murray (Flat 0/1, 57 Royston Road)' for members the minutes name who share a name."""
    people = named(record)
    names = Counter(m.name.casefold() for m in people.values())
    return {i: f"{m.name} ({_flat(m.address)})" for i, m in people.items()
            if names[m.name.casefold()] > 1 and m.address}


def _flat(address: str) -> str:
    """The address without its town: enough to tell two neighbours apart."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    return ", ".join(parts[:-1]) if len(parts) > 2 else ", ".join(parts)


def _members(record: model.MeetingRecord) -> dict[str, dict]:
    """Only the members the minutes name, with their role on the day; an address only for namesakes."""
    apart = told_apart(record)
    kept = {}
    for member_id, member in named(record).items():
        row = {k: v for k, v in to_row(member).items() if k in KEPT_OF_MEMBER}
        if member_id in apart:
            row["address"] = member.address
        kept[member_id] = row
    return kept


def record_of(text: str) -> model.MeetingRecord:
    """The record the approved minutes print from, read back from the snapshot alone.

    Parts added to snapshots later (matters arising) read as empty in older ones, which stay as sealed.
    """
    content = json.loads(text)
    association = model.Association(**content["association"])
    meeting = from_row(model.Meeting, content["meeting"])
    rows: dict[str, Any] = {name: [from_row(cls, row) for row in content.get(name, [])] for name, cls in ROWS.items()}
    record = model.MeetingRecord(
        association=association,
        meeting=meeting,
        **rows,
        members={i: from_row(model.Member, {"address": "", **row}) for i, row in content["members"].items()},
        minutes=from_row(model.Minutes, content["minutes"]) if content["minutes"] else None,
        previous_meeting=_meeting(content["previous_meeting"]),
        next_meeting=_meeting(content["next_meeting"]),
        member_count=content["member_count"],
        quorum_required=content["quorum_required"],
        approved_here=[(from_row(model.Meeting, m), from_row(model.Minutes, a)) for m, a in content["approved_here"]],
    )
    record.told_apart = told_apart(record)
    return record


def _meeting(row: dict | None) -> model.Meeting | None:
    return from_row(model.Meeting, row) if row else None


def sealed(text: str, previous_hash: str) -> str:
    """The approval hash: SHA-256 of the previous approved minutes' hash and the snapshot's exact bytes."""
    return hashlib.sha256(f"{previous_hash}\n{text}".encode()).hexdigest()


def fingerprint(text: str) -> str:
    """For minutes approved before snapshots: the snapshot taken on upgrade is checked on its own."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def intact(minutes: model.Minutes, record: model.MeetingRecord) -> bool:
    """Whether approved minutes still hold what was agreed, against the decided ``record`` held now.

    Minutes approved with a snapshot are sealed by it, and the records must still say what it
    says. Older ones keep their record hash, and the snapshot taken on upgrade its fingerprint.
    """
    if minutes.snapshot and not minutes.snapshot_hash:
        try:
            agrees = record_hash(record_of(minutes.snapshot), "") == record_hash(record, "")
        except (ValueError, KeyError, TypeError):  # not JSON any more, or not a snapshot
            return False
        return sealed(minutes.snapshot, minutes.previous_hash) == minutes.content_hash and agrees
    if minutes.snapshot and fingerprint(minutes.snapshot) != minutes.snapshot_hash:
        return False
    return record_hash(record, minutes.previous_hash) == minutes.content_hash


def record_hash(record: model.MeetingRecord, previous_hash: str) -> str:
    """SHA-256 of the meeting's decided record, chained to the previous approved minutes.

    Covers what the minutes state (who was there, what was said and decided, what was asked of
    whom) but not what legitimately changes later, such as an action being marked done.
    """
    content = {
        "previous": previous_hash,
        "meeting": _set_only({k: v for k, v in to_row(record.meeting).items() if k not in ("status", "minutes_status")},
                             LATER_MEETING_FIELDS),
        "agenda": [to_row(i) for i in record.agenda],
        "attendance": sorted((to_row(a) for a in record.attendance), key=lambda r: r["id"]),
        "motions": [_set_only(to_row(m), ("override_reason",)) for m in record.motions],
        "elections": [to_row(e) for e in record.elections],
        "candidates": sorted((to_row(c) for c in record.candidates), key=lambda r: r["id"]),
        "actions": sorted((_hashed_action(a) for a in record.actions), key=lambda r: r["id"]),
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


LATER_MEETING_FIELDS = ("chair_id", "minute_taker_id", "opened_at", "closed_at")


def _set_only(row: dict, later: tuple[str, ...]) -> dict:
    """Fields added after minutes were first hashed count only when set, so older hashes still hold."""
    return {k: v for k, v in row.items() if k not in later or v}


def _hashed_action(action: model.Action) -> dict:
    """What the minutes say of an action: not its later status, nor the landlord's answer.

    The ask fields count only when set, so minutes approved before asks existed keep their hash.
    """
    row = {k: v for k, v in to_row(action).items()
           if k not in ("status", "completed", *model.LANDLORD_ANSWER_FIELDS)}
    if not action.ask_of_landlord:
        del row["ask_of_landlord"], row["landlord_department"]
    return row
