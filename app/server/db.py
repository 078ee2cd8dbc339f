"""Head office's tables, through SQLAlchemy Core: a SQLite file by default, PostgreSQL by URL.

Every association has its own sequence (``associations.last_seq``), bumped under a row lock by
the one write path, so pulls see changes in the order they were committed, whatever the number
of server workers.

Reads (token checks, pulls, pages) go through ``reading``, each statement a transaction of its own
(in WAL mode on SQLite), which never waits for the writer; writes go through ``writing`` (BEGIN
IMMEDIATE on SQLite, so two writers queue instead of failing).
"""

from __future__ import annotations

import functools
import json
import operator
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.postgresql import psycopg as postgresql_psycopg
from sqlalchemy.engine import Engine, make_url

from app.server import driver, postgres

metadata = MetaData()

associations = Table(
    "associations", metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created", String(40), nullable=False),
    Column("last_seq", BigInteger, nullable=False, default=0),
    Column("oldest_seq", BigInteger, nullable=False, default=0),  # cursors below this get 410
    Column("last_sync", String(40)),
    # Its current members (those who have not left), which the overview shows: kept by app.server.summaries.
    Column("members", Integer, nullable=False, default=0, server_default="0"),
)

enrolment_codes = Table(
    "enrolment_codes", metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("association_id", String(40), ForeignKey("associations.id"), nullable=False),
    Column("expires", String(40), nullable=False),
    Column("used", String(40)),
    Column("device_id", String(64)),
    Column("laptop_key", String(64)),  # digest of the key of the laptop that used it, to answer a retry alike
)

