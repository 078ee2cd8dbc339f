"""The laptop gets the next batch or page ready while head office works on the one before, and it
still goes as if one after another: a batch leaves only once the one before was answered, a change
is marked sent only once head office answered ok for it, and pages are applied in order."""

from __future__ import annotations

import pytest

from app.model import Member
from app.store import SCHEMA_VERSION, inbox
from app.sync import sync
from app.sync.session import BATCH, PAGE
from tests.server.live import FAST, differences


def _members(count: int) -> list[Member]:
    return [Member(first_name=f"Tenant{n}", surname="Long", address=f"{n} Long Road") for n in range(count)]


def test_a_batch_leaves_only_once_the_one_before_was_answered(head_office, chair):
    chair.register.add_members(_members(BATCH + 200))
    waiting = inbox.queued(chair.store)
    later = waiting[BATCH // 2]  # as if written by a newer Quorum: head office keeps it, and all after it, for later
    chair.store.conn.execute("UPDATE changes SET schema_version = ? WHERE seq = ?", (SCHEMA_VERSION + 1, later.seq))
    sent_before = head_office.count("applied_ops", device_id=chair.store.device_id)

    report = sync(chair, policy=FAST)

    assert (report.sent, report.retry) == (BATCH // 2, BATCH - BATCH // 2)
    # the second batch was read while the first was applied, and never sent
    assert head_office.count("applied_ops", device_id=chair.store.device_id) == sent_before + BATCH // 2
    assert [op.seq for op in inbox.queued(chair.store)] == [op.seq for op in waiting[BATCH // 2:]]


def test_pages_are_applied_in_order_and_a_failure_keeps_the_pages_before_it(chair, secretary, monkeypatch):
    chair.register.add_members(_members(2 * PAGE + 300))
    sync(chair, policy=FAST)
    applied: list[str] = []
    real = inbox.apply_page

    def failing_on_the_second(store, changes, cursor):
        if applied:
            raise OSError("the disk filled up on the second page")
        applied.append(cursor)
        return real(store, changes, cursor)

    monkeypatch.setattr(inbox, "apply_page", failing_on_the_second)
    with pytest.raises(OSError, match="second page"):
        sync(secretary, policy=FAST)  # the third page may be on its way meanwhile: it is not applied
    assert inbox.state(secretary.store, "cursor") == applied[0]
    members = secretary.store.conn.execute("SELECT count(*) FROM members").fetchone()[0]
    assert members == chair.store.conn.execute("SELECT count(*) FROM members").fetchone()[0] - (PAGE + 300)

    monkeypatch.setattr(inbox, "apply_page", real)
    assert sync(secretary, policy=FAST).received == PAGE + 300
    assert differences(chair, secretary) == []


def test_a_stop_before_an_answer_is_recorded_sends_that_batch_again_and_loses_nothing(head_office, chair, monkeypatch):
    chair.register.add_members(_members(2 * BATCH + 100))
    waiting = chair.head_office.changes_waiting()
    sent_before = head_office.count("applied_ops", device_id=chair.store.device_id)
    real = inbox.acknowledge

    def power_cut(store, op_ids):
        raise OSError("power cut before the first answer was recorded")

    monkeypatch.setattr(inbox, "acknowledge", power_cut)
    with pytest.raises(OSError, match="power cut"):
        sync(chair, policy=FAST)  # the second batch may have left meanwhile: its answer is lost too
    assert chair.head_office.changes_waiting() == waiting
    at_head_office = head_office.count("applied_ops", device_id=chair.store.device_id) - sent_before
    assert at_head_office in (BATCH, 2 * BATCH)

    monkeypatch.setattr(inbox, "acknowledge", real)
    report = sync(chair, policy=FAST)
    assert (report.duplicates, report.sent) == (at_head_office, waiting - at_head_office)
    assert chair.head_office.changes_waiting() == 0
    assert head_office.count("applied_ops", device_id=chair.store.device_id) == sent_before + waiting
