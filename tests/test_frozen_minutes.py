"""Approved minutes are frozen: renaming, new roles or an erasure later change nothing in them.

The minutes are printed through the command line and read back with pdftotext, as a secretary
comparing two printouts would; `check` reads the snapshot the approval hash seals.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.model import Association, Member
from app.services import AssociationFile

ROOT = Path(__file__).resolve().parent.parent
HELD = date(2026, 5, 19)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")


def quorum(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def printed(path: Path, meeting_id: str, out: Path) -> str:
    result = quorum("print", "minutes", "--meeting", meeting_id, "--file", str(path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def approved(tmp_path):
    """A general meeting with office bearers, a motion, an election and an action; minutes approved."""
    path = tmp_path / "frozen.quorum"
    with AssociationFile.create(path, Association("Frozen Street TRA")) as book:
        book.register.add_members([
            Member("Morag", "Baird", address="1 Frozen Street", role="chair", joined=date(2020, 1, 1)),
            Member("Tariq", "Hussain", address="2 Frozen Street", role="secretary", joined=date(2020, 1, 1)),
            Member("Eilidh", "Reid", address="3 Frozen Street", role="treasurer", joined=date(2020, 1, 1)),
            Member("Gordon", "Stewart", address="4 Frozen Street", joined=date(2020, 1, 1)),
            Member("Agnes", "Quinn", address="5 Frozen Street", joined=date(2020, 1, 1)),
        ])
        people = {m.first_name: m for m in book.register.members()}
        meeting = book.meetings.plan_meeting("general", HELD, "19:00", "Hall")
        book.meetings.open_meeting(meeting.id, backup=False, at="18:55")
        for member in people.values():
            book.door.check_in(meeting.id, member.id, at="18:58")
        book.meetings.update_meeting(meeting.id, chair_id=people["Morag"].id, minute_taker_id=people["Tariq"].id)
        motion = book.decisions.propose_motion(meeting.id, "That the association thanks the caretaker.",
                                     people["Gordon"].id, people["Agnes"].id)
        book.decisions.record_vote(motion.id, 4, 1, 0)
        election = book.decisions.add_election(meeting.id, "Vice-Chair")
        book.decisions.nominate(election.id, "Agnes Quinn", people["Agnes"].id)
        book.decisions.record_election(election.id)
        book.actions.add_action(meeting.id, "Write to the caretaker", owner_member_id=people["Gordon"].id,
                        due=date(2026, 6, 1))
        book.meetings.close_meeting(meeting.id, backup=False, at="20:47")
        book.minutes.approve_minutes(meeting.id, on=date(2026, 6, 16))
    return path, meeting.id, people


def test_reprinted_minutes_are_identical_after_rename_roles_and_erasure(approved, tmp_path):
    path, meeting_id, people = approved
    first = printed(path, meeting_id, tmp_path / "first.pdf")
    assert "Gordon Stewart" in first and "Morag Baird (Chair" in first and "Agnes Quinn" in first
    with AssociationFile.open(path) as book:
        book.register.update_member(people["Gordon"].id, surname="Renamed")
        for member in book.register.members():
            book.register.update_member(member.id, role="committee member" if member.role == "member" else "member")
        book.register.erase_member(people["Agnes"].id)
        live = book.minutes.meeting_record(meeting_id)  # the records did change: the test can fail
        assert "Gordon Renamed" in {m.name for m in live.members.values()}
        assert "Former member" in {m.name for m in live.members.values()}
    again = printed(path, meeting_id, tmp_path / "again.pdf")
    assert again == first
    checked = quorum("check", "--file", str(path))
    assert checked.returncode == 0, checked.stderr
    assert "approved minutes unchanged" in checked.stdout


def test_one_changed_byte_in_the_snapshot_fails_check_naming_the_meeting(approved):
    path, _, _ = approved
    conn = sqlite3.connect(path)
    snapshot = conn.execute("SELECT snapshot FROM minutes WHERE status = 'approved'").fetchone()[0]
    at = snapshot.index("Gordon") + 1
    conn.execute("UPDATE minutes SET snapshot = ? WHERE status = 'approved'",
                 (snapshot[:at] + "a" + snapshot[at + 1:],))  # Gordon -> Gardon
    conn.commit()
    conn.close()
    checked = quorum("check", "--file", str(path))
    assert checked.returncode != 0
    assert "the General Meeting of 19 May 2026" in checked.stderr


def test_minutes_approved_before_snapshots_are_snapshotted_on_upgrade(tmp_path):
    path = tmp_path / "old.quorum"
    shutil.copy(ROOT / "tests" / "fixtures" / "schema-v4.quorum", path)
    with AssociationFile.open(path) as book:
        minutes = book.store.find(type(book.minutes.minutes(book.meetings.meetings()[0].id)), status="approved")[0]
        assert minutes.snapshot and minutes.snapshot_hash  # the old hash stays; the snapshot has its own
        assert book.minutes.altered_minutes() == []
        meeting = book.meetings.meetings()[0]
        book.register.update_member(book.register.members()[0].id, surname="Changed")
        assert "Changed" not in {m.surname for m in book.minutes.printed_record(meeting.id).members.values()}
