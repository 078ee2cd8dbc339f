"""A rollback journal left by another SQLite tool that crashed mid-write (issue 18, F5)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from app.model import Association
from app.services import AssociationFile
from app.store import files, inspect

CRASH_MID_WRITE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=DELETE")
conn.execute("PRAGMA cache_size=5")  # so the half-done write spills into the file itself
conn.execute("BEGIN")
conn.execute("UPDATE members SET notes = hex(randomblob(300))")
os._exit(0)  # killed before COMMIT: the journal is hot
"""


def _crash_mid_write(path: Path) -> Path:
    subprocess.run([sys.executable, "-c", CRASH_MID_WRITE, str(path)], check=True)
    journal = Path(str(path) + "-journal")
    assert files.hot_journal(path)
    return journal


def _notes(book) -> set:
    return {m.notes for m in book.register.members()}


def test_a_hot_journal_that_belongs_is_recovered_not_called_damage(demo_path):
    with AssociationFile.open(demo_path) as book:
        before = _notes(book)
    journal = _crash_mid_write(demo_path)
    for _ in range(2):  # the read-only look recovers in a copy and leaves both files as they are
        assert inspect(demo_path).members > 100
        assert journal.exists()
    with AssociationFile.open(demo_path) as book:  # opening to write lets SQLite recover the file
        assert _notes(book) == before
    assert not journal.exists()
    kept = [f for f in (demo_path.parent / "backups" / "set-aside").rglob("*") if f.is_file()]
    assert {f.name for f in kept} == {demo_path.name, journal.name}  # both copied aside first
    for _ in range(2):
        assert inspect(demo_path).members > 100


def test_a_journal_that_does_not_belong_is_set_aside(demo_path, tmp_path):
    journal = _crash_mid_write(demo_path)
    other = tmp_path / "other" / "other.quorum"
    with AssociationFile.create(other, Association("Other Street TRA")):
        pass
    stray = Path(str(other) + "-journal")
    shutil.copyfile(journal, stray)
    with AssociationFile.open(other) as book:
        assert book.association().name == "Other Street TRA"
    assert not stray.exists()
    assert any(f.name == stray.name for f in (other.parent / "backups" / "set-aside").rglob("*"))
    assert inspect(other).members == 0
