"""The laptop's side of the sync: what waits to go, what head office refused, and what came back.

Records pulled from head office are written straight into their tables, with no row in the
``changes`` outbox: they came from head office, so queuing them would only echo them back.
A field this laptop changed and has not yet had acknowledged keeps its local value; head office
merges it when it arrives and sends the result back. Each page is applied, and the cursor
saved, in one transaction, so a crash part-way leaves the page to be pulled again whole.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import NamedTuple

from app.ids import stamp_order
from app.store import marks, records, seals
from app.store.store import Store

TABLES = {entity: table for entity, (table, _) in records.ENTITIES.items()} | {"rules": "rules"}
WHOLE_RECORD = None  # pending_fields() answer: an unsent create or delete keeps the record local

# Changes still to go: not acknowledged, and not refused (a refused change never blocks the queue).
UNSENT = "sent = 0 AND op_id NOT IN (SELECT op_id FROM sync_problems)"


# -- sync state ---------------------------------------------------------------------------------

def state(store: Store, key: str, default: str | None = None) -> str | None:
    row = store.conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_state(store: Store, **values: str | None) -> None:
    with store.transaction():
        for key, value in values.items():
            if value is None:
                store.conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))
            else:
                store.conn.execute(
                    "INSERT INTO sync_state (key, value) VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )


# -- the outbox, seen from the sync -------------------------------------------------------------

ALTERED = ("altered_here", "This change was altered on this laptop's disk after it was saved, so it was not sent; "
           "the association file may be damaged. Run “quorum check”.")


class Queued(NamedTuple):
    """A change waiting for head office, as stored: ``payload`` is the JSON text its seal covers."""

    seq: int
    op_id: str
    entity: str
    record_id: str
    kind: str
    payload: str
    hlc: str
    base_rev: int | None
    schema_version: int


def queued(store: Store, limit: int | None = None, after_seq: int = 0, most_bytes: int | None = None) -> list[Queued]:
    """Changes waiting for head office, oldest first, each as stored (a push sends the payload's text as it is).

    ``most_bytes`` stops the list once the payloads come to that many characters (one change at
    least), so a batch of long minutes stays within what head office accepts in one request.
    A change whose seal no longer matches is held back for good (listed with the sync problems).
    Before any leaves, every number this file has given is noted outside it (``app.store.marks``):
    the highest, so the mark is written once a sync rather than once a batch.
    """
    while True:
        rows = store.conn.execute(
            f"SELECT {', '.join(Queued._fields)}, seal FROM changes WHERE {UNSENT} AND seq > ? ORDER BY seq LIMIT ?",
            (after_seq, -1 if limit is None else limit),
        )
        found = _within(rows, most_bytes)
        altered = [op_id for (_, op_id, *sealed, _, seal) in found if seal != seals.seal(*sealed)]
        if not altered:
            break
        refuse(store, [(op_id, *ALTERED) for op_id in altered])
    if found:
        highest = store.conn.execute("SELECT max(seq) FROM changes").fetchone()[0]
        marks.note(store.path, store.association_key(), store.device_id, highest)
    return [Queued(*row[:-1]) for row in found]


def unsent(store: Store, limit: int | None = None, after_seq: int = 0, most_bytes: int | None = None) -> list[dict]:
    """``queued`` as the ops a bundle holds: dicts, each payload read into its fields."""
    return [{**op._asdict(), "payload": json.loads(op.payload)} for op in queued(store, limit, after_seq, most_bytes)]


def _within(rows, most_bytes: int | None) -> list[tuple]:
    if most_bytes is None:
        return rows.fetchall()
    found: list[tuple] = []
    size = 0
    for row in rows:
        found.append(row)
        size += len(row[5])
        if size >= most_bytes:
            break
    return found


def adopt_device_id(store: Store, device_id: str) -> None:
    """Take the device id head office issued at enrolment, renumbering the changes not yet acknowledged.

    Before enrolment nobody has seen those numbers, so two copies of one file enrolled on two
    laptops never share op ids. On a re-enrolment, changes head office may already hold come
    back under new numbers; applying them again changes nothing.
    """
    with store.transaction():
        store.conn.execute("UPDATE settings SET value = ? WHERE key = 'device_id'", (device_id,))
        store.conn.execute("UPDATE changes SET op_id = ? || ':' || seq WHERE sent = 0", (device_id,))
    store.device_id = device_id
    store.clock.device_id = device_id


def waiting_count(store: Store) -> int:
    return store.conn.execute(f"SELECT count(*) FROM changes WHERE {UNSENT}").fetchone()[0]


def acknowledge(store: Store, op_ids: list[str]) -> int:
    """Mark changes as received by head office; returns how many were still unsent."""
    with store.transaction():
        return store.conn.executemany("UPDATE changes SET sent = 1 WHERE op_id = ? AND sent = 0",
                                      [(op_id,) for op_id in op_ids]).rowcount


def refuse(store: Store, refusals: list[tuple[str, str, str]]) -> None:
    """Note changes head office refused, as (op id, code, reason), for the chair's problems list."""
    now = datetime.now().isoformat(timespec="seconds")
    with store.transaction():
        store.conn.executemany(
            "INSERT INTO sync_problems (op_id, entity, record_id, code, reason, noticed)"
            " SELECT op_id, entity, record_id, ?, ?, ? FROM changes WHERE op_id = ?"
            " ON CONFLICT(op_id) DO UPDATE SET code = excluded.code, reason = excluded.reason",
            [(code, reason, now, op_id) for op_id, code, reason in refusals],
        )


def problems(store: Store, include_dismissed: bool = False) -> list[dict]:
    """Refused changes, newest first, with the change itself (kind and payload) to describe them."""
    where = "" if include_dismissed else "WHERE p.dismissed = 0"
    cursor = store.conn.execute(
        "SELECT p.op_id, p.entity, p.record_id, p.code, p.reason, p.noticed, p.dismissed, c.kind, c.payload"
        f" FROM sync_problems p LEFT JOIN changes c ON c.op_id = p.op_id {where} ORDER BY c.seq DESC"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def dismiss(store: Store, op_id: str) -> None:
    with store.transaction():
        store.conn.execute("UPDATE sync_problems SET dismissed = 1 WHERE op_id = ?", (op_id,))


def local_row(store: Store, entity: str, record_id: str) -> dict | None:
    """The record as it is on this laptop now (to describe a problem), or None."""
    table = TABLES.get(entity)
    if table is None:
        return None
    cursor = store.conn.execute(f'SELECT * FROM "{table}" WHERE id = ?', (record_id,))
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row, strict=True)) if row else None


