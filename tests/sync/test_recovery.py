"""Pulling survives a crash mid-page, a cursor head office has forgotten, and version skew."""

from __future__ import annotations

import functools

import pytest

from app.errors import UpdateNeededError
from app.server.protocol import OLDEST_CLIENT_SCHEMA
from app.services import AssociationFile
from app.store import SCHEMA_VERSION, inbox
from app.sync import enrol, session, sync
from app.sync.client import HeadOffice
from tests.server.live import FAST, differences, snapshot


def test_a_crash_between_applying_a_page_and_saving_the_cursor_loses_nothing(chair, secretary, monkeypatch):
    upcoming = chair.meetings.meetings()[-1]
    chair.meetings.update_meeting(upcoming.id, venue="Wellhouse Library")
    chair.meetings.add_agenda_item(upcoming.id, "Community garden")
    sync(chair, policy=FAST)
    before, cursor = snapshot(secretary), inbox.state(secretary.store, "cursor")

    def power_cut(*args):
        real(*args)
        raise OSError("power cut after the records were written, before the cursor")

    real = inbox._apply_all
    monkeypatch.setattr(inbox, "_apply_all", power_cut)
    with pytest.raises(OSError, match="power cut"):
        sync(secretary, policy=FAST)
    assert snapshot(secretary) == before  # the page and its cursor go together or not at all
    assert inbox.state(secretary.store, "cursor") == cursor
    monkeypatch.undo()
    monkeypatch.setenv("QUORUM_TOKEN_STORE", "file")
    assert sync(secretary, policy=FAST).received >= 2  # the new item, the venue, the renumbered items
    assert differences(chair, secretary) == []


def test_a_cursor_head_office_does_not_know_means_pulling_again_from_the_start(chair, secretary):
    chair.meetings.update_meeting(chair.meetings.meetings()[-1].id, time="19:30")
    sync(chair, policy=FAST)
    inbox.set_state(secretary.store, cursor="987654321")  # e.g. head office restored from an older backup
    sync(secretary, policy=FAST)
    assert int(inbox.state(secretary.store, "cursor")) < 987654321
    assert differences(chair, secretary) == []


@pytest.mark.parametrize("schema", [OLDEST_CLIENT_SCHEMA - 1, SCHEMA_VERSION + 1], ids=["behind", "ahead"])
def test_version_skew_is_told_to_update_before_any_data_moves(head_office, demo_path, monkeypatch, schema):
    _, code = head_office.new_association()
    with AssociationFile.open(demo_path) as book:
        enrol(book, head_office.url, code, FAST)
        waiting = book.head_office.changes_waiting()
        monkeypatch.setattr(session, "HeadOffice", functools.partial(HeadOffice, schema_version=schema))
        with pytest.raises(UpdateNeededError, match="update Quorum"):
            sync(book, policy=FAST)
        assert head_office.count("applied_ops", device_id=book.store.device_id) == 0
        assert book.head_office.changes_waiting() == waiting
        assert inbox.state(book.store, "cursor") == ""
        assert book.head_office.sync_status() == f"{waiting} changes waiting: Quorum needs updating"


def test_a_kind_of_record_this_version_does_not_know_waits_for_an_update(chair, monkeypatch):
    unknown = {"entity": "newsletter", "record_id": "n1", "deleted": False, "doc": {"title": "Winter"}, "hlc": ""}
    inbox.apply_page(chair.store, [unknown], "5")
    assert inbox.held_count(chair.store) == 1  # kept, not skipped: the cursor has moved past it
    monkeypatch.setitem(inbox.TABLES, "newsletter", "newsletters")
    chair.store.conn.execute("CREATE TABLE newsletters (id TEXT PRIMARY KEY, title TEXT, rev INTEGER, hlc TEXT)")
    inbox.apply_page(chair.store, [], "6")  # the next pull, after the update
    assert inbox.held_count(chair.store) == 0
    assert chair.store.conn.execute("SELECT title FROM newsletters").fetchone() == ("Winter",)
