"""Head office's migrations on a database as an earlier version made it (tests/fixtures/head-office-v1.sqlite,
made by tests/fixtures/make_head_office_fixture.py): upgraded in place, every row kept as it was, and
what laptops pull, the overview and the CSV files the same before and after."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, select

from app.server import db, feed, migrations, summaries
from app.server.apply import apply_ops
from app.server.protocol import Op

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
