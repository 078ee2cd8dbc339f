"""A digest over each change queued for head office, so one altered on disk is never sent.

SQLite's checks find damaged pages, not a changed value on a healthy page: a stray write,
a bad sector remapped, or a hand edit can alter a queued change and leave the file "healthy".
The seal is made when the change is saved; ``check`` verifies every queued one and the sync
holds back any that no longer match. The op id is not covered: enrolment renumbers it.
"""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring


def seal(entity: str, record_id: str, kind: str, payload: str, hlc: str, base_rev: int | None) -> str:
    return hashlib.sha256(_sealed_text(entity, record_id, kind, payload, hlc, base_rev).encode("utf-8")).hexdigest()


def _sealed_text(entity, record_id, kind, payload, hlc, base_rev) -> str:
    """``json.dumps([...], ensure_ascii=False)`` of the fields, written directly when they are what a change
    holds (five strings and a whole number or None): a sync checks twenty thousand seals, and making a
    JSON encoder for each cost more than the hash. Anything else (a damaged row) goes through json.dumps."""
    if type(entity) is type(record_id) is type(kind) is type(payload) is type(hlc) is str and (
            base_rev is None or type(base_rev) is int):
        return (f"[{encode_basestring(entity)}, {encode_basestring(record_id)}, {encode_basestring(kind)}, "
                f"{encode_basestring(payload)}, {encode_basestring(hlc)}, {'null' if base_rev is None else base_rev}]")
    return json.dumps([entity, record_id, kind, payload, hlc, base_rev], ensure_ascii=False)


def of_row(row: dict) -> str:
    return seal(row["entity"], row["record_id"], row["kind"], row["payload"], row["hlc"], row["base_rev"])
