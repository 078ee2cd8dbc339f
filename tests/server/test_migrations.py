"""Head office's migrations on databases as earlier versions made them (tests/fixtures/head-office-vN.sqlite,
made by tests/fixtures/make_head_office_fixture.py): upgraded in place, every row meaning what it meant,
and what laptops pull, the overview and the CSV files the same as the code of that version read them
(saved beside each fixture as head-office-vN.read.json), on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import MetaData, Table, create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from app.server import db, migrations
from app.server.apply import apply_ops
from app.server.protocol import Op
from tests.fixtures.make_head_office_fixture import reading
from tests.server.live import POSTGRES_ENV

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TABLES = ("associations", "devices", "enrolment_codes", "records", "changes", "applied_ops", "summaries")
VERSIONS = (1, 2)  # each fixture is the last database its version of head office made
UNREAD = ("batch_id", "applied")  # the answers' columns nothing read, dropped by migrations.clocks_kept_once
BULK = ("applied_ops", "records", "summaries", "changes")  # written for every change: no foreign keys on PostgreSQL


def rows(engine) -> dict[str, list[dict]]:
    """Every row of the tables that hold an association's data, as column -> value, in a set order."""
    with engine.connect() as conn:
        return {table: sorted((dict(row._mapping) for row in conn.execute(text(f"SELECT * FROM {table}"))), key=repr)
                for table in TABLES}


