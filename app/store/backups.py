"""Automatic and on-demand copies of an association file, and putting one back.

Backups sit in a ``backups`` folder beside the association file, where a chair (or whoever
helps them) can find them, named like
``wellhouse-tra--3f9a1c2b7d4e--00012--20261124-211400--after-meeting-of-2026-11-24.quorum``:
the file's name, the association's id (its last twelve hex digits), a running number, when,
and why. The running number, not the clock, orders them, so a laptop clock that is wrong,
frozen or moved back can neither overwrite a backup nor prune the one just taken. Backups are
matched to an association on its id, so ``wellhouse-tra`` never sees ``wellhouse-tra-north``'s.

Rotation keeps a number of each kind (``KEEP``) and never removes the newest, the one just
made, or the one being restored; a damaged file set aside is never removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.errors import DamagedFileError, NewerFileError, QuorumError
from app.places import backups_dir
from app.saving import save_bytes
from app.store import files, marks
from app.store.lock import WriterLock
from app.words import long_date

KEEP = {"meeting": 10, "by-hand": 10, "before-restore": 5, "before-upgrade": 3, "other": 10}
MEETING_DAY = re.compile(r"-of-(\d{4}-\d{2}-\d{2})$")
NAME = re.compile(r"(?P<stem>.+)--(?P<key>[0-9a-f]{12})--(?P<n>\d{5,})--(?P<stamp>\d{8}-\d{6})--(?P<reason>[a-z0-9-]+)")
OLD_NAME = re.compile(r"-(?P<stamp>\d{8}-\d{6})(?:-\d+)?-(?P<reason>[a-z0-9-]+)")  # before issue 18


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    reason: str
    size: int
    number: int = 0  # the running number; 0 for backups named before numbering

    @property
    def label(self) -> str:
        """'24 November 2026 at 21:14, after the meeting of 24 November 2026 (1.2 MB)'."""
        when = f"{long_date(self.taken.date())} at {self.taken:%H:%M}"
        return f"{when}, {self.what} ({self.size / 1_000_000:.1f} MB)"

    @property
    def what(self) -> str:
        """The reason in words: 'before the meeting of 15 December 2026', 'taken by hand'."""
        found = MEETING_DAY.search(self.reason)
        words = MEETING_DAY.sub("", self.reason).replace("-", " ")
        if found:
            words += f" of {long_date(date.fromisoformat(found.group(1)))}"
        return words.replace("meeting of", "the meeting of")

    @property
    def kind(self) -> str:
        if self.reason.startswith(("before-meeting", "after-meeting")):
            return "meeting"
        if self.reason.startswith("before-upgrade"):
            return "before-upgrade"
        return self.reason if self.reason in KEEP or self.reason == "set-aside" else "other"


def key_of(association_id: str) -> str:
    """The part of the association's id written into backup names: its random last twelve hex digits."""
    return association_id.replace("-", "").lower()[-12:].rjust(12, "0")


def association_key(association_path: Path) -> str | None:
    """The association's key, read from the file if it can be, else from the marks kept beside it."""
    try:
        conn = files.read_only(association_path)
        try:
            row = conn.execute("SELECT id FROM associations ORDER BY rowid LIMIT 1").fetchone()
        finally:
            conn.close()
        if row:
            return key_of(row[0])
    except sqlite3.Error:
        pass
    return marks.association_key(association_path)


def new_path(association_path: Path, key: str, reason: str, now: datetime | None = None) -> Path:
    """A name no other backup has: the next running number, bumped past any file already there."""
    folder = backups_dir(association_path)
    number = max((b.number for b in available(association_path, key)), default=0) + 1
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    while True:
        path = folder / f"{association_path.stem}--{key}--{number:05d}--{stamp}--{reason}{association_path.suffix}"
        if not path.exists() and not path.with_name(path.name + ".part").exists():
            return path
        number += 1


