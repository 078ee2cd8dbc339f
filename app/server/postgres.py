"""PostgreSQL's side of ``app.server.db``: its bulk statements, run on psycopg itself, and its pool.

Rows go as one JSON array per column, each a single text parameter: written in C by one JSON encoder,
where psycopg dumped its binary arrays value by value in Python (more than half of an INSERT's
cost in head office's process). PostgreSQL reads the arrays back as rows (``_json_rows``). Each
statement is written once for each table and set of columns, and prepared on each connection the
first time it runs there.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Table, event
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

from app.server import driver, json_text

REST_BEFORE_PING = 10.0  # seconds a connection may rest in the pool before it is checked

_DIALECT = postgresql.dialect()
_quote = _DIALECT.identifier_preparer.quote


def named(table: Table, association_id: str, keys: list[tuple[str, str]], columns: tuple[str, ...]) -> tuple[str, tuple]:
    """``app.server.db.rows_named``'s statement: one query for all the (entity, record id) pairs."""
    return _named_sql(table, columns), (*_as_json(keys), association_id)


def among(table: Table, names: tuple[str, ...], equal: tuple[str, ...], values: tuple, column: str,
          ids: list) -> tuple[str, tuple]:
    """``app.server.db.among_ids``' statement: all the ids in one parameter, each named once."""
    return _among_sql(table, names, equal, column), _among_parameters(values, ids)


def among_each(conn, table: Table, names: tuple[str, ...], parts: tuple) -> list:
    """``app.server.db.select_in_each``: the parts' SELECTs joined by UNION ALL, each part's ids in one parameter."""
    sql = " UNION ALL ".join(_among_sql(table, names, equal, column) for equal, _, column, _ in parts)
    return driver.run(conn, sql, tuple(v for _, values, _, ids in parts for v in _among_parameters(values, ids)),
                      prepare=True)


def _among_parameters(values: tuple, ids: list) -> tuple:
    """What ``_among_sql`` asks for, in its order: the ids in one parameter, each named once, then the values."""
    return _json_array(list(dict.fromkeys(ids))), *values


def insert(conn, table: Table, names: tuple[str, ...], rows: Sequence[tuple]) -> None:
    driver.write(conn, _insert_sql(table, names), _columns(table, names, rows), prepare=True)


def update(conn, table: Table, names: tuple[str, ...], keys: tuple[str, ...], rows: Sequence[tuple]) -> None:
    driver.write(conn, _update_sql(table, names, keys), _columns(table, (*names, *keys), rows), prepare=True)


@contextmanager
def pipeline(conn) -> Iterator[None]:
    """psycopg's pipeline mode for the block (``app.server.db.together``). Inside a block already in it, the
    statements join that block's: a block of their own would wait for every answer so far at its end."""
    driver_connection = conn.connection.driver_connection
    if driver_connection.pgconn.pipeline_status:  # on (or aborted, which the outer block raises at its end)
        yield
        return
    with driver.raised_as_sqlalchemy(conn, "(statements sent together)"), driver_connection.pipeline():
        yield


_json_array = json_text.encoder()  # a column's values: ``json.dumps(values, ensure_ascii=False)``


def _as_json(rows: Sequence[tuple]) -> tuple[str, ...]:
    """One JSON array per column of ``rows``."""
    return tuple(map(_json_array, zip(*rows, strict=True)))


def _columns(table: Table, names: tuple[str, ...], rows: Sequence[tuple]) -> tuple[str, ...]:
    """One JSON array per column of ``rows``; a column of JSON texts (``info["json"]`` in ``app.server.db``) as an array of
    those texts as they are, not escaped as strings (a record's document and clocks: five sixths of
    a push's bytes, which json.dumps escaped and PostgreSQL read back character by character)."""
    return tuple("[" + ",".join("null" if text is None else text for text in column) + "]" if holds_json
                 else _json_array(column)
                 for holds_json, column in zip(_holding_json(table, names), zip(*rows, strict=True), strict=True))


@functools.cache
def _holding_json(table: Table, names: tuple[str, ...]) -> tuple[bool, ...]:
    """Which of the columns ``names`` hold JSON texts (asked once for each statement, not for each call)."""
    return tuple(_holds_json(table, name) for name in names)


def _holds_json(table: Table, name: str) -> bool:
    return bool(table.c[name].info.get("json"))


