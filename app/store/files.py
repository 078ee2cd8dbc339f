"""Looking at an association file without changing it, and copying it safely.

Opening is where damage is found, so the first look is always read-only: a truncated,
foreign or newer file is described to the chair and never written to.

A rollback journal left beside the file by another SQLite tool that crashed mid-write is
"hot": the file alone is half-written, and SQLite must play the journal back to recover it.
A read-only look does that in a temporary copy of the pair; opening for writing copies the
pair aside first and then lets SQLite recover the file in place (``settle_journal``). A
journal that does not belong to the file (the copy recovered with it is not a healthy Quorum
file, while the file alone is) is moved aside instead, so it can never be played into the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from app.errors import DamagedFileError, DiskError, NewerFileError, NotFoundError, QuorumError
from app.saving import sync_folder as fsync_folder
from app.store.schema import APPLICATION_ID, SCHEMA_VERSION

HEADER = b"SQLite format 3\x00"
SIDECARS = ("-journal", "-wal", "-shm")


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


def as_it_stands(path: Path) -> sqlite3.Connection:
    """A connection holding the file as it stands now, whatever is written after: an open read
    transaction keeps its moment in SQLite's write-ahead log, so a backup from it is of this moment.
    It may be handed to another thread (to copy there); close it to let the moment go."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=rw", uri=True, isolation_level=None,
                               check_same_thread=False)  # never makes an empty file where the file has gone
    except sqlite3.Error as error:
        raise _not_copied(path) from error
    try:
        conn.execute("PRAGMA query_only=1")
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read, and its moment, begin here
    except sqlite3.Error as error:
        conn.close()
        raise _not_copied(path) from error
    return conn


def _not_copied(path: Path) -> DiskError:
    return DiskError(f"Quorum could not read {path.name} to back it up: it may have been moved, or its memory "
                     "stick taken out. Nothing was changed.")


def _damaged(path: Path) -> DamagedFileError:
    return DamagedFileError(f"The file {path.name} is damaged or is not a Quorum association file.")


def sidecar(path: Path, kind: str) -> Path:
    return Path(str(path) + kind)


def must_be_readable(path: Path) -> None:
    """Raise one plain sentence when ``path`` is not a file Quorum can read, saying why."""
    try:
        os.stat(path)
    except OSError as error:
        raise unreadable(path, error) from None
    if not path.is_file():
        raise NotFoundError(f"{path} is a folder, not an association file.")
    try:
        with path.open("rb"):
            pass
    except OSError as error:
        raise unreadable(path, error) from None


def unreadable(path: Path, error: OSError) -> QuorumError:
    """The sentence for an operating-system refusal to read ``path``."""
    if error.errno == errno.ELOOP:
        return NotFoundError(f"{path.name} is a shortcut (link) that leads back to itself, so there is no file "
                             "to open; open the association file itself.")
    if error.errno in (errno.EACCES, errno.EPERM):
        return QuorumError(f"Quorum is not allowed to read {path.name}; ask whoever looks after this computer "
                           "to give you access to it.")
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        if not path.parent.exists():
            return NotFoundError(f"The folder {path.parent} is not there; if the association is on a memory "
                                 "stick, put the stick back in and try again.")
        return NotFoundError(f"There is no association file at {path}.")
    return DiskError(f"The disk or memory stick holding {path.name} is not answering; if it is a memory stick, "
                     "put it back in and try again.")


def hot_journal(path: Path) -> bool:
    """True when a rollback journal that SQLite would play back sits beside the file."""
    journal = sidecar(path, "-journal")
    try:
        with journal.open("rb") as handle:
            return handle.read(1) not in (b"", b"\x00")
    except OSError:
        return False


