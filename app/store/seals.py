"""A digest over each change queued for head office, so one altered on disk is never sent.

SQLite's checks find damaged pages, not a changed value on a healthy page: a stray write,
a bad sector remapped, or a hand edit can alter a queued change and leave the file "healthy".
The seal is made when the change is saved; ``check`` verifies every queued one and the sync
holds back any that no longer match. The op id is not covered: enrolment renumbers it.
"""

from __future__ import annotations

import hashlib
import json


def seal(entity: str, record_id: str, kind: str, payload: str, hlc: str, base_rev: int | None) -> str:
    body = json.dumps([entity, record_id, kind, payload, hlc, base_rev], ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def of_row(row: dict) -> str:
    return seal(row["entity"], row["record_id"], row["kind"], row["payload"], row["hlc"], row["base_rev"])
