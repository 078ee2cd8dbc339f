"""Looking at an association file without changing it, and copying it safely.

Opening is where damage is found, so the first look is always read-only: a truncated,
foreign or newer file is described to the chair and never written to.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from app.errors import DamagedFileError, NewerFileError, NotFoundError
from app.store.schema import APPLICATION_ID, SCHEMA_VERSION

HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileReport:
    path: Path
    schema_version: int
    members: int
    meetings: int


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, and leaves no -wal/-shm files behind when there were none.

    With no write-ahead log beside the file there is nothing to replay, so SQLite may treat the
    file as immutable; with one (after a crash), the log must be read to see the latest edits.
    """
    wal = Path(str(path) + "-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"file:{quote(str(path))}?{flags}", uri=True, isolation_level=None)


def association_name(path: Path) -> str | None:
    """The association's name, for the window shown before the rest of Quorum has loaded.

    Plain sqlite3 and read-only; None when the file cannot be read this way, and opening it
    properly (``inspect``, then the store) says what is wrong.
    """
    try:
        conn = read_only(Path(path))
        try:
            row = conn.execute("SELECT name FROM associations ORDER BY rowid LIMIT 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row and row[0] else None


def _damaged(path: Path) -> DamagedFileError:
    return DamagedFileError(f"The file {path.name} is damaged or is not a Quorum association file.")


def inspect(path: Path) -> FileReport:
    """Check a file is a healthy Quorum file this version can open; raise a plain error if not."""
    path = Path(path)
    if not path.is_file():
        raise NotFoundError(f"There is no association file at {path}.")
    with path.open("rb") as handle:
        if handle.read(len(HEADER)) != HEADER:
            raise _damaged(path)
    try:
        conn = read_only(path)
        try:
            return _inspect_open(path, conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise _damaged(path) from error


def _inspect_open(path: Path, conn: sqlite3.Connection) -> FileReport:
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise _damaged(path)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerFileError(
            f"The file {path.name} was saved by a newer version of Quorum; please update Quorum to open it."
        )
    problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"] or conn.execute("PRAGMA foreign_key_check").fetchone():
        raise _damaged(path)
    members = conn.execute("SELECT count(*) FROM members WHERE \"left\" IS NULL").fetchone()[0]
    meetings = conn.execute("SELECT count(*) FROM meetings").fetchone()[0]
    return FileReport(path, version, members, meetings)


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy a live database with SQLite's online backup, into a temp file first, then rename.

    A crash or full disk part-way leaves the old target (or nothing) in place, never half a copy.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    dest = sqlite3.connect(str(tmp))
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    tmp.replace(target)
