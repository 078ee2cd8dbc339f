"""Head office's migrations on a database as an earlier version made it (tests/fixtures/head-office-v1.sqlite,
made by tests/fixtures/make_head_office_fixture.py): upgraded in place, every row kept as it was, and
what laptops pull, the overview and the CSV files the same before and after."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, inspect, select
from sqlalchemy.engine import make_url

from app.server import admin, db, feed, migrations, summaries
from app.server.apply import apply_ops
from app.server.protocol import Op
from tests.server.live import POSTGRES_ENV

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TABLES = ("associations", "devices", "records", "changes", "applied_ops", "summaries")


def rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in TABLES}
    finally:
        conn.close()


def layout(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall())
    finally:
        conn.close()


def read(url: str) -> tuple:
    """A new laptop's pull, the overview and the CSV files, read without upgrading the database."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            association_id, name = conn.execute(select(db.associations.c.id, db.associations.c.name)).one()
            pulled = feed.page(conn, association_id, "a-new-laptop", None, 1000).as_json()
            overview = summaries.overview(conn)
            files = [conn.execute(query, {"association": association_id, "name": name}).all()
                     for query in (summaries.MEETINGS, summaries.DECISIONS, summaries.ACTIONS)]
        return pulled, overview, files
    finally:
        engine.dispose()


def test_a_version_1_database_is_upgraded_in_place_with_every_row_as_it_was(tmp_path):
    path = tmp_path / "head-office.sqlite"
    shutil.copy(FIXTURES / "head-office-v1.sqlite", path)
    url = f"sqlite:///{path}"
    before, seen = rows(path), read(url)
    assert "records_by_entity" in layout(path) and "WITHOUT ROWID" not in layout(path)["changes"]

    engine = db.connect(url)  # runs the migrations
    with engine.connect() as conn:
        assert migrations.version(conn) == len(migrations.MIGRATIONS)
    engine.dispose()

    made = layout(path)
    assert "records_by_entity" not in made
    assert all("WITHOUT ROWID" in made[table] for table in ("changes", "applied_ops"))
    assert "WHERE meeting_id IS NOT NULL" in made["records_by_meeting"]
    assert rows(path) == before
    assert read(url) == seen
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_an_upgraded_database_still_finds_every_kept_answer(tmp_path):
    """The answers kept are found after their table was made again: another change under any number
    already used is refused as such, and nothing is written."""
    path = tmp_path / "head-office.sqlite"
    shutil.copy(FIXTURES / "head-office-v1.sqlite", path)
    engine = db.connect(f"sqlite:///{path}")
    with engine.connect() as conn:
        association_id, device_id = conn.execute(select(db.devices.c.association_id, db.devices.c.id)).one()
        sent = conn.exec_driver_sql("SELECT op_id, status, reason FROM applied_ops").all()
    ops = [Op(op_id=op_id, entity="member", record_id="any", kind="create", payload={},
              hlc=f"{1_764_000_000_000:016d}-0000-{device_id}", schema_version=1) for op_id, _, _ in sent]
    before = rows(path)
    with db.writing(engine) as conn:
        results = apply_ops(conn, association_id, device_id, ops, "again")
    engine.dispose()
    assert {r.code for r in results} == {"op_id_reused"}  # a different change under a number already used
    assert rows(path)["applied_ops"] == before["applied_ops"] and rows(path)["records"] == before["records"]



BULK = ("applied_ops", "records", "summaries", "changes")  # written for every change


def push(engine, association_id: str, first: int, count: int, at: int = 1) -> list[str]:
    """A laptop's push of ``count`` new members and a meeting with a motion; the statuses answered."""
    def op(n, entity, record_id, payload):
        return Op(op_id=f"laptop-1:{n}", entity=entity, record_id=record_id, kind="create", payload=payload,
                  hlc=f"{1_764_000_000_000 + at:016d}-{n:04d}-laptop-1", schema_version=1)

    ops = [op(first + n, "member", f"p{first + n}", {"first_name": "Eilidh", "surname": f"Ó Dónaill {n}"})
           for n in range(count)]
    ops += [op(first + count, "meeting", f"m{first}", {"kind": "general", "date": "2026-11-24"}),
            op(first + count + 1, "motion", f"v{first}", {"meeting_id": f"m{first}", "text": "That we meet."})]
    with db.writing(engine) as conn:
        return [r.status for r in apply_ops(conn, association_id, "laptop-1", ops)]


@pytest.fixture
def old_postgresql():
    """A PostgreSQL database of its own (``QUORUM_TEST_POSTGRES_URL``'s name with ``_upgraded``), with an
    association's pushes in it, as the code before ``foreign_keys_on_sqlite_only`` left it: a foreign key
    to ``associations`` on every table, at version 2."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    own = make_url(url).set(database=f"{make_url(url).database}_upgraded")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{own.database}"')
    address = own.render_as_string(hide_password=False)
    engine = db.connect(address)
    admin.create_association(engine, "Test Street TRA")
    with engine.connect() as conn:
        association_id = conn.execute(select(db.associations.c.id)).scalar_one()
    assert set(push(engine, association_id, 1, 30)) == {"ok"}
    with engine.begin() as conn:
        for table in BULK:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD CONSTRAINT {table}_association_id_fkey "
                                 "FOREIGN KEY (association_id) REFERENCES associations (id)")
        conn.execute(db.schema_version.update().values(version=2))
    engine.dispose()
    yield address, association_id
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)')


def postgresql_rows(engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {table: sorted(conn.execute(select(db.metadata.tables[table])).all(), key=repr) for table in TABLES}


def foreign_keys(engine) -> dict[str, list]:
    with engine.connect() as conn:
        found = inspect(conn)
        return {table: found.get_foreign_keys(table) for table in (*BULK, "devices", "enrolment_codes")}


def test_postgresql_drops_the_foreign_keys_of_the_tables_written_for_every_change(old_postgresql):
    address, association_id = old_postgresql
    engine = create_engine(db.database_url(address))
    before, keys = postgresql_rows(engine), foreign_keys(engine)
    engine.dispose()
    assert all(keys[table] for table in BULK)

    engine = db.connect(address)  # runs the migration
    with engine.connect() as conn:
        assert migrations.version(conn) == len(migrations.MIGRATIONS)
    assert postgresql_rows(engine) == before
    now = foreign_keys(engine)
    assert not any(now[table] for table in BULK)
    assert now["devices"] == keys["devices"] and now["enrolment_codes"] == keys["enrolment_codes"]
    assert set(push(engine, association_id, 100, 10, at=2)) == {"ok"}
    assert len(set(postgresql_rows(engine)["records"]) - set(before["records"])) == 12  # the push's records
    engine.dispose()


def test_a_new_database_has_the_foreign_keys_on_sqlite_only(tmp_path):
    engine = db.connect(f"sqlite:///{tmp_path / 'head-office.sqlite'}")
    assert all(foreign_keys(engine)[table] for table in BULK)
    engine.dispose()
    url = os.environ.get(POSTGRES_ENV)
    if url:
        engine = db.connect(url)
        assert not any(foreign_keys(engine)[table] for table in BULK)
        engine.dispose()