# -- pulled pages -------------------------------------------------------------------------------

def apply_page(store: Store, changes: list[dict], cursor: str) -> int:
    """Apply one page of other laptops' records and save the cursor, all in one transaction.

    Each change is ``{"entity", "record_id", "deleted", "doc", "hlc"}``: the record as head office
    now holds it. Returns how many records were written or removed here.
    """
    with store.transaction():
        latest: dict[tuple[str, str], dict] = {}
        held_before = [json.loads(text) for (text,) in store.conn.execute("SELECT change FROM sync_held")]
        for change in [*held_before, *changes]:  # a newer copy of a record replaces an older one
            latest.pop((change["entity"], change["record_id"]), None)
            latest[(change["entity"], change["record_id"])] = change
        _observe(store, [*held_before, *changes])
        applied, held = _apply_all(store, list(latest.values()))
        store.conn.execute("DELETE FROM sync_held")
        for change in held:
            store.conn.execute("INSERT INTO sync_held (entity, record_id, change) VALUES (?, ?, ?)",
                               (change["entity"], change["record_id"], json.dumps(change, ensure_ascii=False)))
        store.conn.execute(
            "INSERT INTO sync_state (key, value) VALUES ('cursor', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (cursor,),
        )
    return applied


def apply_records(store: Store, changes: list[dict]) -> int:
    """Apply records head office sent outside a pull (a receipt's answers), leaving the cursor alone.

    Applied exactly as a pulled page is, so the same record pulled later changes nothing; one that
    cannot be written yet is dropped, as the next receipt (or pull) brings it again.
    """
    if not changes:
        return 0
    with store.transaction():
        _observe(store, changes)
        applied, _ = _apply_all(store, [{**c, "deleted": bool(c.get("deleted"))} for c in changes])
    return applied


def _observe(store: Store, changes: list[dict]) -> None:
    """Move this laptop's clock past the latest stamp pulled, so its next edit sorts after all of them."""
    stamps = [change["hlc"] for change in changes if change.get("hlc")]
    if stamps:
        store.clock.observe(max(stamps, key=stamp_order))


def _apply_all(store: Store, queue: list[dict]) -> tuple[int, list[dict]]:
    """Apply in order, going round again while that lets a waiting record in; returns (applied, held).

    Records new to this laptop go in first, one statement per table (a first pull is mostly those);
    the rest, and any batch a missing record it refers to refuses, go one at a time.
    """
    applied, queue = _insert_new(store, queue)
    while queue:
        held = []
        for change in queue:
            outcome = _apply(store, change)
            if outcome is None:
                held.append(change)
            else:
                applied += outcome
        if len(held) == len(queue):
            return applied, held
        queue = held
    return applied, []