devices = Table(
    "devices", metadata,
    Column("id", String(64), primary_key=True),
    Column("association_id", String(40), ForeignKey("associations.id"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("name", String(100), nullable=False, default=""),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("enrolled", String(40), nullable=False),
    Column("last_seen", String(40)),
)

staff_users = Table(
    "staff_users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String(320), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("created", String(40), nullable=False),
    Column("role", String(20), nullable=False, server_default="administrator"),  # or "officer"
)

patches = Table(  # the associations a housing officer looks after; an administrator sees them all
    "staff_patches", metadata,
    Column("user_id", Integer, ForeignKey("staff_users.id"), primary_key=True),
    Column("association_id", String(40), ForeignKey("associations.id"), primary_key=True),
)

staff_sessions = Table(
    "staff_sessions", metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("staff_users.id"), nullable=False),
    Column("expires", Float, nullable=False),
)

attempts = Table(  # failed logins and enrolments per address or email, for throttling across workers
    "throttles", metadata,
    Column("key", String(400), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("next_allowed", Float, nullable=False),  # no try with this key is checked before then
    Column("last", Float, nullable=False),
)

applied_ops = Table(
    "applied_ops", metadata,
    Column("op_id", String(200), primary_key=True),
    Column("association_id", String(40), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("digest", String(64), nullable=False),  # to spot one op id reused for a different change
    Column("status", String(20), nullable=False),
    Column("code", String(40), nullable=False, default=""),
    Column("reason", Text, nullable=False, default=""),
    sqlite_with_rowid=False,  # its key is all it is found by: one b-tree written per op, not two
)

records = Table(
    "records", metadata,
    Column("association_id", String(40), primary_key=True),
    Column("entity", String(40), primary_key=True),
    Column("record_id", String(100), primary_key=True),
    Column("doc", Text, nullable=False),  # the record's fields, as JSON
    # Each field's hybrid-logical-clock stamp, kept once (``kept_clocks``): the latest in ``stamp``, what a
    # pull sends as the record's; in ``clocks`` (JSON) only the fields of another stamp, nearly always none.
    Column("clocks", Text, nullable=False),
    Column("stamp", String(120), nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("seq", BigInteger, nullable=False),
    Column("updated", String(40), nullable=False),
    Column("meeting_id", String(100)),  # the doc's meeting_id, so one meeting's record is read without the rest
)


def kept_clocks(doc: dict, clocks: dict[str, str]) -> tuple[str, str]:
    """A record's clocks as ``records`` keeps them: (its ``clocks`` column, its ``stamp`` column).

    Nearly every record has one stamp on every field (it was made by one change and not changed
    since), and its clocks written out in full were about 73% of its row's bytes: JSON made, inserted
    and written to the WAL for each change. So ``stamp`` is the latest field stamp, and ``clocks``
    holds as JSON only what ``stamp`` and the doc's field names do not say: a field of another stamp,
    a stamped field the doc does not hold (a tombstone keeps its clocks but no fields), and a field of
    the doc with no stamp, as null. ``clocks_of`` reads it back as it was.
    """
    stamp = max(clocks.values(), default="")
    others: dict[str, str | None] = {name: at for name, at in clocks.items() if at != stamp or name not in doc}
    if not others and len(doc) == len(clocks):
        return "{}", stamp
    others.update((name, None) for name in doc if name not in clocks)
    return json.dumps(others), stamp


def clocks_of(doc: dict, clocks: str, stamp: str) -> dict[str, str]:
    """Each field's stamp, from a record's decoded ``doc`` and its kept ``clocks`` and ``stamp`` (see ``kept_clocks``)."""
    found = dict.fromkeys(doc, stamp)
    if clocks != "{}":
        for name, at in json.loads(clocks).items():
            if at is None:
                del found[name]
            else:
                found[name] = at
    return found


def fields_and_clocks(doc: str, clocks: str, stamp: str) -> tuple[dict, dict[str, str]]:
    """A record's fields and each field's stamp, from its row's ``doc``, ``clocks`` and ``stamp`` as kept."""
    fields = json.loads(doc)
    return fields, clocks_of(fields, clocks, stamp)


# An association's records of one kind are found through the primary key; those of one meeting through
# this index, which leaves out the records of no meeting (members, the association, its rules).
Index("records_by_meeting", records.c.association_id, records.c.meeting_id,
      sqlite_where=records.c.meeting_id.is_not(None), postgresql_where=records.c.meeting_id.is_not(None))

summaries = Table(  # what the overview and the CSV files read, kept by the write path as changes arrive
    "summaries", metadata,
    Column("association_id", String(40), primary_key=True),
    Column("entity", String(40), primary_key=True),
    Column("record_id", String(100), primary_key=True),
    Column("kind", String(40), nullable=False, default=""),  # what the overview counts by (see app.server.summaries)
    Column("meeting_id", String(100)),
    # The fields the pages show, typed (app.server.summaries says which entity fills which), so a CSV
    # file is one ORDER BY written as it is read. A motion's and an action's day and heading are
    # their meeting's, and a meeting's present/apologies/guests count its attendance: kept by the
    # write path whenever either side changes.
    Column("day", String(10)),  # ISO date
    Column("time", Text),
    Column("heading", Text),
    Column("status", Text),
    Column("minutes_status", Text),
    Column("text", Text),  # a motion's wording, an action's description, an association's area
    Column("owner", Text),
    Column("due", String(10)),
    Column("completed", String(10)),
    Column("votes_for", Integer),
    Column("votes_against", Integer),
    Column("abstentions", Integer),
    Column("carried", Boolean),
    Column("result_text", Text),
    Column("position", Integer),
    Column("present", Integer),
    Column("apologies", Integer),
    Column("guests", Integer),
)
# What the overview counts, over every association: only the kinds it counts are in the index, and a
# query uses it only if it says ``OVERVIEW_KINDS`` in its WHERE word for word (a partial index). OR-ed,
# not IN (...): SQLite builds a table for an IN of more than two values at every row inserted.
OVERVIEW_KINDS = text("(entity = 'association' OR entity = 'meeting' OR entity = 'action')")
Index("summaries_by_kind", summaries.c.entity, summaries.c.kind, summaries.c.association_id,
      sqlite_where=OVERVIEW_KINDS, postgresql_where=OVERVIEW_KINDS)
# A meeting's parts (motions, actions); the rows of no meeting are left out.
Index("summaries_by_meeting", summaries.c.association_id, summaries.c.entity, summaries.c.meeting_id,
      summaries.c.kind, sqlite_where=summaries.c.meeting_id.is_not(None),
      postgresql_where=summaries.c.meeting_id.is_not(None))

schema_version = Table(  # how many of app.server.migrations.MIGRATIONS the database has had
    "head_office_schema", metadata,
    Column("version", Integer, nullable=False),
)

changes = Table(  # what each pull walks: one row per record change, in the association's order
    "changes", metadata,
    Column("association_id", String(40), primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("entity", String(40), nullable=False),
    Column("record_id", String(100), nullable=False),
    Column("device_id", String(64)),  # whose change it was; NULL when every laptop must see it
    sqlite_with_rowid=False,  # rows in the order pulls read them, one b-tree written per change, not two
)

# The tables written for every change (``applied_ops``, ``records``, ``summaries``, ``changes``) name
# their association but have no foreign key to it: the association is never deleted, and every write
# to them runs after its row is locked (``apply._LOCK``). PostgreSQL checked a key with a query of its
# own for each row (a push's 280, a fifth of its CPU); SQLite with a lookup in a primary key for each
# row of each table (1.8% of a push's instructions). ``migrations.foreign_keys_on_sqlite_only`` and
# ``migrations.no_foreign_keys_on_sqlite`` drop them from older databases.

# Columns whose every value is a JSON text (``info["json"]``): PostgreSQL is sent them as they are
# (``app.server.postgres``), not escaped as strings.
for _column in (records.c.doc, records.c.clocks):
    _column.info["json"] = True

# PostgreSQL connections a worker keeps open: as many as the requests it serves at once in a burst,
# so that none is opened and closed again for each request (at 5, a run of 500 laptops with 20 in
# flight opened 50 more, each a password exchange and a new PostgreSQL process); a few more beyond,
# closed after use. Up to three workers stay within PostgreSQL's default of 100 connections.
POOL_SIZE, POOL_OVERFLOW = 20, 10
_sqlite_quote = sqlite.dialect().identifier_preparer.quote
IDS_PER_QUERY = 400  # record ids in one IN (...), well inside every database's limit


class Read(NamedTuple):
    """A read's statements and their parameters (several on SQLite for a long list of ids), to run alone
    or with others (``at_once``)."""

    statements: tuple[tuple[str, tuple], ...]


def at_once(conn, *reads: Read) -> list[list[tuple]]:
    """The rows of each read: on PostgreSQL sent together, one round trip for them all
    (``driver.run_each``); on SQLite, whose reads cost no trip, one after another."""
    answers = iter(driver.run_each(conn, [statement for read in reads for statement in read.statements],
                                   prepare=conn.dialect.name == "postgresql"))
    return [[row for _ in read.statements for row in next(answers)] for read in reads]


def rows_named(conn, table: Table, association_id: str, keys, columns: tuple[str, ...]) -> list[tuple]:
    """Rows of ``table`` (``records`` or ``summaries``: entity, record_id and ``columns``) for (entity,
    record id) pairs (``named``)."""
    return at_once(conn, named(conn, table, association_id, keys, columns))[0]


def named(conn, table: Table, association_id: str, keys, columns: tuple[str, ...]) -> Read:
    """``rows_named``'s read: the pairs joined to the primary key, on PostgreSQL one query for them all, on
    SQLite one for a few hundred pairs of any kinds (SQLite answers ``(entity, record_id) IN (...)``
    by scanning every record of the association)."""
    keys = list(keys)
    if conn.dialect.name == "postgresql":
        return Read((postgres.named(table, association_id, keys, columns),) if keys else ())
    return Read(tuple(_named_on_sqlite(table, association_id, keys, columns)))


def _named_on_sqlite(table: Table, association_id: str, keys: list, columns: tuple[str, ...]) -> Iterator[tuple[str, tuple]]:
    """The pairs as a table of constants joined to the primary key: one query for a few hundred of any kinds.
    A short last list is padded with a pair no record has, to one of a few lengths (SQLite's statement cache)."""
    for at in range(0, len(keys), IDS_PER_QUERY):
        chunk = keys[at:at + IDS_PER_QUERY]
        size = min(IDS_PER_QUERY, 1 << (len(chunk) - 1).bit_length())
        yield (_sqlite_named_sql(table, columns, size),
               (*(v for key in chunk for v in key), *("", "") * (size - len(chunk)), association_id))


@functools.cache
def _sqlite_named_sql(table: Table, columns: tuple[str, ...], size: int) -> str:
    name = _sqlite_quote(table.name)
    wanted = ", ".join(f"{name}.{_sqlite_quote(column)}" for column in ("entity", "record_id", *columns))
    return (f"WITH named(entity, record_id) AS (VALUES {', '.join(['(?, ?)'] * size)}) SELECT {wanted} "
            f"FROM named JOIN {name} ON {name}.association_id = ? AND {name}.entity = named.entity "
            f"AND {name}.record_id = named.record_id")


def among_ids(conn, table: Table, names: tuple[str, ...], equal: tuple[str, ...], values: tuple, among: str,
              ids: list) -> Read:
    """The read of the rows of ``table`` (the columns ``names``) where the ``equal`` columns have these
    ``values`` and ``among`` is one of ``ids`` (run by ``at_once``), in the driver's own SQL. SQLAlchemy
    renders an expanding ``IN`` again for every call. On SQLite a few hundred ids a query, a short last list padded to one of a few sizes
    by repeating its last id (so SQLite's statement cache keeps a few statements); on PostgreSQL all
    of them in one parameter."""
    if not ids:
        return Read(())
    if conn.dialect.name == "postgresql":
        return Read((postgres.among(table, names, equal, values, among, list(ids)),))
    return Read(tuple(_sqlite_among(table, names, equal, values, among, ids[at:at + IDS_PER_QUERY])
                      for at in range(0, len(ids), IDS_PER_QUERY)))


def select_in_each(conn, table: Table, names: tuple[str, ...], parts: tuple[tuple[tuple[str, ...], tuple, str, list], ...]
                   ) -> list[tuple]:
    """The rows of ``among_ids`` for each of ``parts`` (its ``equal`` columns, their ``values``, ``among`` and
    its ``ids``; a part with no ids left out) in one statement: their SELECTs joined by UNION ALL, each
    answered from its own index as it would be alone, for one trip instead of several. A part names a few
    ids, at most ``IDS_PER_QUERY``."""
    parts = tuple(part for part in parts if part[3])
    if not parts:
        return []
    if conn.dialect.name == "postgresql":
        return postgres.among_each(conn, table, names, parts)
    each = [_sqlite_among(table, names, equal, values, among, ids) for equal, values, among, ids in parts]
    return driver.run(conn, " UNION ALL ".join(sql for sql, _ in each), tuple(v for _, asked in each for v in asked))


def _sqlite_among(table: Table, names: tuple[str, ...], equal: tuple[str, ...], values: tuple, among: str,
                  ids: list) -> tuple[str, tuple]:
    """``among_ids``'s statement on SQLite for up to ``IDS_PER_QUERY`` ids, and its parameters: the ids
    padded to one of a few lengths by repeating the last (so SQLite's statement cache keeps a few statements)."""
    size = min(IDS_PER_QUERY, 1 << (len(ids) - 1).bit_length())
    return (_sqlite_among_sql(table, names, equal, among, size), (*values, *ids, *[ids[-1]] * (size - len(ids))))


@functools.cache
def _sqlite_among_sql(table: Table, names: tuple[str, ...], equal: tuple[str, ...], among: str, size: int) -> str:
    where = [*(f"{_sqlite_quote(name)} = ?" for name in equal), f"{_sqlite_quote(among)} IN ({', '.join(['?'] * size)})"]
    return (f"SELECT {', '.join(_sqlite_quote(name) for name in names)} FROM {_sqlite_quote(table.name)} "
            f"WHERE {' AND '.join(where)}")


def rows_of(conn, statement, parameters: dict) -> list[tuple]:
    """The rows of a Core ``statement`` built once (a module's constant) with these bound ``parameters``,
    run on the driver's own cursor (``driver.run``; on PostgreSQL prepared on each connection): for
    the few read hundreds of times a second, whose execution through SQLAlchemy cost more than the
    database's work for them."""
    sql, names, defaults = _positional(conn.dialect.name, statement)
    asked = tuple(parameters[name] if name in parameters else defaults[name] for name in names)
    return driver.run(conn, sql, asked, prepare=conn.dialect.name == "postgresql")


@functools.lru_cache(maxsize=64)
def _positional(dialect: str, statement) -> tuple[str, tuple[str, ...], dict]:
    """``statement``'s text for the driver, with positional parameters: their names in order, and the defaults."""
    compiled = statement.compile(dialect=_POSITIONAL[dialect])
    return compiled.string, tuple(compiled.positiontup or ()), {name: bind.value for name, bind in compiled.binds.items()}


_POSITIONAL = {"postgresql": postgresql_psycopg.dialect(paramstyle="format"), "sqlite": sqlite.dialect()}


def insert_many(conn, table: Table, rows: list[dict]) -> None:
    """INSERT ``rows`` (dicts with the same keys), as ``insert_rows`` does."""
    if rows:
        names = list(rows[0])
        insert_rows(conn, table, names, [*map(_values_of(names), rows)])


def insert_rows(conn, table: Table, names, rows: Sequence[tuple]) -> None:
    """INSERT ``rows`` (tuples of the columns ``names``) in one statement.

    Through SQLAlchemy each row's parameters are built in Python, which cost more than the
    database's insert. On SQLite the rows go to the driver's own executemany; on PostgreSQL,
    whose driver sends each row of an executemany as a statement of its own, as one JSON array
    per column (``app.server.postgres``): one statement and one round trip for the lot.
    """
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        postgres.insert(conn, table, tuple(names), rows)
    else:
        driver.run_many(conn, _statement(conn, "INSERT INTO {table} ({names}) VALUES ({marks})", table, names), rows)


def update_many(conn, table: Table, rows: list[dict], keys: tuple[str, ...]) -> None:
    """UPDATE the rows named by their ``keys`` columns to the rest of their values, as ``update_rows`` does."""
    if rows:
        names = [name for name in rows[0] if name not in keys]
        update_rows(conn, table, names, keys, [*map(_values_of([*names, *keys]), rows)])


def _values_of(names: list[str]):
    """A dict's values of ``names``, as a tuple (each row made in C, not by a generator of Python's)."""
    if len(names) == 1:
        return lambda row: (row[names[0]],)
    return operator.itemgetter(*names)


def update_rows(conn, table: Table, names, keys: tuple[str, ...], rows: Sequence[tuple]) -> None:
    """UPDATE to the values of the columns ``names`` the rows named by the ``keys`` columns; each of
    ``rows`` is a tuple of the new values, then the keys, each row named once. As ``insert_rows``:
    an executemany on SQLite, one ``UPDATE ... FROM`` the JSON arrays' rows on PostgreSQL."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        postgres.update(conn, table, tuple(names), keys, rows)
    else:
        driver.run_many(conn, _statement(conn, "UPDATE {table} SET {sets} WHERE {where}", table, names, keys), rows)


def locking(conn, table: Table, column: str, key: str, value) -> Read:
    """The read of ``column`` of the row whose ``key`` column is ``value`` (run by ``at_once``), the row
    locked until the transaction ends: ``FOR UPDATE`` on PostgreSQL; on SQLite the writer holds the whole
    database already. On the driver's own cursor: it is run for every push, and through SQLAlchemy
    it cost more than the database's work."""
    form = "SELECT {names} FROM {table} WHERE {where}" + (" FOR UPDATE" if conn.dialect.name == "postgresql" else "")
    return Read(((_statement(conn, form, table, (column,), (key,)), (value,)),))


def update_one(conn, table: Table, key: str, value, **values) -> None:
    """UPDATE the row whose ``key`` column is ``value`` to ``values``, on the driver's own cursor
    (as ``locking``); inside ``together``, sent with the rest."""
    driver.write(conn, _statement(conn, "UPDATE {table} SET {sets} WHERE {where}", table, tuple(values), (key,)),
                 (*values.values(), value))


def add_to(conn, table: Table, key: str, value, column: str, amount: int) -> None:
    """Add ``amount`` to ``column`` of the row whose ``key`` column is ``value``, on the driver's own
    cursor (as ``update_one``)."""
    driver.write(conn, _statement(conn, "UPDATE {table} SET {names} = {names} + {marks} WHERE {where}", table,
                                  (column,), (key,)), (amount, value))


@contextmanager
def together(conn) -> Iterator[None]:
    """Send the block's writes (``insert_rows``, ``update_rows``, ``update_one``, ``add_to``) to PostgreSQL
    without waiting for each answer (psycopg's pipeline mode): one round trip for them all, at the
    block's end, where a failure of any of them is raised as SQLAlchemy raises it. A read on the
    driver's cursor inside (``rows_named``, ``rows_of``) goes with the writes queued before it and
    waits for its rows. A block inside another joins it. On SQLite nothing changes."""
    if conn.dialect.name != "postgresql":
        yield
        return
    with postgres.pipeline(conn):
        yield


def _statement(conn, form: str, table: Table, names, keys: tuple[str, ...] = ()) -> str:
    return _written(conn.dialect, form, table.name, tuple(names), keys)


@functools.lru_cache(maxsize=256)
def _written(dialect, form: str, table: str, names: tuple[str, ...], keys: tuple[str, ...]) -> str:
    """An INSERT or UPDATE's text, made once: a push runs a few, each made again cost more than running it."""
    quote, mark = dialect.identifier_preparer.quote, "?" if dialect.paramstyle == "qmark" else "%s"
    return form.format(table=quote(table), names=", ".join(quote(name) for name in names),
                       marks=", ".join(mark for _ in names),
                       sets=", ".join(f"{quote(name)} = {mark}" for name in names),
                       where=" AND ".join(f"{quote(name)} = {mark}" for name in keys))


def database_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` as psycopg 3 URLs; SQLite and others unchanged."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def connect(url: str) -> Engine:
    """An engine for head office's database, with the tables (and newer columns) made if they are missing."""
    url = database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True)
        _sqlite_writes_one_at_a_time(engine)
    else:
        engine = create_engine(url, hide_parameters=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
        postgres.ping_after_rest(engine)
    metadata.create_all(engine)
    _add_new_columns(engine)
    from app.server import migrations  # they read and write these tables

    migrations.upgrade(engine)
    return engine


def _add_new_columns(engine: Engine) -> None:
    """Columns added since a table was first made (each nullable or with a default), added in place;
    a record's meeting_id is filled from its document."""
    added = set()
    with engine.begin() as conn:
        found = inspect(conn)
        for table in metadata.sorted_tables:
            have = {c["name"] for c in found.get_columns(table.name)}
            for column in table.columns:
                if column.name not in have:
                    kind = column.type.compile(engine.dialect)
                    default = f" DEFAULT '{getattr(column.server_default, 'arg', '')}'" if column.server_default is not None else ""
                    conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}{default}'))
                    added.add((table.name, column.name))
        if ("records", "meeting_id") in added:
            _fill_meeting_ids(conn)


def _fill_meeting_ids(conn) -> None:
    found = conn.execute(select(records.c.association_id, records.c.entity, records.c.record_id, records.c.doc)
                         .where(records.c.doc.like('%"meeting_id"%'))).all()
    rows = [{"a": r.association_id, "e": r.entity, "r": r.record_id, "m": json.loads(r.doc).get("meeting_id")}
            for r in found]
    if rows:
        from sqlalchemy import bindparam

        conn.execute(records.update().where(records.c.association_id == bindparam("a"),
                                            records.c.entity == bindparam("e"), records.c.record_id == bindparam("r"))
                     .values(meeting_id=bindparam("m")), rows)


@contextmanager
def reading(engine: Engine) -> Iterator:
    """A connection for reading only, each statement a transaction of its own: it never waits for,
    or holds up, the writer.

    No BEGIN and ROLLBACK (on PostgreSQL two round trips, and a ROLLBACK makes psycopg drop its
    prepared statements). Each statement sees the database as last committed, as PostgreSQL's
    READ COMMITTED had it anyway: a pull reads the association's place before its changes, and
    lists none beyond that place.
    """
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT")
        else:  # SQLite's driver is in autocommit already (isolation_level None): see _on_begin
            conn.execution_options(quorum_reading=True)
        yield conn


def writing(engine: Engine):
    """A write transaction (``with writing(engine) as conn``), committed at the end of the block."""
    return engine.begin()


def _sqlite_writes_one_at_a_time(engine: Engine) -> None:
    """WAL, and BEGIN IMMEDIATE for every write, so two writers queue instead of failing; reads see the
    last committed state without waiting."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's begin event issue BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        if not connection.get_execution_options().get("quorum_reading"):  # a read begins nothing
            connection.exec_driver_sql("BEGIN IMMEDIATE")
