"""Damaged, truncated and foreign files: one plain sentence, and the file left untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest

from app.errors import DamagedFileError, NotFoundError
from app.store import Store, inspect


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _truncated(source, target):
    target.write_bytes(source.read_bytes()[: source.stat().st_size // 3])


def _random_bytes(source, target):
    target.write_bytes(os.urandom(40_000))


def _empty(source, target):
    target.write_bytes(b"")


def _other_sqlite(source, target):
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()


def _scribbled(source, target):
    data = bytearray(source.read_bytes())
    data[8192:12288] = os.urandom(4096)  # a page in the middle overwritten
    target.write_bytes(bytes(data))


def _text_file(source, target):
    target.write_text("First name,Surname\nEwan,Brown\n", encoding="utf-8")


@pytest.mark.parametrize("damage", [_truncated, _random_bytes, _empty, _other_sqlite, _scribbled, _text_file])
def test_damaged_file_is_reported_and_never_written(demo_path, tmp_path, damage):
    target = tmp_path / "damaged.quorum"
    damage(demo_path, target)
    before = _digest(target)
    with pytest.raises(DamagedFileError, match=r"^The file damaged.quorum is damaged or is not a Quorum"):
        Store.open(target)
    assert _digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.quorum", "data"]


def test_missing_file_is_named(tmp_path):
    with pytest.raises(NotFoundError, match="There is no association file at"):
        inspect(tmp_path / "nowhere.quorum")


def test_healthy_file_reports_its_contents(demo_path):
    report = inspect(demo_path)
    assert report.members == 119
    assert report.meetings == 12
