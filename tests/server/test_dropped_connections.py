"""PostgreSQL ends head office's connections (a restart, an administrator's pg_terminate_backend):
a laptop's push is answered with something it retries and is never lost, and a connection that has
rested in the pool is checked and replaced before any request meets it."""

from __future__ import annotations

import uuid
from datetime import date

import psycopg
import pytest

from app.model import Member
from app.server import postgres
from app.sync import sync
from tests.server.live import FAST
from tests.server.over_http import Laptop


@pytest.fixture
def postgresql(head_office):
    if head_office.database != "postgresql":
        pytest.skip("only PostgreSQL has connections to drop")
    yield head_office
    head_office.engine.dispose()  # a fresh pool for the tests after


def drop_connections(office) -> int:
    """End every connection to head office's database but the one asking; how many were ended."""
    with psycopg.connect(office.database_url, autocommit=True) as conn:
        return conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()[0]


def a_meeting(laptop: Laptop) -> dict:
    return laptop.op("meeting", uuid.uuid4().hex, {"kind": "general", "date": "2026-11-24"})


def test_a_push_meeting_a_dropped_connection_is_told_to_come_back_and_then_lands(postgresql):
    laptop = Laptop(postgresql, postgresql.new_association()[1])
    assert [r["status"] for r in laptop.results(a_meeting(laptop))] == ["ok"]  # the pool holds connections
    assert drop_connections(postgresql) > 0
    meeting = a_meeting(laptop)
    refused = laptop.push(meeting)
    assert refused.status_code == 503, refused.text
    assert refused.json()["error"]["code"] == "busy" and int(refused.headers["Retry-After"]) > 0
    assert [r["status"] for r in laptop.results(meeting)] == ["ok"]  # applied now, not before: not a duplicate
    assert postgresql.count("records", association_id=laptop.association_id, entity="meeting") == 2


def test_a_connection_that_rested_is_replaced_before_a_push_meets_it(postgresql, monkeypatch):
    laptop = Laptop(postgresql, postgresql.new_association()[1])
    laptop.results(a_meeting(laptop))
    monkeypatch.setattr(postgres, "REST_BEFORE_PING", 0.0)  # every connection back in the pool has rested long enough
    assert drop_connections(postgresql) > 0
    assert [r["status"] for r in laptop.results(a_meeting(laptop))] == ["ok"]


def test_the_laptop_syncs_everything_after_head_office_lost_its_connections(postgresql, chair):
    chair.register.add_members([Member("Ada", "Laptop", address="1 Test Street, Glasgow", joined=date(2020, 1, 1))])
    assert drop_connections(postgresql) > 0
    report = sync(chair, policy=FAST)
    assert report.sent == 1 and report.refused == [] and report.waiting == 0