@contextlib.contextmanager
def recovered_copy(path: Path) -> Iterator[Path]:
    """A temporary copy of the file and its hot journal, recovered by SQLite; the originals are untouched."""
    with tempfile.TemporaryDirectory(prefix="quorum-recovery-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(sidecar(path, "-journal"), sidecar(copy, "-journal"))
        conn = sqlite3.connect(str(copy))
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # reading plays the journal back
        except sqlite3.DatabaseError:
            pass
        finally:
            conn.close()
        yield copy


def inspect(path: Path) -> FileReport:
    """Check a file is a healthy Quorum file this version can open; raise a plain error if not."""
    path = Path(path)
    must_be_readable(path)
    if hot_journal(path):
        with recovered_copy(path) as copy:
            return replace(_inspect_alone(copy), path=path)
    return _inspect_alone(path)


def _inspect_alone(path: Path) -> FileReport:
    try:
        with path.open("rb") as handle:
            if handle.read(len(HEADER)) != HEADER:
                raise _damaged(path)
        conn = read_only(path)
        try:
            return _inspect_open(path, conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise _damaged(path) from error
    except OSError as error:
        raise unreadable(path, error) from None


def healthy(path: Path) -> bool:
    try:
        _inspect_alone(path)
    except QuorumError:
        return False
    return True


def settle_journal(path: Path, aside: Path) -> str | None:
    """Deal with a hot journal before opening for writing; says what was done, or None if nothing.

    Both files are copied aside first, so whatever SQLite does next can be undone by hand.
    """
    if not hot_journal(path):
        return None
    kept = set_aside(path, aside, move=False)
    with recovered_copy(path) as copy:
        belongs = healthy(copy)
    if belongs:
        conn = sqlite3.connect(str(path))
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
        return f"recovered, with the unrecovered pair kept in {kept}"
    if healthy(path):
        sidecar(path, "-journal").unlink(missing_ok=True)
        return f"a journal that did not belong to it was moved to {kept}"
    return None


def set_aside(path: Path, folder: Path, move: bool = True) -> Path:
    """Put the file and its -journal/-wal/-shm together in a new folder under ``folder``.

    The main file is linked (or copied) there, never moved: it stays in place until something
    replaces it whole. The journal files are moved when ``move``, so SQLite cannot play them
    into whatever file is put at the path next.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{stamp}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}-{stamp}-{n}"
    target.mkdir(parents=True)
    if path.exists():
        try:
            os.link(path, target / path.name)
        except OSError:  # FAT memory sticks have no links
            shutil.copy2(path, target / path.name)
    for kind in SIDECARS:
        found = sidecar(path, kind)
        if not found.exists():
            continue
        if move:
            os.replace(found, target / found.name)
        else:
            shutil.copy2(found, target / found.name)
    for name in os.listdir(target):
        _fsync_file(target / name)
    fsync_folder(target)
    fsync_folder(folder)
    if move:
        fsync_folder(path.parent)
    return target


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def identity(path: Path) -> tuple[int, int]:
    """(device, inode): the same pair means the same file, even after a rename elsewhere."""
    found = os.stat(path)
    return found.st_dev, found.st_ino


def load_into_memory(path: Path) -> sqlite3.Connection:
    """The whole file in a connection of its own, for reading (and upgrading) without writing to it."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    with contextlib.ExitStack() as stack:
        source_path = stack.enter_context(recovered_copy(path)) if hot_journal(path) else path
        source = read_only(source_path)
        try:
            source.backup(memory)
        finally:
            source.close()
    return memory


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


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) so that it survives a power cut."""
    if folder.is_dir():
        return
    make_folder(folder.parent)
    folder.mkdir(exist_ok=True)
    fsync_folder(folder.parent)


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy a live database with SQLite's online backup, into a temp file first, then rename.

    The copy and the rename are synced to disk (file, then folder) before this returns, so a
    power cut after "saved" still finds the copy. A crash or full disk part-way leaves the old
    target (or nothing) in place, never half a copy, and no ``.part`` file behind.
    """
    tmp = target.with_name(target.name + ".part")
    try:
        make_folder(target.parent)
        tmp.unlink(missing_ok=True)
        dest = sqlite3.connect(str(tmp))
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        _fsync_file(tmp)
        tmp.replace(target)
        fsync_folder(target.parent)
    except (sqlite3.Error, OSError) as error:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise DiskError(f"{target.name} could not be saved in {target.parent}: the disk may be full or "
                        "cannot be written to. Nothing else was changed.") from error
