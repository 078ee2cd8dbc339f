"""Every problem of issue 18's F8 list gets one plain sentence and no traceback; read-only media can be used.

The tests run as root, who may read and write anything, so a read-only medium or an unreadable file
is met by running Quorum as the unprivileged user ``nobody`` against a folder and file it may not write.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from app import places

ROOT = Path(__file__).resolve().parents[1]
_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _cli(*args, as_nobody=False, file_size_limit=None) -> subprocess.CompletedProcess:
    def limits():
        if file_size_limit is not None:  # the disk fills up part-way through the command
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    env = {**os.environ, "HOME": "/tmp"}
    done = subprocess.run([*(_NOBODY if as_nobody else []), sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=180, preexec_fn=limits, env=env)
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 1, done.stderr
    return done


@pytest.fixture
def shared(demo_master):
    """A folder outside root's private temp folder, so that ``nobody`` can reach it."""
    folder = Path(tempfile.mkdtemp(prefix="quorum-f8-"))
    os.chmod(folder, 0o755)
    path = folder / demo_master.name
    shutil.copy2(demo_master, path)
    yield path
    shutil.rmtree(folder, ignore_errors=True)


def test_a_file_on_a_read_only_medium_can_be_checked_printed_and_exported(shared):
    os.chmod(shared, 0o444)
    os.chmod(shared.parent, 0o555)
    out = Path(tempfile.mkdtemp(prefix="quorum-out-"))
    os.chmod(out, 0o777)
    try:
        check = _cli("check", "--file", str(shared), as_nobody=True)
        assert check.returncode == 0 and "is healthy" in check.stdout
        printed = _cli("print", "agenda", "--file", str(shared), "--out", str(out / "agenda.pdf"), as_nobody=True)
        assert printed.returncode == 0, printed.stderr
        assert (out / "agenda.pdf").read_bytes().startswith(b"%PDF")
        exported = _cli("members", "export", str(out / "members.csv"), "--file", str(shared), as_nobody=True)
        assert exported.returncode == 0, exported.stderr
        assert "Saved" in exported.stdout
        edit = _cli("backup", "--file", str(shared), as_nobody=True)
        assert edit.returncode == 1 and "read-only" in edit.stderr
        assert sorted(os.listdir(shared.parent)) == [shared.name]  # not even a -wal or a lock left
    finally:
        os.chmod(shared.parent, 0o755)
        shutil.rmtree(out, ignore_errors=True)


def test_a_file_quorum_may_not_read_is_named_in_a_sentence(shared):
    os.chmod(shared, 0o000)
    check = _cli("check", "--file", str(shared), as_nobody=True)
    assert check.returncode == 1 and "not allowed to read" in check.stderr
    code = ("import sys\nfrom app.errors import QuorumError\nfrom app.services import AssociationFile\n"
            "try:\n    AssociationFile.open(sys.argv[1])\nexcept QuorumError as e:\n    print(type(e).__name__, e)")
    done = subprocess.run([*_NOBODY, sys.executable, "-c", code, str(shared)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "HOME": "/tmp"})
    assert "not allowed to read" in done.stdout and not done.stderr  # what the app shows in its message box


def test_a_full_disk_during_a_backup_is_one_sentence_and_leaves_no_part_file(shared):
    limit = shared.stat().st_size // 2
    done = _cli("backup", "--file", str(shared), file_size_limit=limit)
    assert done.returncode == 1 and "could not be saved" in done.stderr
    assert not list((shared.parent / "backups").glob("*.part"))


def test_a_removed_memory_stick_is_named_not_a_missing_log(tmp_path):
    done = _cli("check", "--file", str(tmp_path / "stick" / "tra.door.quorum"))
    assert done.returncode == 1 and "None" not in done.stderr
    assert "memory stick" in done.stderr


def test_a_link_that_leads_to_itself_is_called_that(tmp_path):
    loop = tmp_path / "tra.door.quorum"
    loop.symlink_to(loop)
    done = _cli("check", "--file", str(loop))
    assert done.returncode == 1 and "leads back to itself" in done.stderr


def test_a_copied_data_folder_opens_its_own_file(tmp_path):
    original = tmp_path / "original"
    assert _cli("new", "Copy Street TRA", "--data-dir", str(original)).returncode == 0
    copied = tmp_path / "stick"
    shutil.copytree(original, copied)
    assert str(original) not in (copied / places.RECENT).read_text()
    done = _cli("backup", "--data-dir", str(copied))
    assert done.returncode == 0 and str(copied) in done.stdout
    assert not (original / "backups").exists()
