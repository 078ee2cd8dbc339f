"""Writes sent together (psycopg's pipeline mode on PostgreSQL, one at a time on SQLite): when one
fails, the failure is raised as SQLAlchemy raises it and none of the block is kept."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.server import db

LOGGED = ("association_id", "seq", "entity", "record_id", "device_id")


def test_a_failure_among_writes_sent_together_keeps_none_of_them(head_office):
    name, _code = head_office.new_association()
    with db.reading(head_office.engine) as conn:
        association_id = conn.execute(select(db.associations.c.id).where(db.associations.c.name == name)).scalar_one()
    with pytest.raises(IntegrityError), db.writing(head_office.engine) as conn, db.together(conn):
        db.insert_rows(conn, db.changes, LOGGED, [(association_id, 1, "member", "a", None)])
        db.insert_rows(conn, db.changes, LOGGED, [(association_id, 1, "member", "b", None)])  # seq 1 again
    assert head_office.count("changes", association_id=association_id) == 0
    with db.writing(head_office.engine) as conn, db.together(conn):  # the connection is fit to use again
        db.insert_rows(conn, db.changes, LOGGED, [(association_id, 1, "member", "a", None),
                                                  (association_id, 2, "member", "b", None)])
    assert head_office.count("changes", association_id=association_id) == 2