def meant(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The rows as what they say, whichever way a version kept them: a record's clocks as each field's
    stamp (in full as JSON before, ``db.kept_clocks`` after, when its latest stamp must be the one kept),
    an answer without the columns nothing read, true and false as 1 and 0 (as SQLite gives them), and an
    association's current members as a count (a summaries row each before, ``associations.members`` after;
    an attendance's row only ever counted on its meeting's row, which both keep)."""
    said: dict[str, list[dict]] = {}
    members = Counter(row["association_id"] for row in tables["summaries"]
                      if row["entity"] == "member" and row["kind"] == "current")
    for table, found in tables.items():
        said[table] = []
        for row in found:
            if table == "summaries" and row["entity"] in ("member", "attendance"):
                continue
            if table == "associations":
                row = {"members": members[row["id"]], **row}
            row = {name: int(value) if isinstance(value, bool) else value for name, value in row.items()
                   if not (table == "applied_ops" and name in UNREAD)}
            if table == "records":
                doc = json.loads(row["doc"])
                if "stamp" in row:
                    clocks = db.clocks_of(doc, row["clocks"], row["stamp"])
                    assert row.pop("stamp") == max(clocks.values(), default="")
                else:
                    clocks = json.loads(row["clocks"])
                row.update(doc=doc, clocks=clocks)
            said[table].append(row)
        said[table].sort(key=repr)
    return said


def saved_reading(version: int) -> dict:
    return json.loads((FIXTURES / f"head-office-v{version}.read.json").read_text())


def layout(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall())
    finally:
        conn.close()


def columns(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def foreign_keys(url: str) -> dict[str, list]:
    engine = create_engine(db.database_url(url))
    try:
        with engine.connect() as conn:
            found = inspect(conn)
            return {table: found.get_foreign_keys(table) for table in (*BULK, "devices", "enrolment_codes")}
    finally:
        engine.dispose()


def upgraded(url: str) -> None:
    engine = db.connect(url)  # runs the migrations
    with engine.connect() as conn:
        assert migrations.version(conn) == len(migrations.MIGRATIONS)
    engine.dispose()


def copy_of(version: int, tmp_path: Path) -> Path:
    path = tmp_path / "head-office.sqlite"
    shutil.copy(FIXTURES / f"head-office-v{version}.sqlite", path)
    return path


@pytest.mark.parametrize("version", VERSIONS)
def test_an_old_database_is_upgraded_in_place_with_every_row_as_it_was(tmp_path, version):
    path = copy_of(version, tmp_path)
    url = f"sqlite:///{path}"
    before = rows(create_engine(url))
    assert "batch_id" in columns(path, "applied_ops") and "stamp" not in columns(path, "records")

    upgraded(url)

    made = layout(path)
    assert "records_by_entity" not in made
    assert all("WITHOUT ROWID" in made[table] for table in ("changes", "applied_ops"))
    keys = foreign_keys(url)  # migrations.no_foreign_keys_on_sqlite; the other tables keep theirs
    assert not any(keys[table] for table in BULK) and keys["devices"] and keys["enrolment_codes"]
    assert {index.name for table in (db.records, db.summaries) for index in table.indexes} <= set(made)
    assert not [name for name in made if name.endswith("_before")]
    assert "WHERE meeting_id IS NOT NULL" in made["records_by_meeting"]
    assert not set(UNREAD) & set(columns(path, "applied_ops")) and "stamp" in columns(path, "records")
    after = rows(create_engine(url))
    assert meant(after) == meant(before)
    assert sum(row["clocks"] == "{}" for row in after["records"]) > len(after["records"]) * 3 // 4  # kept once
    assert reading(url) == saved_reading(version)
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_the_saved_readings_are_those_of_the_old_databases():
    """What each fixture's version read is saved, not made again by today's code: the pull names every
    record (its hlc the latest of its stamps, as the old clocks say) and the files have rows."""
    for version in VERSIONS:
        saved, conn = saved_reading(version), sqlite3.connect(FIXTURES / f"head-office-v{version}.sqlite")
        pulled = {(c["entity"], c["record_id"]): c["hlc"] for c in json.loads(saved["pull"])["changes"]}
        stored = {(e, r): max(json.loads(clocks).values(), default="")
                  for e, r, clocks in conn.execute("SELECT entity, record_id, clocks FROM records")}
        conn.close()
        assert pulled == stored and all(saved["files"]) and saved["overview"][0]["members"] > 0


def test_an_upgraded_database_still_finds_every_kept_answer(tmp_path):
    """The answers kept are found after their table was made again: another change under any number
    already used is refused as such, and nothing is written."""
    path = copy_of(1, tmp_path)
    engine = db.connect(f"sqlite:///{path}")
    with engine.connect() as conn:
        association_id, device_id = conn.execute(select(db.devices.c.association_id, db.devices.c.id)).one()
        sent = conn.exec_driver_sql("SELECT op_id, status, reason FROM applied_ops").all()
    ops = [Op(op_id=op_id, entity="member", record_id="any", kind="create", payload={},
              hlc=f"{1_764_000_000_000:016d}-0000-{device_id}", schema_version=1) for op_id, _, _ in sent]
    before = rows(engine)
    with db.writing(engine) as conn:
        results = apply_ops(conn, association_id, device_id, ops)
    after = rows(engine)
    engine.dispose()
    assert {r.code for r in results} == {"op_id_reused"}  # a different change under a number already used
    assert after["applied_ops"] == before["applied_ops"] and after["records"] == before["records"]


@pytest.fixture
def postgresql_schema():
    """A PostgreSQL URL whose tables are made in a schema of their own, dropped afterwards."""
    if not os.environ.get(POSTGRES_ENV):
        pytest.skip(f"{POSTGRES_ENV} is not set")
    url, schema = make_url(db.database_url(os.environ[POSTGRES_ENV])), f"upgrade_{uuid.uuid4().hex[:8]}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def test_a_version_2_database_on_postgresql_is_upgraded_with_every_row_as_it_was(postgresql_schema):
    """The version 2 fixture's rows put in PostgreSQL's tables as version 2 had them, then upgraded."""
    source = create_engine(f"sqlite:///{FIXTURES / 'head-office-v2.sqlite'}")
    before = rows(source)
    engine = db.connect(postgresql_schema)
    with engine.begin() as conn:  # the tables as version 2 made them
        conn.execute(text("ALTER TABLE records DROP COLUMN stamp"))
        conn.execute(text("ALTER TABLE applied_ops ADD COLUMN batch_id VARCHAR(200) NOT NULL DEFAULT '', "
                          "ADD COLUMN applied VARCHAR(40) NOT NULL DEFAULT ''"))
        for table in BULK:
            conn.execute(text(f"ALTER TABLE {table} ADD CONSTRAINT {table}_association_id_fkey "
                              "FOREIGN KEY (association_id) REFERENCES associations (id)"))
        conn.execute(db.schema_version.delete())
        conn.execute(db.schema_version.insert().values(version=2))
        for table in sorted(db.metadata.sorted_tables, key=lambda table: table.name in BULK):  # parents first
            if table.name in TABLES and before[table.name]:
                old = Table(table.name, MetaData(), autoload_with=conn)
                conn.execute(old.insert(), [{k: bool(v) if old.c[k].type.python_type is bool and v is not None else v
                                             for k, v in row.items()} for row in before[table.name]])
    engine.dispose()
    source.dispose()
    keys = foreign_keys(postgresql_schema)
    assert all(keys[table] for table in BULK)

    upgraded(postgresql_schema)

    engine = create_engine(db.database_url(postgresql_schema))
    after = rows(engine)
    with engine.connect() as conn:
        nullable = conn.execute(text("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'records' "
                                     "AND column_name = 'stamp' AND table_schema = current_schema()")).scalar_one()
    engine.dispose()
    assert meant(after) == meant(before) and nullable == "NO"
    assert not any(name in after["applied_ops"][0] for name in UNREAD)
    assert reading(db.database_url(postgresql_schema)) == saved_reading(2)
    upgraded_keys = foreign_keys(postgresql_schema)
    assert not any(upgraded_keys[table] for table in BULK)  # migrations.foreign_keys_on_sqlite_only
    assert upgraded_keys["devices"] == keys["devices"] and upgraded_keys["enrolment_codes"] == keys["enrolment_codes"]


def test_a_new_sqlite_database_has_no_foreign_keys_from_the_tables_written_for_every_change(tmp_path):
    url = f"sqlite:///{tmp_path / 'head-office.sqlite'}"
    upgraded(url)
    keys = foreign_keys(url)
    assert not any(keys[table] for table in BULK) and keys["devices"] and keys["enrolment_codes"]


def test_a_new_postgresql_database_has_no_foreign_keys_from_the_tables_written_for_every_change(postgresql_schema):
    upgraded(postgresql_schema)
    keys = foreign_keys(postgresql_schema)
    assert not any(keys[table] for table in BULK) and keys["devices"] and keys["enrolment_codes"]
