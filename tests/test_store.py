"""The association file: durable settings, the outbox, migrations and newer files."""

from __future__ import annotations

import re
import sqlite3

import pytest

from app import model
from app.errors import NewerFileError, NotFoundError
from app.store import SCHEMA_VERSION, Store, inspect
from app.store import schema as schema_module

UUID7 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture
def store(tmp_path):
    opened = Store.create(tmp_path / "a.quorum")
    yield opened
    opened.close()


def test_file_is_durable_by_default(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_ids_are_uuid7_and_unique(store):
    members = [store.add(model.Member("A", f"B{n}")) for n in range(50)]
    ids = [m.id for m in members]
    assert all(UUID7.match(i) for i in ids)
    assert len(set(ids)) == 50


def test_every_edit_queues_one_change(store):
    member = store.add(model.Member("Zoë", "Docherty", address="2/1, 16 Shettleston Road"))
    store.patch(model.Member, member.id, phone="0141 240 2271")
    store.patch(model.Member, member.id, phone="0141 240 2271")  # no change, nothing queued
    store.remove(model.Member, member.id)
    changes = store.pending_changes()
    assert [c["kind"] for c in changes] == ["create", "patch", "tombstone"]
    assert '"Zoë"' in changes[0]["payload"] and '"2/1, 16 Shettleston Road"' in changes[0]["payload"]
    assert changes[1]["payload"] == '{"phone": "0141 240 2271"}'
    assert changes[1]["base_rev"] == 1
    assert [c["hlc"] for c in changes] == sorted(c["hlc"] for c in changes)
    assert {c["op_id"].split(":")[0] for c in changes} == {store.device_id}


def test_a_failed_transaction_leaves_neither_record_nor_change(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.add(model.Member("Ewan", "Brown"))
        raise RuntimeError("power cut")
    assert store.find(model.Member) == []
    assert store.change_count() == 0


def test_records_round_trip_dates_and_booleans(store):
    from datetime import date

    member = store.add(model.Member("Ó Dónaill", "Seán", contact_consent=True, joined=date(2021, 2, 8)))
    again = store.get(model.Member, member.id)
    assert again == member
    with pytest.raises(NotFoundError):
        store.get(model.Member, "nobody")


def test_a_file_from_a_newer_quorum_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "newer.quorum"
    Store.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerFileError, match="newer version of Quorum"):
        Store.open(path)
    assert path.read_bytes() == before


def test_an_older_file_is_backed_up_then_migrated(tmp_path, monkeypatch):
    path = tmp_path / "old.quorum"
    store = Store.create(path)
    store.add(model.Member("Agnes", "MacLeod"))
    store.close()

    def add_ward(db):
        db["members"].add_column("ward", str)

    monkeypatch.setattr(schema_module, "MIGRATIONS", [*schema_module.MIGRATIONS, add_ward])
    monkeypatch.setattr("app.store.store.MIGRATIONS", schema_module.MIGRATIONS)
    monkeypatch.setattr("app.store.store.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr("app.store.files.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    upgraded = Store.open(path)
    assert upgraded.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert "ward" in {row[1] for row in upgraded.conn.execute("PRAGMA table_info(members)")}
    assert [m.surname for m in upgraded.find(model.Member)] == ["MacLeod"]
    upgraded.close()
    backups = list((tmp_path / "backups").glob(f"old-*-before-upgrade-v{SCHEMA_VERSION}.quorum"))
    assert len(backups) == 1
    assert inspect(backups[0]).schema_version == SCHEMA_VERSION