def _insert_new(store: Store, queue: list[dict]) -> tuple[int, list[dict]]:
    """Insert the records this laptop does not have and has no change waiting for: one executemany per
    table and set of fields. Returns (inserted, the changes left for the one-at-a-time path)."""
    waiting = set(store.conn.execute(f"SELECT entity, record_id FROM changes WHERE {UNSENT}").fetchall())
    have: dict[str, set[str]] = {}
    for table in {TABLES[c["entity"]] for c in queue if c["entity"] in TABLES and not c["deleted"]}:
        ids = [c["record_id"] for c in queue if TABLES.get(c["entity"]) == table]
        have[table] = set()
        for at in range(0, len(ids), 500):
            chunk = ids[at:at + 500]
            have[table].update(r for (r,) in store.conn.execute(
                f'SELECT id FROM "{table}" WHERE id IN ({", ".join("?" for _ in chunk)})', chunk))
    groups: dict[tuple[str, tuple[str, ...]], list[dict]] = {}
    rest: list[dict] = []
    fields_of: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}  # (table, a doc's keys) -> its columns
    for change in queue:
        found = TABLES.get(change["entity"])
        if found is None:
            rest.append(change)
            continue
        table = found
        if change["deleted"] or change["record_id"] in have[table] or \
                (change["entity"], change["record_id"]) in waiting:
            rest.append(change)
            continue
        shape = (table, tuple(change["doc"]))
        if shape not in fields_of:  # records from one laptop mostly share their fields, so this is seldom
            known = _columns(store, table) - {"id", "rev", "hlc"}
            fields_of[shape] = tuple(sorted(name for name in change["doc"] if name in known))
        groups.setdefault((table, fields_of[shape]), []).append(change)
    inserted = 0
    for (table, fields), changes in groups.items():
        names = ("id", *fields, "rev", "hlc")
        rows = [(change["record_id"], *map(change["doc"].__getitem__, fields), 1, change.get("hlc") or "")
                for change in changes]
        listed, places = ", ".join(f'"{name}"' for name in names), ", ".join("?" for _ in names)
        store.conn.execute("SAVEPOINT pulled_together")
        try:
            store.conn.executemany(f'INSERT INTO "{table}" ({listed}) VALUES ({places})', rows)
        except sqlite3.IntegrityError:  # one of them refers to a record not here yet: one at a time instead
            store.conn.execute("ROLLBACK TO pulled_together")
            rest.extend(changes)
        else:
            inserted += len(changes)
        store.conn.execute("RELEASE pulled_together")
    return inserted, rest


def held_count(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM sync_held").fetchone()[0]


def pending_fields(store: Store, entity: str, record_id: str) -> set[str] | None:
    """Fields of a record changed here and not yet acknowledged; WHOLE_RECORD for a create or delete."""
    fields: set[str] = set()
    for kind, payload in store.conn.execute(
        f"SELECT kind, payload FROM changes WHERE {UNSENT} AND entity = ? AND record_id = ?", (entity, record_id)
    ):
        if kind != "patch":
            return WHOLE_RECORD
        fields.update(json.loads(payload))
    return fields


def _apply(store: Store, change: dict) -> int | None:
    """1 if the record changed here, 0 if not, None if it must wait (for a record it refers to, or an update)."""
    table = TABLES.get(change["entity"])
    if table is None:  # a kind of record this version does not know yet: kept until Quorum is updated
        return None
    pending = pending_fields(store, change["entity"], change["record_id"])
    if pending is WHOLE_RECORD:
        return 0
    store.conn.execute("SAVEPOINT pulled")
    try:
        if change["deleted"]:
            written = store.conn.execute(f'DELETE FROM "{table}" WHERE id = ?', (change["record_id"],)).rowcount
        else:
            written = _upsert(store, table, change, pending)
    except sqlite3.IntegrityError:
        store.conn.execute("ROLLBACK TO pulled")
        store.conn.execute("RELEASE pulled")
        return None
    store.conn.execute("RELEASE pulled")
    return 1 if written else 0


def _columns(store: Store, table: str) -> set[str]:
    return {row[1] for row in store.conn.execute(f'PRAGMA table_info("{table}")')}


def _upsert(store: Store, table: str, change: dict, pending: set[str]) -> int:
    columns = _columns(store, table) - {"rev", "hlc"}
    doc = {k: v for k, v in change["doc"].items() if k in columns}
    doc["id"] = change["record_id"]
    stamp = change.get("hlc") or ""
    cursor = store.conn.execute(f'SELECT * FROM "{table}" WHERE id = ?', (doc["id"],))
    row = cursor.fetchone()
    if row is None:
        names = [*doc, "rev", "hlc"]
        listed = ", ".join(f'"{name}"' for name in names)
        store.conn.execute(f'INSERT INTO "{table}" ({listed}) VALUES ({", ".join("?" for _ in names)})',
                           [*doc.values(), 1, stamp])
        return 1
    current = dict(zip([d[0] for d in cursor.description], row, strict=True))
    differs = {k: v for k, v in doc.items() if k not in pending and k != "id" and current.get(k) != v}
    if not differs:
        return 0
    sets = ", ".join(f'"{k}" = ?' for k in differs)
    store.conn.execute(
        f'UPDATE "{table}" SET {sets}, rev = rev + 1, hlc = max(coalesce(hlc, \'\'), ?) WHERE id = ?',
        [*differs.values(), stamp, doc["id"]],
    )
    return 1
