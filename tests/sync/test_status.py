"""What the chair reads about head office: the status line, and where the token is kept."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from app.services import AssociationFile
from app.store import inbox
from app.sync import enrol, sync, tokens
from tests.server.live import FAST

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.mark.parametrize("state, expected", [
    ({}, "Not connected to head office"),
    ({"association_id": "a"}, "Not sent to head office yet"),
    ({"association_id": "a", "last_sync": "2026-11-25T21:14:05"}, "Sent to head office today at 21:14"),
    ({"association_id": "a", "last_sync": "2026-11-24T09:02:00"}, "Sent to head office yesterday at 09:02"),
    ({"association_id": "a", "last_sync": "2026-10-03T19:45:00"}, "Sent to head office on 3 October at 19:45"),
    ({"association_id": "a", "last_sync": "2025-10-03T19:45:00"}, "Sent to head office on 3 October 2025 at 19:45"),
])
def test_status_line(book, state, expected):
    book.store.conn.execute("UPDATE changes SET sent = 1")
    inbox.set_state(book.store, **state)
    assert book.head_office.sync_status(now=datetime(2026, 11, 25, 22, 0)) == expected


def test_status_line_with_changes_waiting(book):
    inbox.set_state(book.store, association_id="a", last_error="no connection")
    assert book.head_office.sync_status() == "2 changes waiting: no connection"  # the association and its rules
    inbox.set_state(book.store, last_error=None)
    assert book.head_office.sync_status() == "2 changes waiting to be sent"


def test_the_token_goes_to_a_private_file_when_told_or_without_a_keyring(tmp_path, monkeypatch):
    assert not tokens.keyring_works()  # QUORUM_TOKEN_STORE=file in every sync test
    where = tokens.save(tmp_path / "a.quorum", "device-1", "secret-token")
    assert where == str(tmp_path / "a.token")
    assert (tmp_path / "a.token").stat().st_mode & 0o777 == 0o600
    assert tokens.load(tmp_path / "a.quorum", "device-1") == "secret-token"
    tokens.forget(tmp_path / "a.quorum", "device-1")
    assert tokens.load(tmp_path / "a.quorum", "device-1") is None


def test_a_file_from_before_the_sync_existed_upgrades_and_syncs(head_office, tmp_path):
    path = tmp_path / "old.quorum"
    shutil.copy(FIXTURES / "schema-v1.quorum", path)
    _, code = head_office.new_association()
    with AssociationFile.open(path) as book:
        enrol(book, head_office.url, code, FAST)
        waiting = book.head_office.changes_waiting()
        report = sync(book, policy=FAST)
        assert (report.sent, report.refused, report.waiting) == (waiting, [], 0)
