"""The hash that seals approved minutes: the laptop's ``check`` and head office compute it alike."""

from __future__ import annotations

import hashlib
import json

from app import model
from app.rows import to_row


def minutes_hash(record: model.MeetingRecord, previous_hash: str) -> str:
    """SHA-256 of the meeting's decided record, chained to the previous approved minutes.

    Covers what the minutes state (who was there, what was said and decided, what was asked of
    whom) but not what legitimately changes later, such as an action being marked done.
    """
    content = {
        "previous": previous_hash,
        "meeting": {k: v for k, v in to_row(record.meeting).items() if k not in ("status", "minutes_status")},
        "agenda": [to_row(i) for i in record.agenda],
        "attendance": sorted((to_row(a) for a in record.attendance), key=lambda r: r["id"]),
        "motions": [to_row(m) for m in record.motions],
        "elections": [to_row(e) for e in record.elections],
        "candidates": sorted((to_row(c) for c in record.candidates), key=lambda r: r["id"]),
        "actions": sorted((_hashed_action(a) for a in record.actions), key=lambda r: r["id"]),
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _hashed_action(action: model.Action) -> dict:
    """What the minutes say of an action: not its later status, nor the landlord's answer.

    The ask fields count only when set, so minutes approved before asks existed keep their hash.
    """
    row = {k: v for k, v in to_row(action).items()
           if k not in ("status", "completed", *model.LANDLORD_ANSWER_FIELDS)}
    if not action.ask_of_landlord:
        del row["ask_of_landlord"], row["landlord_department"]
    return row
