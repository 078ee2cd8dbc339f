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
    """The rows of a read, run on the connection's own driver connection, in its transaction. Inside
    PostgreSQL's pipeline (``app.server.db.together``) the writes queued before it are sent with it.
    ``prepare``: psycopg prepares the statement on the connection the first time it runs there, not
    the sixth (each of the first five parsed and planned afresh, on every one of a worker's 20 connections)."""
    cursor = _cursor(conn)
    try:
        _execute(cursor, sql, parameters, prepare)
        return cursor.fetchall()
    except conn.dialect.loaded_dbapi.Error as error:
        raise _as_sqlalchemy(conn, sql, error) from None


def write(conn, sql: str, parameters: tuple, prepare: bool = False) -> None:
    """Run a write as ``run`` runs a read; inside PostgreSQL's pipeline it is queued, not waited for."""
    try:
        _execute(_cursor(conn), sql, parameters, prepare)
    except conn.dialect.loaded_dbapi.Error as error:
        raise _as_sqlalchemy(conn, sql, error) from None


def run_each(conn, statements: Sequence[tuple[str, tuple]], prepare: bool = False) -> list[list[tuple]]:
    """The rows of each of several reads, in order. On PostgreSQL all sent at once, each on a cursor of
    its own (pipeline mode; a transaction's BEGIN goes with them): one round trip, not one each.
    PostgreSQL runs them in turn, so a row locked by the first stays locked while the rest run."""
    if conn.dialect.name != "postgresql" or len(statements) < 2:
        return [run(conn, sql, parameters, prepare) for sql, parameters in statements]
    cursors = _cursors(conn, len(statements))[:len(statements)]
    with raised_as_sqlalchemy(conn, statements[0][0]), conn.connection.driver_connection.pipeline():
        for cursor, (sql, parameters) in zip(cursors, statements, strict=True):
            cursor.execute(sql, parameters, prepare=prepare)
    return [cursor.fetchall() for cursor in cursors]


def _execute(cursor, sql: str, parameters: tuple, prepare: bool) -> None:
    if prepare:  # psycopg's; sqlite3's execute has no such argument
        cursor.execute(sql, parameters, prepare=True)
    else:
        cursor.execute(sql, parameters)


def _cursor(conn):
    cursors = conn.connection.info.get("quorum.cursors")
    return cursors[0] if cursors else _cursors(conn, 1)[0]


def _cursors(conn, how_many: int) -> list:
    """The driver connection's own cursors, at least ``how_many``, made the first time each is needed:
    making and closing one for each statement (psycopg sets up its adaptation afresh for each) cost
    more than running a prepared one. Kept in the pool's record of the connection, which forgets
    them with the connection."""
    info = conn.connection.info
    cursors = info.get("quorum.cursors")
    if cursors is None:
        cursors = info["quorum.cursors"] = []
    while len(cursors) < how_many:
        cursors.append(conn.connection.driver_connection.cursor())
    return cursors


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
