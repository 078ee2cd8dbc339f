"""Head office's schema changes that need more than a new nullable column: run once, in order, at start.

``db.connect`` makes missing tables and adds new columns; then ``upgrade`` runs each migration the
database has not had yet, in one transaction with the version it reaches, so a server stopped half
way starts the same migration again next time. ``serve`` connects once before its workers start,
so a migration never runs twice at the same moment.
"""

from __future__ import annotations

import json

from sqlalchemy import Index, inspect, select, text, tuple_
from sqlalchemy.engine import Connection, Engine

from app.server import summaries
from app.server.db import applied_ops, changes, kept_clocks, records, schema_version, update_rows
from app.server.db import summaries as summary_table


def typed_summaries(conn: Connection) -> None:
    """Summaries keep typed columns instead of a JSON object: the old column goes, every row is rebuilt."""
    if "fields" in {c["name"] for c in inspect(conn).get_columns(summary_table.name)}:
        conn.execute(text(f"ALTER TABLE {summary_table.name} DROP COLUMN fields"))
    for index in summary_table.indexes:
        Index.create(index, conn, checkfirst=True)
    summaries.rebuild(conn)


def fewer_index_entries(conn: Connection) -> None:
    """Less written for each change: ``records_by_entity`` goes (the primary key starts with the same
    columns), the meeting indexes leave out records of no meeting and the overview's index the kinds
    it does not count; on SQLite, ``changes`` and ``applied_ops`` are kept in their primary key's
    order (WITHOUT ROWID), one b-tree each instead of two. Every row is copied as it was."""
    conn.execute(text("DROP INDEX IF EXISTS records_by_entity"))
    for index in (*records.indexes, *summary_table.indexes):
        conn.execute(text(f"DROP INDEX IF EXISTS {index.name}"))
        index.create(conn)
    if conn.dialect.name == "sqlite":
        for table in (changes, applied_ops):
            _made_again(conn, table)


def clocks_kept_once(conn: Connection) -> None:
    """Less written for each change, and a pull's hlc read, not worked out.

    Each record's clocks are kept once (``db.kept_clocks``): its new ``stamp`` column (added empty by
    ``db.connect``) is filled with its latest field stamp, which pulls used to work out from the
    clocks with ``json_each``, and ``clocks`` keeps only the fields of another stamp; every record
    reads back with the clocks it had. PostgreSQL then makes ``stamp`` NOT NULL; SQLite cannot alter
    a column in place, so there it stays nullable, and every write fills it.

    ``applied_ops`` loses ``batch_id`` and ``applied``: nothing read them. A resent op is answered
    from its op id, digest and kept answer, whatever batch it comes in, and no page, export or
    command shows an officer either.
    """
    key = (records.c.association_id, records.c.entity, records.c.record_id)
    query = select(*key, records.c.doc, records.c.clocks).order_by(*key).limit(2000)
    page = conn.execute(query).all()
    while page:  # a page at a time, in the key's order, so a large database is never all in memory
        update_rows(conn, records, ("clocks", "stamp"), ("association_id", "entity", "record_id"),
                    [(*kept_clocks(json.loads(doc), json.loads(clocks)), *named) for *named, doc, clocks in page])
        page = conn.execute(query.where(tuple_(*key) > tuple_(*page[-1][:3]))).all()
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE records ALTER COLUMN stamp SET NOT NULL"))
        conn.execute(text("ALTER TABLE applied_ops DROP COLUMN IF EXISTS batch_id, DROP COLUMN IF EXISTS applied"))
    else:
        _made_again(conn, applied_ops)


def _made_again(conn: Connection, table) -> None:
    """The table made again as ``db`` has it now: WITHOUT ROWID where it says so, with only its present
    columns, without the foreign keys it no longer declares (SQLite can alter none of them in place), its
    rows copied and its indexes made anew; nothing done if it is so already."""
    made = conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :name"),
                        {"name": table.name}).scalar_one()
    found = inspect(conn)
    had = {column["name"] for column in found.get_columns(table.name)}
    rowid = table.dialect_options["sqlite"]["with_rowid"] is not False
    if (("WITHOUT ROWID" not in made.upper()) == rowid and had == {column.name for column in table.columns}
            and bool(found.get_foreign_keys(table.name)) == bool(table.foreign_keys)):
        return
    names = ", ".join(column.name for column in table.columns)
    indexes = [index["name"] for index in found.get_indexes(table.name)]
    conn.execute(text(f"ALTER TABLE {table.name} RENAME TO {table.name}_before"))
    for index in indexes:  # moved with the table, keeping the names the new table's indexes take
        conn.execute(text(f"DROP INDEX {index}"))
    table.create(conn)
    conn.execute(text(f"INSERT INTO {table.name} ({names}) SELECT {names} FROM {table.name}_before"))
    conn.execute(text(f"DROP TABLE {table.name}_before"))


def foreign_keys_on_sqlite_only(conn: Connection) -> None:
    """On PostgreSQL, the foreign keys from the tables written for every change to ``associations`` go
    (``app.server.db`` says why); SQLite keeps its own. Nothing else changes."""
    if conn.dialect.name != "postgresql":
        return
    found = inspect(conn)
    for table in (applied_ops, records, summary_table, changes):
        for key in found.get_foreign_keys(table.name):
            conn.execute(text(f'ALTER TABLE {table.name} DROP CONSTRAINT "{key["name"]}"'))


def no_foreign_keys_on_sqlite(conn: Connection) -> None:
    """On SQLite too, the tables written for every change lose their foreign keys to ``associations``
    (``app.server.db`` says why): each is made again without them, every row copied as it was. The
    other tables keep theirs."""
    if conn.dialect.name == "sqlite":
        for table in (applied_ops, records, summary_table, changes):
            _made_again(conn, table)


def members_and_attendance_counted(conn: Connection) -> None:
    """Less written for each change: a member and an attendance no longer have a summaries row. The
    association's current members are counted on its row of ``associations`` (its ``members`` column,
    added empty by ``db.connect``) and a meeting's attendance on the meeting's row, as before; the
    overview's index leaves out the members' rows it counted. The summaries are rebuilt from the records."""
    kinds = next(index for index in summary_table.indexes if index.name == "summaries_by_kind")
    conn.execute(text(f"DROP INDEX IF EXISTS {kinds.name}"))
    kinds.create(conn)
    summaries.rebuild(conn)


# append only; the database's version is how many it has had
MIGRATIONS = [typed_summaries, fewer_index_entries, clocks_kept_once, foreign_keys_on_sqlite_only,
              no_foreign_keys_on_sqlite, members_and_attendance_counted]


def version(conn: Connection) -> int:
    return conn.execute(select(schema_version.c.version)).scalar() or 0


def upgrade(engine: Engine) -> None:
    with engine.begin() as conn:
        reached = version(conn)
        for migration in MIGRATIONS[reached:]:
            migration(conn)
        if reached < len(MIGRATIONS):
            conn.execute(schema_version.delete())
            conn.execute(schema_version.insert().values(version=len(MIGRATIONS)))
