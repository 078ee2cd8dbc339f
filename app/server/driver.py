"""Statements run on the database driver's own cursor (psycopg's, or sqlite3's for reads by id).

SQLAlchemy's execution of a statement (its context, its result's columns worked out again from
each answer) cost more than the driver's own work for it: on SQLite ten times an indexed read's.
Used for the few statements head office runs hundreds of times a second; everything else goes
through SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError


def run(conn, sql: str, parameters: tuple, prepare: bool = False) -> list[tuple]:
    """Run ``sql`` on the connection's own driver connection, in its transaction; the rows as tuples
    (none for a write, and none inside PostgreSQL's pipeline). ``prepare``: psycopg prepares the
    statement on the connection the first time it runs there, not the sixth (each of the first five
    parsed and planned afresh, on every one of a worker's 20 connections)."""
    cursor = _cursor(conn)
    try:
        if prepare:
            cursor.execute(sql, parameters, prepare=True)
        else:
            cursor.execute(sql, parameters)
        return cursor.fetchall() if cursor.description else []
    except conn.dialect.loaded_dbapi.Error as error:
        raise _as_sqlalchemy(conn, sql, error) from None


def _cursor(conn):
    """The driver connection's one cursor for ``run`` and ``run_many``, made the first time: making and
    closing one for each statement (psycopg sets up its adaptation afresh for each) cost more than
    running a prepared one. Kept in the pool's record of the connection, which forgets it with the connection."""
    info = conn.connection.info
    cursor = info.get("quorum.cursor")
    if cursor is None:
        cursor = info["quorum.cursor"] = conn.connection.driver_connection.cursor()
    return cursor


def run_many(conn, sql: str, rows: Sequence[tuple]) -> None:
    """Run a write once for each of ``rows`` on the driver's own executemany, in the connection's
    transaction (sqlite3's: psycopg's sends each row as a statement of its own, app.server.postgres)."""
    with raised_as_sqlalchemy(conn, sql):
        _cursor(conn).executemany(sql, rows)


@contextmanager
def raised_as_sqlalchemy(conn, sql: str) -> Iterator[None]:
    """A failure raised as SQLAlchemy raises it, so that a dropped connection is a 503 the laptop
    retries: that connection is thrown away, and so is the pool, whose other connections the
    database most likely dropped too."""
    try:
        yield
    except conn.dialect.loaded_dbapi.Error as error:
        raise _as_sqlalchemy(conn, sql, error) from None


def _as_sqlalchemy(conn, sql: str, error: Exception) -> Exception:
    lost = conn.dialect.is_disconnect(error, conn.connection.driver_connection, None)
    if lost:
        conn.invalidate(error)
        conn.engine.dispose()  # a fresh pool: the idle ones are closed, as they are not checked while in use
    return DBAPIError.instance(sql, None, error, conn.dialect.loaded_dbapi.Error, hide_parameters=True,
                               connection_invalidated=lost, dialect=conn.dialect)