def take(store, reason: str, now: datetime | None = None) -> Path:
    """Copy the open file with SQLite's online backup, durably, then prune old copies."""
    store.backed_up()  # one begun earlier (before a meeting) first: numbers and pruning stay in order
    target = new_path(store.path, store.association_key(), reason, now)
    store.backup_to(target)
    prune(store.path, keep=(target,), key=store.association_key())
    return target


def begin(store, reason: str, now: datetime | None = None) -> Pending:
    """Start a backup of the file as it stands now, copied on a worker thread while the chair goes on."""
    store.backed_up()
    key = store.association_key()
    return Pending(store.path, key, new_path(store.path, key, reason, now))


class Pending:
    """A backup being copied on a worker thread, of the file as it stood when it began.

    The moment is held by a read transaction begun here, on the caller's thread, before anything
    more is written; in SQLite's write-ahead log the chair's connection writes on meanwhile, and the
    copy still shows the moment. A 38 MB file takes half a second to copy and sync on an old laptop,
    which the chair need not wait for. Whoever must have the backup on disk first calls ``wait``
    (the store does, before the next change is written: see ``Store.backing_up``).

    The copy starts ``COPY_AFTER_S`` later, or as soon as someone waits for it: its 38 MB of disk
    writes would otherwise share the disk and the processor with the console opening (the meeting's
    own commit waiting behind them), and the moment copied is held all the same.
    """

    COPY_AFTER_S = 1.0

    def __init__(self, association_path: Path, key: str, target: Path) -> None:
        self.path = target
        self._association, self._key = association_path, key
        self._failed: BaseException | None = None
        source = files.as_it_stands(association_path)
        self._now = threading.Event()
        self._worker = threading.Thread(target=self._on_worker, args=(source,), name="backup", daemon=False)
        self._worker.start()

    def _on_worker(self, source: sqlite3.Connection) -> None:
        self._now.wait(self.COPY_AFTER_S)
        try:
            self._copy(source)
        except BaseException as error:  # kept for ``wait``, which tries again where it can be reported
            self._failed = error

    def _copy(self, source: sqlite3.Connection) -> None:
        try:
            files.copy_database(source, self.path)
        finally:
            source.close()
        prune(self._association, keep=(self.path,), key=self._key)

    def wait(self) -> Path:
        """The backup, once it is on disk. Should the worker's copy have failed (a full disk), it is made
        again here, of the file as it stands, so the chair hears why; ``DiskError`` if it fails again."""
        self._now.set()
        self._worker.join()
        if self._failed is not None:
            self._copy(files.as_it_stands(self._association))
            self._failed = None
        return self.path

    def finish(self) -> None:
        """Let the worker's copy end, without trying again (the file is being closed)."""
        self._now.set()
        self._worker.join()


def available(association_path: Path, key: str | None = None) -> list[Backup]:
    """Backups of this association, newest (highest number) first."""
    association_path = Path(association_path)
    key = key or association_key(association_path)
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(backups_dir(association_path)):
            backup = _parse(Path(entry.path), association_path, key)
            if backup is not None:
                found.append(backup)
    return sorted(found, key=lambda b: (b.number, b.taken, b.path.name), reverse=True)


def _parse(path: Path, association_path: Path, key: str | None) -> Backup | None:
    if path.suffix != association_path.suffix:
        return None
    name = path.name[: -len(path.suffix)]
    match = NAME.fullmatch(name)
    if match:
        mine = match["key"] == key if key else match["stem"] == association_path.stem
        number = int(match["n"])
    else:
        match = OLD_NAME.fullmatch(name.removeprefix(association_path.stem))
        mine, number = bool(match) and name.startswith(association_path.stem), 0
    if not mine or match is None:
        return None
    try:
        taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
        return Backup(path, taken, match["reason"], path.stat().st_size, number)
    except (OSError, ValueError):
        return None


