"""Changes queued for head office: sealed against alteration, stamped uniquely per file, never renumbered back."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from app.ids import HybridClock
from app.model import Member
from app.store import Store, inbox

ROOT = Path(__file__).resolve().parents[1]


def _frozen() -> int:
    return 1_764_000_000_000


def test_stamps_stay_unique_across_two_connections_with_a_frozen_clock(book):
    path = book.path
    second = Store(path, sqlite3.connect(str(path), isolation_level=None, check_same_thread=False))
    for store in (book.store, second):
        store.clock = HybridClock(store.device_id, wall=_frozen)
    for n in range(5):
        book.store.add(Member("First", f"Connection{n}"))
        second.add(Member("Second", f"Connection{n}"))
    stamps = [row[0] for row in book.store.conn.execute("SELECT hlc FROM changes ORDER BY seq")]
    assert len(set(stamps)) == len(stamps) and stamps == sorted(stamps)
    second.conn.close()


def test_a_clock_moved_back_still_stamps_later_changes_later(book):
    book.store.clock = HybridClock(book.store.device_id, wall=_frozen)
    book.register.add_member(Member("Before", "Change"))
    book.store.clock.wall = lambda: 1_763_000_000_000  # the laptop's clock put back
    book.register.add_member(Member("After", "Change"))
    stamps = [row[0] for row in book.store.conn.execute("SELECT hlc FROM changes ORDER BY seq")]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_an_altered_queued_change_is_found_by_check_and_never_sent(book):
    book.register.add_member(Member("Honest", "Member"))
    book.register.add_member(Member("Second", "Member"))
    assert book.altered_changes() == []
    book.store.conn.execute("UPDATE changes SET payload = replace(payload, 'Honest', 'Altered')")
    assert [c["payload"] for c in book.altered_changes()] == [
        c["payload"] for c in book.store.pending_changes() if "Altered" in c["payload"]]
    ops = inbox.unsent(book.store)
    assert ops and all("Altered" not in str(op["payload"]) for op in ops)
    assert [p["code"] for p in inbox.problems(book.store)] == ["altered_here"]


def test_a_scrubbed_change_keeps_a_good_seal(book):
    member = book.store.add(Member("Erased", "Person", address="1 Road"))
    book.store.scrub_history("member", member.id, ("first_name", "address"))
    assert book.altered_changes() == []


def test_check_names_altered_queued_changes(book):
    book.register.add_member(Member("Honest", "Member"))
    book.close()
    conn = sqlite3.connect(str(book.path))
    with conn:
        conn.execute("UPDATE changes SET payload = replace(payload, 'Honest', 'Altered')")
    conn.close()
    done = subprocess.run([sys.executable, "main.py", "check", "--file", str(book.path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "1 change waiting for head office was altered" in done.stderr


def test_the_mark_outside_the_file_covers_every_number_before_any_leaves(book):
    """Raised once, to the file's highest number, before the first batch is handed over."""
    from app.store import marks

    for n in range(5):
        book.register.add_member(Member("Queued", f"Member{n}"))
    highest = book.store.conn.execute("SELECT max(seq) FROM changes").fetchone()[0]
    first = inbox.queued(book.store, 2)
    assert [op.seq for op in first] == sorted(op.seq for op in first) and len(first) == 2
    assert marks.numbered(book.path, book.store.device_id) == highest


def test_a_pulled_page_with_records_of_several_shapes_is_applied_whole(book):
    """Records of one table carrying different fields, in different orders, each land with their own values."""
    stamp = "0001764000000000-0000-other"
    page = [
        {"entity": "member", "record_id": "m1", "deleted": False, "hlc": stamp,
         "doc": {"id": "m1", "first_name": "Agnes", "surname": "MacLeod", "birth_year": 1950}},
        {"entity": "member", "record_id": "m2", "deleted": False, "hlc": stamp,
         "doc": {"surname": "Khan", "first_name": "Imran"}},
        {"entity": "member", "record_id": "m3", "deleted": False, "hlc": stamp,
         "doc": {"birth_year": 1980, "surname": "Nowak", "first_name": "Ola", "not_a_column": "x"}},
    ]
    assert inbox.apply_page(book.store, page, "3") == 3
    found = {m.id: (m.first_name, m.surname, m.birth_year) for m in book.register.members()}
    assert found == {"m1": ("Agnes", "MacLeod", 1950), "m2": ("Imran", "Khan", None), "m3": ("Ola", "Nowak", 1980)}
    assert inbox.state(book.store, "cursor") == "3"
