"""The demo association's first sync, and a second laptop that fills itself from head office."""

from __future__ import annotations

import stat

from app.services import AssociationFile
from app.store import inbox
from app.sync import enrol, sync
from tests.server.live import FAST, differences, token_path


def test_first_sync_sends_every_change_once(head_office, demo_path):
    _, code = head_office.new_association()
    with AssociationFile.open(demo_path) as book:
        changes = book.store.change_count()
        enrol(book, head_office.url, code, FAST)
        assert book.head_office.sync_status() == f"{changes} changes waiting to be sent"
        report = sync(book, policy=FAST)
        assert (report.sent, report.duplicates, report.refused, report.waiting) == (changes, 0, [], 0)
        assert report.received == 0  # nothing from other laptops yet: its own changes are not echoed
        device = book.store.device_id
        assert head_office.count("applied_ops", device_id=device, status="ok") == changes
        assert book.head_office.changes_waiting() == 0
        assert book.head_office.sync_status().startswith("Sent to head office today at ")
        again = sync(book, policy=FAST)
        assert (again.sent, again.received) == (0, 0)
    assert stat.S_IMODE(token_path(book).stat().st_mode) == 0o600


def test_second_laptop_gets_the_whole_record(chair, secretary):
    assert differences(chair, secretary) == []
    assert secretary.association().name == chair.association().name
    assert len(secretary.register.members()) == len(chair.register.members()) == 119
    assert secretary.minutes.altered_minutes() == []  # the approved minutes' hashes still hold on the other laptop
    assert secretary.head_office.changes_waiting() == 0  # pulled records are not queued to go back


def test_second_laptop_edits_reach_the_first(chair, secretary):
    upcoming = chair.meetings.meetings()[-1]
    secretary.meetings.add_agenda_item(upcoming.id, "Garden open day", presenter="Secretary")
    secretary.meetings.update_meeting(upcoming.id, venue="Wellhouse Library")
    assert sync(secretary, policy=FAST).sent >= 2
    received = sync(chair, policy=FAST).received
    assert received >= 2
    assert chair.meetings.meeting(upcoming.id).venue == "Wellhouse Library"
    assert "Garden open day" in [item.title for item in chair.meetings.agenda(upcoming.id)]
    assert differences(chair, secretary) == []
    assert chair.head_office.changes_waiting() == 0


def test_cursor_is_saved_with_the_page(chair, secretary):
    cursor = inbox.state(secretary.store, "cursor")
    assert cursor and cursor.isdigit()
    chair.meetings.update_meeting(chair.meetings.meetings()[-1].id, time="19:30")
    sync(chair, policy=FAST)
    sync(secretary, policy=FAST)
    assert int(inbox.state(secretary.store, "cursor")) > int(cursor)
