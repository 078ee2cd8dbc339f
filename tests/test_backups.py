"""Automatic backups: taken with SQLite's online backup, named for their meeting, rotated sensibly."""

from __future__ import annotations

import os
import re
import time
from datetime import date, datetime, timedelta

from app.store import backups, inspect


def test_opening_and_closing_a_meeting_take_named_backups(book, members):
    meeting = book.plan_meeting("general", date(2026, 12, 8), "19:00", "Hall")
    book.open_meeting(meeting.id, at="18:50")
    book.check_in(meeting.id, members[0].id)
    book.close_meeting(meeting.id)
    found = book.backups()
    assert [b.what for b in found] == ["after the meeting of 8 December 2026", "before the meeting of 8 December 2026"]
    assert all(inspect(b.path).members == 20 for b in found)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d, after the meeting of 8 December 2026 "
                        r"\(\d+\.\d MB\)", found[0].label)


def test_rotation_keeps_the_last_ten_and_one_a_month(book):
    folder = book.path.parent / "backups"
    folder.mkdir(exist_ok=True)
    start = datetime(2025, 1, 15, 19, 0)
    made = []
    for n in range(30):  # one backup every 10 days for ten months
        taken = start + timedelta(days=10 * n)
        path = folder / f"{book.path.stem}-{taken:%Y%m%d-%H%M%S}-000000-by-hand{book.path.suffix}"
        book.store.backup_to(path)
        made.append((taken, path))
    backups.prune(book.path)
    kept = {p for _, p in made if p.exists()}
    newest_ten = {p for _, p in made[-10:]}
    monthly = {}
    for taken, path in made:
        monthly.setdefault(f"{taken:%Y-%m}", []).append(path)
    newest_of_each_month = {paths[-1] for paths in monthly.values()}
    assert kept == newest_ten | newest_of_each_month
    assert len(kept) < 30


def test_a_backup_is_a_healthy_file_even_while_the_meeting_goes_on(book, members):
    path = book.backup()
    book.add_member(members[0].__class__("Late", "Arrival"))
    assert inspect(path).members == 20
    assert time.time() - os.path.getmtime(path) < 60