def prune(association_path: Path, keep: Iterable[Path] = (), key: str | None = None) -> None:
    """Keep ``KEEP[kind]`` of each kind, the newest of all, and whatever is in ``keep``."""
    found = available(association_path, key)
    kept = {Path(p) for p in keep} | {b.path for b in found[:1]}
    counts: dict[str, int] = {}
    for backup in found:  # newest first
        counts[backup.kind] = counts.get(backup.kind, 0) + 1
        if backup.kind == "set-aside" or counts[backup.kind] <= KEEP[backup.kind]:
            kept.add(backup.path)
    for backup in found:
        if backup.path not in kept:
            backup.path.unlink(missing_ok=True)


def latest_good(association_path: Path) -> Backup | None:
    """The newest backup that is healthy and this Quorum can open, to offer when the file is damaged."""
    for backup in available(association_path):
        try:
            files.inspect(backup.path)
        except QuorumError:
            continue
        return backup
    return None


def restore(association_path: Path, backup_file: Path, now: datetime | None = None) -> Path | None:
    """Put a backup in place of the association file, backing up the current file first.

    Holds the file's writer lock throughout, so no Quorum has it open meanwhile. The backup is
    copied before anything is pruned, the replaced file goes aside with its -journal, -wal and
    -shm, and the restored file carries on numbering changes after the highest number the
    replaced one used. Returns the safety copy of the file that was replaced (if there was one).
    """
    association_path, backup_file = Path(association_path), Path(backup_file)
    lock = WriterLock.take(association_path, exclusive=True)
    try:
        files.inspect(backup_file)
        incoming = association_key(backup_file)
        if association_path.exists():
            _same_association(association_path, backup_file, incoming)
        staged = association_path.with_name(association_path.name + ".restoring")
        source = files.read_only(backup_file)
        try:
            files.copy_database(source, staged)
        finally:
            source.close()
        safety, numbered = None, dict[str, int]()
        if association_path.exists():
            safety, numbered = _keep_current(association_path, incoming, protect=(backup_file,), now=now)
            files.set_aside(association_path, backups_dir(association_path) / "set-aside")
        _carry_numbering(staged, association_path, incoming, numbered)
        os.replace(staged, association_path)
        files.fsync_folder(association_path.parent)
        return safety
    finally:
        lock.release()


def _same_association(association_path: Path, backup_file: Path, incoming: str | None) -> None:
    current = association_key(association_path)
    if current and incoming and current != incoming:
        raise QuorumError(f"{backup_file.name} is a backup of another association, not of "
                          f"{association_path.name}; nothing was changed.")


def _keep_current(association_path: Path, key: str | None, protect: tuple[Path, ...],
                  now: datetime | None) -> tuple[Path, dict[str, int]]:
    """Back up the file about to be replaced; a damaged one is set aside untouched instead.

    Returns the copy and the highest change number per device the replaced file had used.
    """
    files.settle_journal(association_path, backups_dir(association_path) / "set-aside")
    try:
        files.inspect(association_path)
    except (DamagedFileError, NewerFileError):
        aside = new_path(association_path, key or "0" * 12, "set-aside", now)
        files.make_folder(aside.parent)
        save_bytes(aside, association_path.read_bytes())  # byte for byte: a damaged file is never opened
        return aside, {}
    conn = sqlite3.connect(str(association_path), isolation_level=None)
    try:
        own_key = association_key(association_path) or key or "0" * 12
        target = new_path(association_path, own_key, "before-restore", now)
        files.copy_database(conn, target)
        device = conn.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()
        top = conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    prune(association_path, keep=(target, *protect), key=own_key)
    return target, ({device[0]: top} if device else {})


def _carry_numbering(staged: Path, association_path: Path, key: str | None, numbered: dict[str, int]) -> None:
    """Make the restored file number its next change after every number used before it."""
    conn = sqlite3.connect(str(staged), isolation_level=None)
    try:
        device = conn.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0]
        top = max(numbered.get(device, 0), marks.numbered(association_path, device))
        conn.execute("INSERT INTO settings (key, value) VALUES ('numbered_to', ?)"
                     " ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER), excluded.value)",
                     (str(top),))
    finally:
        conn.close()
    marks.note(association_path, key, device, top)
