"""One writer per association file, across real processes; a crashed writer's lock is taken over."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import InUseError, ReadOnlyError
from app.model import Member
from app.services import AssociationFile
from app.store import SCHEMA_VERSION, backups, inspect, lock

ROOT = Path(__file__).resolve().parents[1]
HOLD = """
import sys
from app.model import Member
from app.services import AssociationFile
book = AssociationFile.open(sys.argv[1])
book.register.add_member(Member("Held", "Open"))
print("open", flush=True)
sys.stdin.read()
"""


LOCK_ONLY = """
import sys
from app.store.lock import WriterLock
WriterLock.take(sys.argv[1])
print("open", flush=True)
sys.stdin.read()
"""


def _holder(path: Path, code: str = HOLD) -> subprocess.Popen:
    """Another Quorum with the file open for writing, until its stdin is closed or it is killed."""
    child = subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "open"
    return child


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_a_second_quorum_is_told_who_has_the_file_and_may_only_read(demo_path):
    holder = _holder(demo_path)
    try:
        with pytest.raises(InUseError) as refused:
            AssociationFile.open(demo_path)
        sentence = str(refused.value)
        assert socket.gethostname() in sentence and " since " in sentence and "read-only" in sentence
        backup = _cli("backup", "--file", str(demo_path))
        assert backup.returncode == 1 and "open in another Quorum" in backup.stderr
        assert "Traceback" not in backup.stderr
        check = _cli("check", "--file", str(demo_path))
        assert check.returncode == 0, check.stderr
        with AssociationFile.open(demo_path, read_only=True) as looking:
            assert "Held Open" in {m.name for m in looking.register.members()}  # sees the other's saved edit
            with pytest.raises(ReadOnlyError):
                looking.register.add_member(Member("Never", "Written"))
        with pytest.raises(InUseError):
            backups.restore(demo_path, demo_path)  # restore takes the same lock
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    with AssociationFile.open(demo_path) as book:  # released when the other Quorum closed
        assert "Never Written" not in {m.name for m in book.register.members()}


def test_a_lock_left_by_a_crashed_quorum_is_taken_over(demo_path):
    holder = _holder(demo_path)
    held = json.loads(lock.lock_path(demo_path).read_text())
    assert held["pid"] == holder.pid
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=60)
    assert lock.lock_path(demo_path).exists()  # left behind by the crash
    with AssociationFile.open(demo_path) as book:
        assert json.loads(lock.lock_path(demo_path).read_text())["pid"] == os.getpid()
        assert "Held Open" in {m.name for m in book.register.members()}
        book.register.add_member(Member("After", "Crash"))
    assert not lock.lock_path(demo_path).exists()


def test_one_process_may_open_its_file_twice_but_not_restore_over_it(demo_path):
    with AssociationFile.open(demo_path) as book:
        with AssociationFile.open(demo_path) as background:  # as the app's background sync does
            background.register.add_member(Member("From", "Background"))
        book.register.add_member(Member("From", "Window"))
        assert lock.lock_path(demo_path).exists()  # still held by the first
        with pytest.raises(InUseError, match="close it first"):
            backups.restore(demo_path, book.backup())
    assert not lock.lock_path(demo_path).exists()


def test_an_upgrade_waits_for_the_lock_and_changes_nothing_meanwhile(tmp_path):
    old = tmp_path / "old.quorum"
    shutil.copy(Path(__file__).parent / "fixtures" / "schema-v1.quorum", old)
    holder = _holder(old, LOCK_ONLY)  # another Quorum, about to open it
    try:
        with pytest.raises(InUseError):
            AssociationFile.open(old)
        assert inspect(old).schema_version == 1 and not (tmp_path / "backups").exists()
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    with AssociationFile.open(old) as book:
        assert book.store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_import_is_refused_while_another_quorum_has_the_file(demo_path, tmp_path):
    sheet = tmp_path / "new.csv"
    sheet.write_text("first_name,surname\nNew,Person\n", encoding="utf-8")
    holder = _holder(demo_path)
    try:
        done = _cli("members", "import", str(sheet), "--file", str(demo_path))
        assert done.returncode == 1 and "open in another Quorum" in done.stderr and "locked" not in done.stderr
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