@functools.cache
def _json_rows(table: Table, names: tuple[str, ...]) -> str:
    """``(SELECT ...) AS new``: the rows of the columns ``names``, one JSON array per column (``_columns``),
    each value cast to its column's type without its length (a cast to VARCHAR(40) would cut a
    longer value short, where storing it in the column refuses it). A JSON text is kept as sent:
    ``json_array_elements`` gives each element's text as it stands in the array."""
    arrays = ", ".join("json_array_elements(%s::json)" if _holds_json(table, name)
                       else "json_array_elements_text(%s::json)" for name in names)
    typed = ", ".join(f"nullif(v{n}::text, 'null')::{_kind(table, name)} AS {_quote(name)}"
                      if _holds_json(table, name) else f"v{n}::{_kind(table, name)} AS {_quote(name)}"
                      for n, name in enumerate(names))
    return f"(SELECT {typed} FROM ROWS FROM ({arrays}) AS v({', '.join(f'v{n}' for n in range(len(names)))})) AS new"


def _kind(table: Table, name: str) -> str:
    return table.c[name].type.compile(dialect=_DIALECT).partition("(")[0]


@functools.cache
def _insert_sql(table: Table, names: tuple[str, ...]) -> str:
    return (f"INSERT INTO {_quote(table.name)} ({', '.join(_quote(name) for name in names)}) "
            f"SELECT * FROM {_json_rows(table, names)}")


@functools.cache
def _update_sql(table: Table, names: tuple[str, ...], keys: tuple[str, ...]) -> str:
    target = _quote(table.name)
    sets = ", ".join(f"{_quote(name)} = new.{_quote(name)}" for name in names)
    where = " AND ".join(f"{target}.{_quote(name)} = new.{_quote(name)}" for name in keys)
    return f"UPDATE {target} SET {sets} FROM {_json_rows(table, (*names, *keys))} WHERE {where}"


@functools.cache
def _named_sql(table: Table, columns: tuple[str, ...]) -> str:
    """Each (entity, record id) pair looked up in the primary key. A pair names one row at most, and
    ``LIMIT 1`` keeps PostgreSQL from flattening the lookups into a scan of all the association's
    rows, which it otherwise chose (from its guess of a hundred pairs) however many rows there were."""
    listed = ", ".join(_quote(name) for name in ("entity", "record_id", *columns))
    pairs = "json_array_elements_text(%s::json), json_array_elements_text(%s::json)"
    return (f"SELECT t.* FROM ROWS FROM ({pairs}) AS k(entity, record_id) CROSS JOIN LATERAL "
            f"(SELECT {listed} FROM {_quote(table.name)} WHERE association_id = %s AND entity = k.entity "
            f"AND record_id = k.record_id LIMIT 1) AS t")


@functools.cache
def _among_sql(table: Table, names: tuple[str, ...], equal: tuple[str, ...], column: str) -> str:
    """Each id looked up in an index of its own. ``OFFSET 0`` keeps PostgreSQL from flattening the
    lookups into one scan: from its guess of a hundred ids it read all 500 devices for one token
    (``= ANY(ARRAY(...))`` did that, when the token check came this way), though a token is found
    in its unique index."""
    where = [*(f"{_quote(name)} = %s" for name in equal), f"{_quote(column)} = k.id::{_kind(table, column)}"]
    return (f"SELECT t.* FROM json_array_elements_text(%s::json) AS k(id) CROSS JOIN LATERAL "
            f"(SELECT {', '.join(_quote(name) for name in names)} FROM {_quote(table.name)} "
            f"WHERE {' AND '.join(where)} OFFSET 0) AS t")


def ping_after_rest(engine: Engine) -> None:
    """Check a pooled connection before use only when it has rested ``REST_BEFORE_PING`` seconds:
    one lost to a database restart overnight is replaced before a laptop's request meets it, while
    under load, with connections back in the pool within milliseconds, no request pays a round trip
    for the check (``pool_pre_ping`` pays it every time). A connection the database drops while
    in use fails its statement: the request gets 503 with Retry-After, which the laptop retries,
    and the pool's other connections are replaced."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection, record) -> None:
        record.info["rested_from"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection, record, _proxy) -> None:
        rested_from = record.info.get("rested_from")
        if rested_from is None or time.monotonic() - rested_from < REST_BEFORE_PING:
            return  # new, or back in the pool only a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError("the database dropped this connection") from error  # the pool connects afresh
