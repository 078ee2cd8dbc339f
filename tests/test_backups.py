"""Automatic backups: taken with SQLite's online backup, named for their meeting, rotated sensibly."""

from __future__ import annotations

import os
import re
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from app import places
from app.errors import QuorumError
from app.store import backups, inspect


def test_opening_and_closing_a_meeting_take_named_backups(book, members):
    meeting = book.meetings.plan_meeting("general", date(2026, 12, 8), "19:00", "Hall")
    book.meetings.open_meeting(meeting.id, at="18:50")
    book.door.check_in(meeting.id, members[0].id)
    book.meetings.close_meeting(meeting.id)
    found = book.backups()
    assert [b.what for b in found] == ["after the meeting of 8 December 2026", "before the meeting of 8 December 2026"]
    assert all(inspect(b.path).members == 20 for b in found)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d, after the meeting of 8 December 2026 "
                        r"\(\d+\.\d MB\)", found[0].label)


def test_rotation_keeps_a_number_of_each_kind_and_never_the_newest_or_just_made(book):
    meeting_day = "after-meeting-of-2026-11-24"
    for _ in range(12):
        backups.take(book.store, meeting_day)
    for _ in range(12):
        backups.take(book.store, "by-hand")
    found = backups.available(book.path)
    assert [b.kind for b in found].count("meeting") == backups.KEEP["meeting"]
    assert [b.kind for b in found].count("by-hand") == backups.KEEP["by-hand"]
    assert found[0].number == 24 and found[0].reason == "by-hand"  # the newest is never pruned
    numbers = [b.number for b in found]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == len(numbers)


def test_a_frozen_clock_never_overwrites_a_backup(book):
    frozen = datetime(2026, 11, 24, 21, 14, 0)
    made = [backups.take(book.store, "by-hand", now=frozen) for _ in range(11)]
    assert len(set(made)) == 11
    found = backups.available(book.path)
    assert len(found) == backups.KEEP["by-hand"] and found[0].path == made[-1]
    assert all(inspect(b.path).members == 0 for b in found)


def test_a_clock_moved_back_keeps_the_backup_just_made_as_the_newest(book):
    for hour in range(20, 23):
        backups.take(book.store, "by-hand", now=datetime(2026, 11, 24, hour, 0))
    behind = backups.take(book.store, "by-hand", now=datetime(2026, 11, 24, 19, 0))  # clock an hour behind
    for _ in range(backups.KEEP["by-hand"]):
        backups.take(book.store, "by-hand", now=datetime(2026, 11, 24, 23, 0))
    found = backups.available(book.path)
    assert behind.exists() is False  # pruned only by count, once ten newer ones were made
    earlier = backups.take(book.store, "by-hand", now=datetime(2025, 1, 1, 9, 0))  # a year back
    assert backups.available(book.path)[0].path == earlier and earlier.exists()
    assert len(found) == backups.KEEP["by-hand"]


def test_a_backup_is_a_healthy_file_even_while_the_meeting_goes_on(book, members):
    path = book.backup()
    book.register.add_member(members[0].__class__("Late", "Arrival"))
    assert inspect(path).members == 20
    assert time.time() - os.path.getmtime(path) < 60


def _association(folder, name):
    from app.model import Association
    from app.services import AssociationFile

    return AssociationFile.create(folder / places.file_name(name), Association(name))


def test_associations_whose_names_share_a_start_never_share_backups(tmp_path):
    tra, north = _association(tmp_path, "Wellhouse TRA"), _association(tmp_path, "Wellhouse TRA North")
    assert north.path.stem.startswith(tra.path.stem)
    own = tra.backup()
    for _ in range(10):
        north.backup()
    mine = tra.backup()
    assert own.exists() and mine.exists()
    assert {b.path for b in tra.backups()} == {own, mine}
    assert len(north.backups()) == 10 and not {b.path for b in north.backups()} & {own, mine}
    tra.close()
    north.close()
    tra_path = tra.path
    (tmp_path / "wellhouse-tra.door.quorum-marks").unlink(missing_ok=True)  # the damaged file is all there is
    tra_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    good = backups.latest_good(tra_path)
    assert good is not None and good.path == mine
    backups.restore(tra_path, good.path)
    from app.services import AssociationFile

    with AssociationFile.open(tra_path) as back:
        assert back.association().name == "Wellhouse TRA"


def test_a_backup_of_another_association_is_never_restored_over_this_one(tmp_path):
    tra, north = _association(tmp_path, "Wellhouse TRA"), _association(tmp_path, "Wellhouse TRA North")
    theirs = north.backup()
    tra.close()
    north.close()
    with pytest.raises(QuorumError, match="another association"):
        backups.restore(tra.path, theirs)


def test_restoring_the_oldest_backup_keeps_it(book):
    made = [book.backup() for _ in range(backups.KEEP["by-hand"])]
    book.close()
    safety = backups.restore(book.path, made[0])
    assert made[0].exists() and safety.exists()
    assert inspect(book.path).members == 0


def test_backups_are_synced_file_then_folder_before_they_are_reported(book, monkeypatch):
    synced = []
    real_fsync = os.fsync

    def watching(fd):  # a spy: the real fsync still runs
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", watching)
    path = book.backup()
    assert synced[-1] == str(path.parent)  # the folder, after the rename into it
    assert str(path) + ".part" in synced  # the copy, before the rename


def test_restore_sets_aside_a_stale_journal_with_the_file_it_belongs_to(book, members):
    chosen = book.backup()
    book.register.add_member(members[0].__class__("After", "Backup"))
    book.close()
    stale = {kind: Path(str(book.path) + kind) for kind in ("-journal", "-wal", "-shm")}
    stale["-journal"].write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + os.urandom(2000))
    stale["-wal"].write_bytes(os.urandom(100))
    backups.restore(book.path, chosen)
    assert not any(p.exists() for p in stale.values())
    aside = list((book.path.parent / "backups" / "set-aside").iterdir())
    assert any({f.name for f in folder.iterdir()} >= {"test.quorum", "test.quorum-journal", "test.quorum-wal"}
               for folder in aside)
    for _ in range(3):  # healthy now, and still healthy on every later look
        assert inspect(book.path).members == 20
    from app.services import AssociationFile

    with AssociationFile.open(book.path) as back:
        assert len(back.register.members()) == 20
