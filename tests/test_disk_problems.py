"""A full disk or a read-only folder: a plain message, nothing half-written, the file still readable."""

from __future__ import annotations

from datetime import date

import pytest

from app import model
from app.errors import DiskError


def _fill_up(book) -> None:
    """Let the file grow no further, as on a full disk."""
    pages = book.store.conn.execute("PRAGMA page_count").fetchone()[0]
    book.store.conn.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_refuses_the_edit_whole(book, members):
    meeting = book.meetings.plan_meeting("general", date(2026, 12, 8))
    before_changes = book.store.change_count()
    before_members = len(book.register.members())
    _fill_up(book)
    with pytest.raises(DiskError, match="The disk is full, so the last change was not saved"):
        for n in range(500):
            book.register.add_members([model.Member(f"Big{n}", "Notes", notes="x" * 4000) for _ in range(5)])
    # every earlier import landed whole or not at all: members and outbox rows move together
    added = len(book.register.members()) - before_members
    assert added % 5 == 0
    assert book.store.change_count() - before_changes == added
    assert book.store.integrity_ok()
    assert book.meetings.meeting(meeting.id).kind == "general"


def test_a_read_only_folder_refuses_edits_but_still_reads(book, members):
    book.store.conn.execute("PRAGMA query_only = 1")
    with pytest.raises(DiskError, match="cannot write to the folder"):
        book.register.add_member(model.Member("Ewan", "Brown"))
    assert len(book.register.members()) == 20
