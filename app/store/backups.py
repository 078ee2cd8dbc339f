"""Automatic and on-demand copies of an association file, and putting one back.

Backups sit in a ``backups`` folder beside the association file, where a chair (or whoever
helps them) can find them. Rotation keeps the last ten plus the newest of every month.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.errors import DamagedFileError, NewerFileError, QuorumError
from app.places import backups_dir
from app.store import files
from app.store.store import Store
from app.words import long_date

KEEP_LAST = 10
MEETING_DAY = re.compile(r"-of-(\d{4}-\d{2}-\d{2})$")
STAMP = re.compile(r"-(\d{8}-\d{6})(?:-\d+)?-([a-z0-9-]+)$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    reason: str
    size: int

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


def take(store: Store, reason: str) -> Path:
    """Copy the open file with SQLite's online backup, then prune old copies."""
    target = Store._backup_path(store.path, reason)
    store.backup_to(target)
    prune(store.path)
    return target


def available(association_path: Path) -> list[Backup]:
    """Backups of this association, newest first."""
    folder = backups_dir(association_path)
    found = []
    for path in folder.glob(f"{association_path.stem}-*{association_path.suffix}"):
        match = STAMP.search(path.stem[len(association_path.stem):])
        if match:
            taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            found.append(Backup(path, taken, match.group(2), path.stat().st_size))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def prune(association_path: Path) -> None:
    backups = available(association_path)
    keep = {b.path for b in backups[:KEEP_LAST]}
    months: set[str] = set()
    for backup in backups:
        month = f"{backup.taken:%Y-%m}"
        if month not in months:
            months.add(month)
            keep.add(backup.path)
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)


def _keep_current(association_path: Path) -> Path:
    """Back up the file about to be replaced; a damaged one is set aside untouched instead."""
    try:
        current = Store.open(association_path)
    except (DamagedFileError, NewerFileError):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = backups_dir(association_path) / f"{association_path.stem}-{stamp}-set-aside{association_path.suffix}"
        aside.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(association_path, aside)
        return aside
    try:
        return take(current, "before-restore")
    finally:
        current.close()


def latest_good(association_path: Path) -> Backup | None:
    """The newest backup that is healthy and this Quorum can open, to offer when the file is damaged."""
    for backup in available(association_path):
        try:
            files.inspect(backup.path)
        except QuorumError:
            continue
        return backup
    return None


def restore(association_path: Path, backup_file: Path) -> Path:
    """Put a backup in place of the association file, backing up the current file first.

    Returns the safety copy of the file that was replaced (if there was one).
    """
    files.inspect(backup_file)
    safety = None
    if association_path.exists():
        safety = _keep_current(association_path)
    source = files.read_only(backup_file)
    try:
        files.copy_database(source, association_path.with_name(association_path.name + ".restoring"))
    finally:
        source.close()
    for leftover in ("-wal", "-shm"):
        Path(str(association_path) + leftover).unlink(missing_ok=True)
    os.replace(association_path.with_name(association_path.name + ".restoring"), association_path)
    return safety
