"""The backup before a meeting is copied on a worker thread, of the file as it stood, and the
meeting's first change is never written before that backup is on disk.

The worker's copy is held back in these tests (it waits for an event before the real copy runs),
so what the chair does meanwhile is seen without any timing.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import date

import pytest

from app import model
from app.errors import DiskError
from app.services import AssociationFile
from app.store import backups, files, inspect

FAILURE = DiskError("backup.quorum could not be saved: the disk may be full.")


@pytest.fixture
def held(monkeypatch):
    """The worker's copy waits for ``held.set()``; then the real copy runs."""
    release = threading.Event()
    copy = files.copy_database

    def copy_when_released(source, target):
        if threading.current_thread().name == "backup":
            assert release.wait(60), "the test never let the backup go"
        copy(source, target)

    monkeypatch.setattr(files, "copy_database", copy_when_released)
    return release


@pytest.fixture
def meeting(book, members):
    return book.meetings.plan_meeting("general", date(2026, 12, 8), "19:00", "Hall")


def attendance_in_file(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM attendance").fetchone()[0]
    finally:
        conn.close()


def test_the_backup_is_of_the_file_as_it_stood_before_the_meeting_opened(book, meeting, held):
    book.meetings.open_meeting(meeting.id, at="18:50")  # returns while the copy is held back
    assert book.meetings.meeting(meeting.id).status == "open"
    assert not [b for b in backups.available(book.path) if b.what.startswith("before")]
    held.set()
    [backup] = book.backups()  # once it is there
    assert backup.what == "before the meeting of 8 December 2026"
    assert inspect(backup.path).members == 20  # a complete, healthy Quorum file
    with AssociationFile.open(backup.path, read_only=True) as copy:
        assert copy.store.integrity_ok()
        assert copy.meetings.meeting(meeting.id).status == "draft"  # as it stood: before the opening
        assert len(copy.register.members()) == 20


def test_the_meetings_first_change_waits_until_its_backup_is_on_disk(book, members, meeting, held, monkeypatch):
    book.meetings.open_meeting(meeting.id, at="18:50")
    waiting = threading.Event()
    wait = backups.Pending.wait

    def noting(pending):
        waiting.set()
        return wait(pending)

    monkeypatch.setattr(backups.Pending, "wait", noting)
    chair = threading.Thread(target=book.door.check_in, args=(meeting.id, members[0].id, "19:01"))
    chair.start()  # the chair checks someone in before the copy is done
    assert waiting.wait(60)
    assert attendance_in_file(book.path) == 0  # not written: the check-in waits for the backup
    held.set()
    chair.join(60)
    assert attendance_in_file(book.path) == 1
    [backup] = backups.available(book.path)
    assert inspect(backup.path).members == 20
    with AssociationFile.open(backup.path, read_only=True) as copy:
        assert copy.door.attendance(meeting.id) == []


def test_a_check_in_after_the_backup_is_done_does_not_wait(book, members, meeting, monkeypatch):
    book.meetings.open_meeting(meeting.id, at="18:50")
    book.backups()  # the copy is done
    monkeypatch.setattr(backups.Pending, "wait", lambda pending: pytest.fail("waited for a finished backup"))
    book.door.check_in(meeting.id, members[0].id, at="19:01")
    assert len(book.door.attendance(meeting.id)) == 1


def test_the_copy_starts_a_moment_after_the_opening_or_at_once_when_it_is_wanted(book, members, meeting,
                                                                               monkeypatch):
    """Not while the console opens (its writes would share the disk with it), and never later than the
    first change: waiting for the backup starts the copy then and there."""
    monkeypatch.setattr(backups.Pending, "COPY_AFTER_S", 600)
    started = []
    copy = files.copy_database
    monkeypatch.setattr(files, "copy_database", lambda source, target: (started.append(target), copy(source, target)))
    book.meetings.open_meeting(meeting.id, at="18:50")
    assert started == []
    book.door.check_in(meeting.id, members[0].id, at="19:01")  # would wait ten minutes were it not started now
    [backup] = [b for b in book.backups() if b.what.startswith("before")]
    assert started == [backup.path]
    assert attendance_in_file(backup.path) == 0 and attendance_in_file(book.path) == 1


def test_a_backup_that_failed_on_the_worker_is_made_again_before_the_first_change(book, members, meeting,
                                                                                    monkeypatch):
    real_copy = files.copy_database
    failing = {"backup", "MainThread"}

    def disk_full_for(source, target):
        if threading.current_thread().name in failing:
            raise FAILURE
        real_copy(source, target)

    monkeypatch.setattr(files, "copy_database", disk_full_for)
    book.meetings.open_meeting(meeting.id, at="18:50")  # the worker's copy fails
    with pytest.raises(DiskError, match="disk may be full"):
        book.door.check_in(meeting.id, members[0].id, at="19:01")  # and again here: refused, nothing written
    assert attendance_in_file(book.path) == 0
    failing.clear()  # the chair frees some space
    book.door.check_in(meeting.id, members[0].id, at="19:02")
    assert attendance_in_file(book.path) == 1
    [backup] = backups.available(book.path)
    assert inspect(backup.path).members == 20
    with AssociationFile.open(backup.path, read_only=True) as copy:
        assert copy.door.attendance(meeting.id) == []


def test_closing_the_file_lets_the_backup_finish(book, meeting, held):
    book.meetings.open_meeting(meeting.id, at="18:50")
    held.set()
    book.close()
    [backup] = backups.available(book.path)
    assert inspect(backup.path).members == 20
    assert not list(backup.path.parent.glob("*.part"))


def test_a_meeting_opened_without_a_backup_waits_for_nothing(book, members, meeting):
    book.meetings.open_meeting(meeting.id, backup=False, at="18:50")
    book.door.check_in(meeting.id, members[0].id, at="19:01")
    assert backups.available(book.path) == []
    assert [a.kind for a in book.store.find(model.Attendance)] == ["present"]


def test_going_back_to_a_meeting_whose_backup_was_never_copied_makes_it_first(book, members, meeting, monkeypatch):
    """Quorum stopped while the copy was being made: the meeting is open, its backup is not there."""
    real_copy = files.copy_database

    def stopped_on_the_worker(source, target):
        if threading.current_thread().name == "backup":
            raise FAILURE
        real_copy(source, target)

    monkeypatch.setattr(files, "copy_database", stopped_on_the_worker)
    book.meetings.open_meeting(meeting.id, at="18:50")
    book.close()  # without trying the copy again
    assert backups.available(book.path) == []
    monkeypatch.setattr(files, "copy_database", real_copy)
    with AssociationFile.open(book.path) as again:
        assert again.meetings.open_meeting(meeting.id).entities == frozenset()  # back to it: nothing written
        again.door.check_in(meeting.id, members[0].id, at="19:01")
        [backup] = backups.available(again.path)
        with AssociationFile.open(backup.path, read_only=True) as copy:
            assert copy.door.attendance(meeting.id) == []
        again.meetings.open_meeting(meeting.id)  # and once it is there, going back makes no other
        again.backups()
        assert len(backups.available(again.path)) == 1


def test_a_meeting_whose_file_has_gone_is_not_opened_and_no_empty_backup_is_made(book, meeting):
    """The file was moved (or its stick taken out) after it was opened: a plain sentence, nothing written."""
    moved = book.path.with_name("moved.quorum")
    book.path.rename(moved)
    with pytest.raises(DiskError, match="could not read test.quorum to back it up"):
        book.meetings.open_meeting(meeting.id, at="18:50")
    assert not book.path.exists()  # no empty file made in its place
    assert backups.available(book.path) == []
    moved.rename(book.path)
    assert book.meetings.meeting(meeting.id).status == "draft"
