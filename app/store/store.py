"""The association file: the only code in Quorum that speaks SQL.

Every edit runs in one transaction that also appends its row to the ``changes`` outbox, so
what the chair saw saved is on disk (WAL, synchronous=FULL) and queued for head office
together, or not at all.

Only one Quorum writes a file at a time (``app.store.lock``); another may open it read-only,
as may Quorum on a medium it cannot write: the file is then read into memory and never
touched. Before an edit is reported saved, the store checks that the path still names the
file it wrote (same device and inode) on a medium that still answers; if not, the edit is
refused with ``FileGoneError`` and everything can still be saved elsewhere (``save_copy``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app import model
from app.errors import DiskError, FileGoneError, InUseError, NotFoundError, QuorumError, ReadOnlyError
from app.ids import HybridClock, new_id
from app.journal import log
from app.places import backups_dir
from app.store import files, marks, records, seals
from app.store.lock import WriterLock
from app.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from app.store.backups import Pending

APPEND_ONLY = {"attendance", "quorum_event"}
DISK_WORDS = ("disk is full", "readonly", "read-only", "unable to open", "disk i/o error")


def _disk_error(error: sqlite3.OperationalError) -> QuorumError | None:
    text = str(error).lower()
    if "full" in text:
        return DiskError("The disk is full, so the last change was not saved. Free some space and try again.")
    if "locked" in text or "busy" in text:
        return InUseError("Another program is using this association file right now, so the last change was "
                          "not saved; try again in a moment.")
    if any(word in text for word in DISK_WORDS):
        return DiskError("Quorum cannot write to the folder holding this association, so the last change was not saved.")
    return None


class Store:
    """One open association file."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: WriterLock | None = None,
                 read_only: str | None = None) -> None:
        self.path = path
        self.conn = conn
        self.lock = lock
        self.read_only = read_only  # why this file cannot be changed here, or None
        self._depth = 0
        self._backup_first: Pending | None = None  # a backup that must be on disk before the next change
        self._fingerprints: dict[type, tuple[tuple, tuple]] = {}  # kind -> (what the file had seen, fingerprint)
        self._identity = None if read_only else files.identity(path)
        self.device_id = self.setting("device_id") or ""
        last = conn.execute("SELECT hlc FROM changes ORDER BY seq DESC LIMIT 1").fetchone()
        self.clock = HybridClock(self.device_id, last[0] if last else "")
        self._numbered_to = max(int(self.setting("numbered_to") or 0), marks.numbered(path, self.device_id))

    # -- opening --------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path) -> Store:
        path = Path(path)
        if path.exists():
            raise FileExistsError(f"There is already an association file at {path}.")
        files.make_folder(path.parent)
        lock = WriterLock.take(path)
        return cls._locked(lock, lambda: cls._connect(path, 0, lock))

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> Store:
        """Open an existing file after a read-only health check; migrate it (after a backup) if old.

        Another Quorum writing the file raises ``InUseError``; open with ``read_only`` to look.
        """
        path = Path(path)
        if read_only:
            return cls.open_read_only(path)
        files.must_be_readable(path)
        lock = WriterLock.take(path)
        return cls._locked(lock, lambda: cls._open_locked(path, lock))

    @classmethod
    def _open_locked(cls, path: Path, lock: WriterLock) -> Store:
        files.settle_journal(path, backups_dir(path) / "set-aside")
        report = files.inspect(path)
        store = cls._connect(path, report.schema_version, lock)
        with suppress(QuorumError):  # only names the association for backups; sending notes numbers itself
            marks.note(path, store.association_key())
        return store

    @staticmethod
    def _locked(lock: WriterLock, opening):
        try:
            return opening()
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open_read_only(cls, path: Path, why: str | None = None) -> Store:
        """Read the whole file into memory and never write to it (upgrading, if old, only the copy)."""
        path = Path(path)
        report = files.inspect(path)
        try:
            conn = files.load_into_memory(path)
        except sqlite3.DatabaseError as error:
            raise files.unreadable(path, OSError(str(error))) from error
        if report.schema_version < SCHEMA_VERSION:
            cls._migrate(conn, report.schema_version)
        return cls(path, conn, read_only=why or f"{path.name} is open read-only, so nothing can be changed.")

    @classmethod
    def _connect(cls, path: Path, version: int, lock: WriterLock) -> Store:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=5000")
            if version < SCHEMA_VERSION:
                if version > 0:
                    from app.store import backups

                    key = backups.association_key(path) or "0" * 12
                    files.copy_database(conn, backups.new_path(path, key, f"before-upgrade-v{version}"))
                cls._migrate(conn, version)
        except sqlite3.OperationalError as error:
            conn.close()
            raise (_disk_error(error) or error) from error
        return cls(path, conn, lock)

    @staticmethod
    def _migrate(conn: sqlite3.Connection, version: int) -> None:
        import sqlite_utils  # only here: migrating is rare, and the import costs start-up time

        db = sqlite_utils.Database(conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for migration in MIGRATIONS[version:]:
                migration(db)
            if version == 0:
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                conn.execute("INSERT INTO settings (key, value) VALUES ('device_id', ?)", (new_id(),))
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        if self._backup_first is not None:  # its copy reads the file: let it end before the lock goes
            self._backup_first.finish()
        if not self.read_only:
            with suppress(sqlite3.Error):  # the WAL is replayed on the next open; closing must not fail
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()
        if self.lock is not None:
            self.lock.release()

    def association_key(self) -> str:
        """What backup names carry to say which association they are of."""
        from app.store.backups import key_of

        row = self.conn.execute("SELECT id FROM associations ORDER BY rowid LIMIT 1").fetchone()
        return key_of(row[0] if row else self.device_id)

    # -- is the file still there? ---------------------------------------------------------------

    def _still_there(self) -> None:
        """Raise ``FileGoneError`` unless the path still names the file this store has been writing."""
        try:
            same = files.identity(self.path) == self._identity
        except OSError:
            same = False
        if not same:
            self.read_only = (f"{self.path.name} is no longer where Quorum opened it: it was moved, deleted or "
                              "replaced, or its memory stick was taken out.")
            raise FileGoneError(f"{self.read_only} The last change was not saved to it.")

    def save_copy(self, target: Path) -> Path:
        """Save everything this store holds to a new file, from the open connection (even if the file is gone)."""
        target = Path(target)
        if target.exists():
            raise FileExistsError(f"There is already a file at {target}; choose another name.")
        files.copy_database(self.conn, target)
        return target

    # -- a backup before the next change --------------------------------------------------------

    def backing_up(self, backup: Pending) -> None:
        """Write nothing more (but local settings) until ``backup`` is on disk: the backup before a
        meeting is copied on a worker thread while the console opens, and the meeting's first change
        waits for it only if the chair is quicker than the copy."""
        self._backup_first = backup

    def backed_up(self) -> None:
        """Wait for the backup begun with ``backing_up``, if it is not on disk yet (mostly it is)."""
        if self._backup_first is not None:
            self._backup_first.wait()
            self._backup_first = None

    # -- transactions ---------------------------------------------------------------------------

    @contextmanager
    def transaction(self, local: bool = False) -> Iterator[None]:
        """All-or-nothing; nested calls join the outermost, which commits.

        ``local``: only settings of this laptop (the console's current item), which need not wait for
        a backup being made; every other change waits until it is on disk (``backed_up``).
        """
        if self.read_only:
            raise ReadOnlyError(self.read_only)
        if not self._depth and not local:
            self.backed_up()
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._still_there()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise (_disk_error(error) or error) from error
        self._depth = 1
        try:
            yield
            self.conn.execute("COMMIT")
            self._still_there()
        except sqlite3.OperationalError as error:
            self._rollback()
            raise (_disk_error(error) or error) from error
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0

    def _rollback(self) -> None:
        self._fingerprints.clear()  # some may have been taken of what is now undone
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    # -- the outbox -----------------------------------------------------------------------------

    def _log(self, entity: str, record_id: str, kind: str, payload: dict, base_rev: int | None) -> str:
        """Queue one change; inside the write transaction, so stamps and numbers are unique per file.

        The last change's stamp is read again here, because another connection (or a process,
        before it closed) may have written since this one last looked.
        """
        seq, last = self.conn.execute("SELECT seq, hlc FROM changes ORDER BY seq DESC LIMIT 1").fetchone() or (0, "")
        if last:
            self.clock.observe(last)
        stamp = self.clock.now()
        seq = max(seq, self._numbered_to) + 1
        text = json.dumps(payload, ensure_ascii=False)
        self.conn.execute(
            "INSERT INTO changes (seq, op_id, entity, record_id, kind, payload, hlc, base_rev, schema_version,"
            " created, sent, seal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            (seq, f"{self.device_id}:{seq}", entity, record_id, kind, text,
             stamp, base_rev, SCHEMA_VERSION, datetime.now().isoformat(timespec="seconds"),
             seals.seal(entity, record_id, kind, text, stamp, base_rev)),
        )
        log.info("%s %s %s", kind, entity, record_id)
        return stamp

    def scrub_history(self, entity: str, record_id: str, fields: tuple[str, ...]) -> int:
        """Blank personal fields in the queued and past changes of one record (data-protection erasure)."""
        rows = self._dicts("SELECT * FROM changes WHERE entity = ? AND record_id = ?", (entity, record_id))
        scrubbed = 0
        with self.transaction():
            for row in rows:
                data = json.loads(row["payload"])
                touched = {k: None if k == "birth_year" else "" for k in fields if data.get(k)}
                if touched:
                    text = json.dumps({**data, **touched}, ensure_ascii=False)
                    self.conn.execute("UPDATE changes SET payload = ?, seal = ? WHERE seq = ?",
                                      (text, seals.of_row({**row, "payload": text}), row["seq"]))
                    scrubbed += 1
        return scrubbed

    def pending_changes(self) -> list[dict]:
        return self._dicts("SELECT * FROM changes WHERE sent = 0 ORDER BY seq")

    def recent_changes(self, limit: int) -> list[dict]:
        return self._dicts("SELECT * FROM changes ORDER BY seq DESC LIMIT ?", (limit,))

    def _dicts(self, sql: str, params: tuple = ()) -> list[dict]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def altered_changes(self) -> list[dict]:
        """Queued changes whose seal no longer matches: altered on disk since they were saved."""
        return [row for row in self._dicts("SELECT * FROM changes WHERE sent = 0 ORDER BY seq")
                if row["seal"] != seals.of_row(row)]

    def change_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM changes").fetchone()[0]

    # -- records --------------------------------------------------------------------------------

    def add(self, record):
        """Insert a new record (giving it an id) and queue it for head office."""
        if not record.id:
            record.id = new_id()
        entity = records.entity_of(record)
        row = records.to_row(record)
        with self.transaction():
            stamp = self._log(entity, record.id, "append" if entity in APPEND_ONLY else "create", row, None)
            self._insert(records.table_of(record), {**row, "rev": 1, "hlc": stamp})
        return record

    def _insert(self, table: str, row: dict) -> None:
        columns = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        self.conn.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values()))

    def patch(self, cls: type, record_id: str, **fields):
        """Change some fields of one record; only the changed fields travel to head office."""
        current = self.get(cls, record_id)
        old = records.to_row(current)
        new = {k: records.to_value(v) for k, v in fields.items()}
        unknown = set(new) - set(old)
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        changed = {k: v for k, v in new.items() if old[k] != v}
        if changed:
            table, entity = records.table_of(cls), records.entity_of(cls)
            with self.transaction():
                rev = self.conn.execute(f'SELECT rev FROM "{table}" WHERE id = ?', (record_id,)).fetchone()[0]
                stamp = self._log(entity, record_id, "patch", changed, rev)
                sets = ", ".join(f'"{c}" = ?' for c in changed)
                self.conn.execute(
                    f'UPDATE "{table}" SET {sets}, rev = rev + 1, hlc = ? WHERE id = ?',
                    [*changed.values(), stamp, record_id],
                )
        return self.get(cls, record_id)

    def remove(self, cls: type, record_id: str) -> None:
        """Delete a record and send a tombstone, so other laptops delete it too."""
        self.get(cls, record_id)
        with self.transaction():
            self._log(records.entity_of(cls), record_id, "tombstone", {}, None)
            self.conn.execute(f'DELETE FROM "{records.table_of(cls)}" WHERE id = ?', (record_id,))

    def get(self, cls: type, record_id: str):
        found = self.find(cls, id=record_id)
        if not found:
            raise NotFoundError(f"No {records.entity_of(cls).replace('_', ' ')} with id {record_id}.")
        return found[0]

    def find(self, cls: type, order_by: tuple[str, ...] = (), **equals) -> list:
        """Records whose fields equal the values given (None matches NULL), in order."""
        table = records.table_of(cls)
        where = " AND ".join(f'"{k}" IS ?' for k in equals) or "1"
        order = ", ".join(f'"{c}"' for c in order_by) or "rowid"
        cursor = self.conn.execute(
            f'SELECT * FROM "{table}" WHERE {where} ORDER BY {order}',
            [records.to_value(v) for v in equals.values()],
        )
        names = [d[0] for d in cursor.description]
        return [records.from_row(cls, dict(zip(names, row, strict=True))) for row in cursor]

    def count(self, cls: type, **equals) -> int:
        where = " AND ".join(f'"{k}" IS ?' for k in equals) or "1"
        return self.conn.execute(
            f'SELECT count(*) FROM "{records.table_of(cls)}" WHERE {where}',
            [records.to_value(v) for v in equals.values()],
        ).fetchone()[0]

    def fingerprint(self, cls: type) -> tuple:
        """Changes whenever a record of this kind is added, edited (here or by a sync) or removed, and is
        cheap to read: so a part may keep what it read (the register, for the quorum) until it changes.

        Counting is a scan of the table, so the answer is kept until anything at all is written: by this
        connection (its count of rows changed moves) or by another (SQLite's ``data_version`` moves).
        """
        seen = (self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0])
        known = self._fingerprints.get(cls)
        if known is None or known[0] != seen:
            counted = self.conn.execute(f'SELECT count(*), total(rev), max(hlc) FROM "{records.table_of(cls)}"')
            known = self._fingerprints[cls] = (seen, tuple(counted.fetchone()))
        return known[1]

    # -- constitution history -------------------------------------------------------------------

    def rules_history(self) -> list[tuple[date, model.ConstitutionRules]]:
        rows = self.conn.execute("SELECT effective_from, settings FROM rules ORDER BY effective_from, rowid")
        return [(date.fromisoformat(when), records.rules_from_json(text)) for when, text in rows]

    def add_rules(self, rules: model.ConstitutionRules, effective_from: date) -> None:
        row = {"id": new_id(), "effective_from": effective_from.isoformat(), "settings": records.rules_to_json(rules)}
        with self.transaction():
            stamp = self._log("rules", row["id"], "create", row, None)
            self._insert("rules", {**row, "rev": 1, "hlc": stamp})

    # -- local settings (never synced) ----------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction(local=True):
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def backup_to(self, target: Path) -> Path:
        files.copy_database(self.conn, target)
        return target

    def integrity_ok(self) -> bool:
        return [row[0] for row in self.conn.execute("PRAGMA integrity_check")] == ["ok"]
