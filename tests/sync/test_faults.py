"""A flaky connection between laptop and head office: after retries, every change is there exactly once."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import HeadOfficeUnreachableError
from app.services import AssociationFile
from app.store import inbox
from app.sync import RetryPolicy, enrol, sync
from app.sync.session import BATCH
from tests.server.live import FAST, differences
from tests.sync.proxy import FaultyProxy


@pytest.fixture
def proxy(head_office):
    running = FaultyProxy(int(head_office.url.rsplit(":", 1)[1]))
    yield running
    running.close()


def _records(book) -> int:
    return book.store.conn.execute("SELECT count(DISTINCT entity || record_id) FROM changes").fetchone()[0]


def test_a_lost_acknowledgement_is_answered_duplicate_and_applied_once(head_office, proxy, demo_path):
    _, code = head_office.new_association()
    with AssociationFile.open(demo_path) as book:
        enrol(book, head_office.url, code, FAST)
        changes = book.head_office.changes_waiting()
        proxy.plan("/api/v1/push", "lose_answer")
        report = sync(book, url=proxy.url, policy=FAST)
        assert proxy.faults_applied() == ["lose_answer"]
        # head office committed the first batch, its answer was lost, the laptop sent it again
        first = min(BATCH, changes)
        assert (report.duplicates, report.sent) == (first, changes - first)
        assert book.head_office.changes_waiting() == 0
        device = book.store.device_id
        assert head_office.count("applied_ops", device_id=device) == changes
        assert head_office.count("changes", device_id=device) == changes  # one logged change per op, not two
        association_id = inbox.state(book.store, "association_id")
        assert head_office.count("records", association_id=association_id) == _records(book)


def test_every_kind_of_fault_then_both_laptops_converge(head_office, proxy, chair, secretary):
    upcoming = chair.meetings.meetings()[-1]
    action = next(a for a in chair.actions.actions() if chair.meetings.meeting(a.meeting_id).minutes_status == "draft")
    chair.actions.set_action_status(action.id, "done", on=date(2026, 12, 1))
    chair.meetings.add_agenda_item(upcoming.id, "Community garden")
    secretary.meetings.update_meeting(upcoming.id, venue="Wellhouse Library")
    secretary.actions.add_action(upcoming.id, "Book the library's meeting room", owner_name="Secretary")
    proxy.plan("/api/v1/push", "drop", "reset", "error500", "delay", "lose_answer")
    proxy.plan("/api/v1/pull", "reset", "lose_answer", "error500", "drop", "delay")
    for book in (chair, secretary, chair):
        sync(book, url=proxy.url, policy=FAST)
    assert sorted(proxy.faults_applied()) == sorted(["drop", "reset", "error500", "delay", "lose_answer"] * 2)
    assert differences(chair, secretary) == []
    for book in (chair, secretary):
        assert book.head_office.changes_waiting() == 0
        assert head_office.count("applied_ops", device_id=book.store.device_id) == book.store.change_count()


def test_when_head_office_stays_unreachable_changes_wait(head_office, proxy, chair):
    chair.meetings.update_meeting(chair.meetings.meetings()[-1].id, venue="Wellhouse Library")
    proxy.plan("/api/v1/meta", *["error500"] * 3)
    with pytest.raises(HeadOfficeUnreachableError, match="could not be reached|had a problem"):
        sync(chair, url=proxy.url, policy=RetryPolicy(attempts=3, first_wait=0.01, max_wait=0.01))
    assert chair.head_office.sync_status() == "1 change waiting: no connection"
    sync(chair, url=proxy.url, policy=FAST)
    assert chair.head_office.sync_status().startswith("Sent to head office today at ")
