"""A real head-office server for the tests: uvicorn on 127.0.0.1 in a thread, over SQLite, and over
PostgreSQL too when ``QUORUM_TEST_POSTGRES_URL`` is set. Imported by the conftests of tests/server
and tests/sync, so each starts its own server once per session and stops it at the end.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from app.server import admin, db
from app.server.app import create_app
from app.server.serve import serving_in_thread
from app.services import AssociationFile
from app.store import inbox
from app.sync import RetryPolicy, enrol, join, sync

POSTGRES_ENV = "QUORUM_TEST_POSTGRES_URL"
FAST = RetryPolicy(attempts=6, first_wait=0.01, max_wait=0.05, timeout=10, longest_busy_wait=0.05)
DATABASES = ["sqlite", *(["postgresql"] if os.environ.get(POSTGRES_ENV) else [])]


@dataclass
class HeadOffice:
    url: str
    engine: Engine
    database: str  # "sqlite" or "postgresql"
    database_url: str

    def new_association(self, name: str | None = None) -> tuple[str, str]:
        """(name, first enrolment code) of a new association with a name no other test uses."""
        name = name or f"Test Street TRA {uuid.uuid4().hex[:8]}"
        return name, admin.create_association(self.engine, name)

    def count(self, table: str, **equals) -> int:
        table_ = db.metadata.tables[table]
        query = select(func.count()).select_from(table_).where(*(table_.c[k] == v for k, v in equals.items()))
        with db.reading(self.engine) as conn:
            return conn.execute(query).scalar_one()


def serving(app) -> AbstractContextManager[str]:
    """Run an ASGI app under uvicorn on a free 127.0.0.1 port until the block ends."""
    return serving_in_thread(app)


@pytest.fixture(scope="session", params=DATABASES)
def head_office(request, tmp_path_factory) -> Iterator[HeadOffice]:
    if request.param == "postgresql":
        database_url = os.environ[POSTGRES_ENV]
        engine = db.connect(database_url)
        db.metadata.drop_all(engine)
        db.metadata.create_all(engine)
    else:
        database_url = f"sqlite:///{tmp_path_factory.mktemp('head-office')}/head-office.sqlite"
        engine = db.connect(database_url)
    with serving(create_app(engine)) as url:
        yield HeadOffice(url, engine, request.param, database_url)
    engine.dispose()


@pytest.fixture(autouse=True)
def token_in_a_file(monkeypatch):
    """Never touch the real keyring of whoever runs the tests."""
    monkeypatch.setenv("QUORUM_TOKEN_STORE", "file")


@pytest.fixture
def failures_forgotten(head_office):
    """For tests that fail logins or enrolments on purpose: the rate limit must not reach other tests."""
    yield
    with head_office.engine.begin() as conn:
        conn.execute(db.attempts.delete())


def enrolled(book: AssociationFile, office: HeadOffice, code: str) -> AssociationFile:
    enrol(book, office.url, code, FAST)
    return book


@pytest.fixture
def chair(head_office, demo_path) -> Iterator[AssociationFile]:
    """The demo association's laptop, enrolled with head office and synced once."""
    _, code = head_office.new_association()
    with AssociationFile.open(demo_path) as book:
        enrolled(book, head_office, code)
        sync(book, policy=FAST)
        yield book


@pytest.fixture
def secretary(head_office, chair, tmp_path) -> Iterator[AssociationFile]:
    """A second laptop of the same association: an empty file filled from head office."""
    code = admin.enrolment_code(head_office.engine, inbox.state(chair.store, "association_name"))
    path = join(tmp_path / "secretary", head_office.url, code, FAST)
    with AssociationFile.open(path) as book:
        sync(book, policy=FAST)
        yield book


def snapshot(book: AssociationFile) -> dict[str, dict[str, dict]]:
    """Every synced record of a laptop, without its local revision counters, to compare two laptops."""
    found = {}
    for entity, table in inbox.TABLES.items():
        cursor = book.store.conn.execute(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor]
        found[entity] = {r["id"]: {k: v for k, v in r.items() if k not in ("rev", "hlc")} for r in rows}
    return found


def differences(one: AssociationFile, other: AssociationFile) -> list[str]:
    """Plain descriptions of where two laptops disagree (empty when they have converged)."""
    a, b = snapshot(one), snapshot(other)
    problems = []
    for entity in a:
        for record_id in sorted(set(a[entity]) | set(b[entity])):
            if a[entity].get(record_id) != b[entity].get(record_id):
                problems.append(f"{entity} {record_id}: {a[entity].get(record_id)} != {b[entity].get(record_id)}")
    return problems


def token_path(book: AssociationFile) -> Path:
    return book.path.with_suffix(".token")
