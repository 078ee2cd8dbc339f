"""Numbered schema migrations. A file's ``PRAGMA user_version`` says which have run.

Append a migration for every change; never edit one that has shipped, because files made by
that version exist on chairs' laptops. Each migration runs inside the opening transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # sqlite_utils is loaded only when a file needs migrating, to keep start-up quick
    import sqlite_utils
    import sqlite_utils.db

APPLICATION_ID = 0x51524D31  # "QRM1": marks a SQLite file as a Quorum association file

# Columns every synced record carries: its revision and the clock stamp of its last edit.
SYNC_COLUMNS = {"rev": int, "hlc": str}


def _table_of(db: sqlite_utils.Database, name: str) -> sqlite_utils.db.Table:
    """A table Quorum made (never a view), typed as one."""
    return cast("sqlite_utils.db.Table", db[name])


def _table(db: sqlite_utils.Database, name: str, columns: dict, foreign_keys=(), not_null=()) -> None:
    db.create_table(
        name,
        {"id": str, **columns, **SYNC_COLUMNS},
        pk="id",
        foreign_keys=list(foreign_keys),
        not_null=set(not_null),
        defaults={"rev": 1},
    )


def _first(db: sqlite_utils.Database) -> None:
    """The whole domain (app/model.py) as the first version of the file held it."""
    _table(db, "associations", {"name": str, "area": str, "rto_number": str}, not_null={"name"})
    _table(db, "rules", {"effective_from": str, "settings": str}, not_null={"effective_from", "settings"})
    _table(
        db,
        "members",
        {
            "first_name": str, "surname": str, "address": str, "postcode": str, "phone": str,
            "email": str, "contact_consent": int, "joined": str, "left": str, "role": str,
            "birth_year": int, "notes": str,
        },
        not_null={"surname"},
    )
    _table(
        db,
        "meetings",
        {"kind": str, "date": str, "time": str, "venue": str, "status": str, "minutes_status": str, "title": str},
        not_null={"kind", "date"},
    )
    _table(
        db,
        "agenda_items",
        {"meeting_id": str, "position": int, "title": str, "kind": str, "notes": str, "presenter": str,
         "expected_minutes": int},
        foreign_keys=[("meeting_id", "meetings", "id")],
    )
    _table(
        db,
        "attendance",
        {"meeting_id": str, "kind": str, "member_id": str, "guest_name": str, "guest_organisation": str,
         "arrived": str, "left": str, "proxy_holder_id": str},
        foreign_keys=[("meeting_id", "meetings", "id"), ("member_id", "members", "id"),
                      ("proxy_holder_id", "members", "id")],
    )
    _table(
        db,
        "motions",
        {"meeting_id": str, "agenda_item_id": str, "text": str, "proposer_id": str, "seconder_id": str,
         "majority_kind": str, "votes_for": int, "votes_against": int, "abstentions": int, "casting_vote": str,
         "carried": int, "result_text": str, "amends_id": str, "position": int},
        foreign_keys=[("meeting_id", "meetings", "id"), ("agenda_item_id", "agenda_items", "id")],
    )
    _table(
        db,
        "elections",
        {"meeting_id": str, "post": str, "seats": int, "agenda_item_id": str},
        foreign_keys=[("meeting_id", "meetings", "id")],
    )
    _table(
        db,
        "candidates",
        {"election_id": str, "name": str, "member_id": str, "votes": int, "elected": int, "unopposed": int},
        foreign_keys=[("election_id", "elections", "id")],
    )
    _table(
        db,
        "actions",
        {"meeting_id": str, "agenda_item_id": str, "description": str, "owner_name": str,
         "owner_member_id": str, "due": str, "status": str, "completed": str},
        foreign_keys=[("meeting_id", "meetings", "id")],
    )
    _table(
        db,
        "minutes",
        {"meeting_id": str, "status": str, "approved_on": str, "approved_at_meeting_id": str,
         "proposer_id": str, "seconder_id": str, "corrections": str, "content_hash": str, "previous_hash": str},
        foreign_keys=[("meeting_id", "meetings", "id")],
    )
    _table(
        db,
        "quorum_events",
        {"meeting_id": str, "at": str, "quorate": int, "present": int, "required": int},
        foreign_keys=[("meeting_id", "meetings", "id")],
    )
    db.create_table(
        "changes",
        {"seq": int, "op_id": str, "entity": str, "record_id": str, "kind": str, "payload": str,
         "hlc": str, "base_rev": int, "schema_version": int, "created": str, "sent": int},
        pk="seq",
        not_null={"op_id", "entity", "record_id", "kind", "payload", "hlc"},
        defaults={"sent": 0},
    )
    db.create_table("settings", {"key": str, "value": str}, pk="key")
    for table, column in [
        ("agenda_items", "meeting_id"), ("attendance", "meeting_id"), ("attendance", "member_id"),
        ("motions", "meeting_id"), ("elections", "meeting_id"), ("candidates", "election_id"),
        ("actions", "meeting_id"), ("minutes", "meeting_id"), ("quorum_events", "meeting_id"),
        ("members", "surname"), ("meetings", "date"), ("changes", "sent"),
    ]:
        _table_of(db, table).create_index([column])
    _table_of(db, "changes").create_index(["op_id"], unique=True)
    _table_of(db, "minutes").create_index(["meeting_id"], unique=True, index_name="minutes_one_per_meeting")


def _sync(db: sqlite_utils.Database) -> None:
    """The laptop's side of the sync with head office (docs/sync.md); never synced itself.

    ``sync_state``: enrolment, pull cursor, last sync. ``sync_problems``: changes head office
    refused, for the chair to read. ``sync_held``: pulled records waiting for a record they
    refer to (or for what refers to them to go), applied on a later page.
    """
    db.create_table("sync_state", {"key": str, "value": str}, pk="key")
    db.create_table(
        "sync_problems",
        {"op_id": str, "entity": str, "record_id": str, "code": str, "reason": str, "noticed": str,
         "dismissed": int},
        pk="op_id",
        not_null={"entity", "record_id", "code", "reason", "noticed"},
        defaults={"dismissed": 0},
    )
    db.create_table(
        "sync_held",
        {"entity": str, "record_id": str, "change": str},
        pk=("entity", "record_id"),
        not_null={"change"},
    )


def _statements(db: sqlite_utils.Database) -> None:
    """The treasurer's yearly statement for the landlord's pack; synced like any other record.

    Amounts are whole pence; each section is JSON text of [description, pence] pairs.
    """
    _table(
        db,
        "statements",
        {"year": int, "opening_balance": int, "income": str, "expenditure": str, "assets": str,
         "liabilities": str},
        not_null={"year"},
    )
    _table_of(db, "statements").create_index(["year"])


def _asks_and_digests(db: sqlite_utils.Database) -> None:
    """Asks of the landlord (issue 11): who is asked, and head office's answer, on the action itself.

    The answer columns are written only by pulls from head office, never by an edit here. Digests
    are the plain-English summaries of a meeting the chair publishes for members.
    """
    for column, kind in [("ask_of_landlord", int), ("landlord_department", str), ("answer_status", str),
                         ("answer_text", str), ("answer_due", str), ("answered_on", str),
                         ("first_answered_on", str)]:
        _table_of(db, "actions").add_column(column, kind)
    _table(
        db,
        "digests",
        {"meeting_id": str, "text": str, "token": str, "published": int},
        foreign_keys=[("meeting_id", "meetings", "id")],
        not_null={"meeting_id"},
    )
    _table_of(db, "digests").create_index(["meeting_id"])


def _minutes_as_they_were(db: sqlite_utils.Database) -> None:
    """Issue 15: who chaired and took the minutes, opening and closing times, a chair's override
    of a proposer who was not present, the frozen snapshot of approved minutes, and dated roles.

    Every member's register role becomes their first term, from the start of records, so the
    roles of earlier meetings read as they did; later elections add terms from their date.
    Minutes approved before snapshots are snapshotted when the file is next opened
    (``AssociationFile.open``), as the migration cannot build the record the minutes print.
    """
    for column, kind in [("chair_id", str), ("minute_taker_id", str), ("opened_at", str), ("closed_at", str)]:
        _table_of(db, "meetings").add_column(column, kind)
    _table_of(db, "motions").add_column("override_reason", str)
    _table_of(db, "minutes").add_column("snapshot", str)
    _table_of(db, "minutes").add_column("snapshot_hash", str)
    _table(
        db,
        "office_terms",
        {"member_id": str, "role": str, "start": str, "reason": str, "election_id": str},
        foreign_keys=[("member_id", "members", "id")],
        not_null={"member_id", "role", "start"},
    )
    _table_of(db, "office_terms").create_index(["member_id"])


def _sealed_changes(db: sqlite_utils.Database) -> None:
    """A seal (digest) on every change, so ``check`` and the sync can tell one altered on disk (issue 18)."""
    from app.store.seals import seal

    _table_of(db, "changes").add_column("seal", str)
    rows = db.execute("SELECT seq, entity, record_id, kind, payload, hlc, base_rev FROM changes").fetchall()
    for seq, *fields in rows:
        db.execute("UPDATE changes SET seal = ? WHERE seq = ?", (seal(*fields), seq))


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _first, _sync, _statements, _asks_and_digests, _minutes_as_they_were, _sealed_changes,
]
SCHEMA_VERSION = len(MIGRATIONS)
