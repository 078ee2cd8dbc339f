"""Head office's schema changes that need more than a new nullable column: run once, in order, at start.

``db.connect`` makes missing tables and adds new columns; then ``upgrade`` runs each migration the
database has not had yet, in one transaction with the version it reaches, so a server stopped half
way starts the same migration again next time. ``serve`` connects once before its workers start,
so a migration never runs twice at the same moment.
"""

from __future__ import annotations

from sqlalchemy import Index, inspect, select, text
from sqlalchemy.engine import Connection, Engine

from app.server import summaries
from app.server.db import schema_version
from app.server.db import summaries as summary_table


def typed_summaries(conn: Connection) -> None:
    """Summaries keep typed columns instead of a JSON object: the old column goes, every row is rebuilt."""
    if "fields" in {c["name"] for c in inspect(conn).get_columns(summary_table.name)}:
        conn.execute(text(f"ALTER TABLE {summary_table.name} DROP COLUMN fields"))
    for index in summary_table.indexes:
        Index.create(index, conn, checkfirst=True)
    summaries.rebuild(conn)


MIGRATIONS = [typed_summaries]  # append only; the database's version is how many it has had


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
