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


def _sealed_text(*fields) -> str:
    """``json.dumps(list(fields), ensure_ascii=False)``, written directly when the fields are what a change
    holds (five strings and a whole number or None): a sync checks twenty thousand seals, and making a
    JSON encoder for each cost more than the hash."""
    *texts, base_rev = fields
    if all(type(text) is str for text in texts) and (base_rev is None or type(base_rev) is int):
        return "[" + ", ".join(map(encode_basestring, texts)) + (", null]" if base_rev is None else f", {base_rev}]")
    return json.dumps(list(fields), ensure_ascii=False)


def of_row(row: dict) -> str:
    return seal(row["entity"], row["record_id"], row["kind"], row["payload"], row["hlc"], row["base_rev"])
