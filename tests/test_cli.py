"""The command line: plain messages, one clear sentence and a non-zero exit on error."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def quorum(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QUORUM_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def test_new_then_check(tmp_path):
    made = quorum("new", "Govan Tenants' Association", data_dir=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Created Govan Tenants' Association in ")
    assert (tmp_path / "govan-tenants-association.quorum").exists()
    checked = quorum("check", data_dir=tmp_path)
    assert checked.returncode == 0
    assert "is healthy: 0 members, 0 meetings" in checked.stdout


def test_demo_only_when_there_is_no_data(tmp_path):
    first = quorum("demo", "--if-no-data", data_dir=tmp_path)
    assert "Created the demo association" in first.stdout
    again = quorum("demo", "--if-no-data", data_dir=tmp_path)
    assert again.returncode == 0 and again.stdout == ""
    assert len(list(tmp_path.glob("*.quorum"))) == 1


def test_check_without_any_association_says_what_to_do(tmp_path):
    result = quorum("check", data_dir=tmp_path)
    assert result.returncode == 1
    assert "create one with “new NAME”" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_on_damaged_file_is_one_sentence_and_changes_nothing(demo_path, tmp_path):
    damaged = tmp_path / "half.quorum"
    damaged.write_bytes(demo_path.read_bytes()[:20000])
    digest = hashlib.sha256(damaged.read_bytes()).hexdigest()
    result = quorum("check", "--file", str(damaged), data_dir=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "The file half.quorum is damaged or is not a Quorum association file."
    assert result.stdout == ""
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == digest


def test_check_on_random_bytes(tmp_path):
    junk = tmp_path / "junk.quorum"
    junk.write_bytes(os.urandom(10000))
    result = quorum("check", "--file", str(junk), data_dir=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "damaged" in result.stderr


def test_backup_and_restore(demo_path):
    data = demo_path.parent
    taken = quorum("backup", "--file", str(demo_path), data_dir=data)
    assert taken.returncode == 0, taken.stderr
    backup = Path(taken.stdout.strip().removeprefix("Backup saved to ").rstrip("."))
    assert backup.parent == data / "backups" and backup.exists()
    quorum("new", "Other", "--file", str(data / "other.quorum"), data_dir=data)
    restored = quorum("restore", str(backup), "--file", str(demo_path), data_dir=data)
    assert restored.returncode == 0, restored.stderr
    assert "The file it replaced was kept as" in restored.stdout
    assert "119 members" in quorum("check", "--file", str(demo_path), data_dir=data).stdout
    listed = quorum("backups", "--file", str(demo_path), data_dir=data)
    assert "by hand" in listed.stdout and "before restore" in listed.stdout


def test_restore_refuses_a_damaged_backup(demo_path, tmp_path):
    bad = tmp_path / "bad.quorum"
    bad.write_bytes(b"not a database at all")
    before = demo_path.read_bytes()
    result = quorum("restore", str(bad), "--file", str(demo_path), data_dir=tmp_path)
    assert result.returncode == 1
    assert "bad.quorum is damaged" in result.stderr
    assert demo_path.read_bytes() == before


def test_restore_over_a_damaged_file_sets_the_damaged_one_aside(demo_path):
    data = demo_path.parent
    taken = quorum("backup", "--file", str(demo_path), data_dir=data)
    backup = Path(taken.stdout.strip().removeprefix("Backup saved to ").rstrip("."))
    damaged_bytes = demo_path.read_bytes()[:30000]
    demo_path.write_bytes(damaged_bytes)
    for leftover in ("-wal", "-shm"):
        Path(str(demo_path) + leftover).unlink(missing_ok=True)
    assert quorum("check", "--file", str(demo_path), data_dir=data).returncode == 1
    restored = quorum("restore", str(backup), "--file", str(demo_path), data_dir=data)
    assert restored.returncode == 0, restored.stderr
    aside = list((data / "backups").glob("*-set-aside.quorum"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes
    assert "119 members" in quorum("check", "--file", str(demo_path), data_dir=data).stdout
