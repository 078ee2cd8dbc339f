"""Head office's CPU time per evening push on SQLite, in process, and where its writing goes.

The 74-change meeting of bench/server_load.py (``evening``), pushed once by each of 500 laptops of
250 associations, each push in its own write transaction as the server runs it, parsed into the
push's model beforehand. Prints the CPU time a push, the time in each table's statements (the writes,
and the reads that go through SQLAlchemy, by the table they name first; the reads by id run on the
driver's own cursor, ``app.server.driver``, are in the total only), in the commits and in
``summaries.keep``, and the pages
written to the WAL a commit (counted with the checkpoints left to the end, which is how much each
commit syncs). ``QUORUM_BENCH_ASSOCIATIONS`` changes the 250. Not part of ``make bench``: it has no
target of its own; it is the storing part of bench/server_load.py's server CPU, measured where the
machine's load matters least.
"""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine.default import DefaultDialect

from app.server import admin, db, summaries
from app.server.apply import apply_ops
from app.server.protocol import Op
from bench.head_office_apply import Timed
from bench.server_load import Laptop, evening

TABLES = ("records", "changes", "applied_ops", "summaries", "associations")
FRAME = 4096 + 24  # a WAL frame: its page and its header


def enrolled(engine, associations: int) -> list[Laptop]:
    """Two laptops for each association, enrolled as the chair and the secretary would be."""
    laptops = []
    for n in range(associations):
        name = f"Benchmark Street TRA {n}"
        for code in (admin.create_association(engine, name), admin.enrolment_code(engine, name)):
            with db.writing(engine) as conn:
                found = admin.exchange_code(conn, code, "benchmark", None)
            laptops.append(Laptop(found["device_id"], "", found["association_id"]))
    return laptops


def timed_statements(engine) -> Counter:
    """CPU seconds spent in statements, by the first of TABLES each names (kept up to date as they run)."""
    spent: Counter = Counter()
    started: list[float] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _before(*_) -> None:
        started.append(time.process_time())

    @event.listens_for(engine, "after_cursor_execute")
    def _after(_conn, _cursor, statement, *_) -> None:
        named = [(statement.find(table), table) for table in TABLES if table in statement]
        spent[min(named)[1] if named else "other"] += time.process_time() - started.pop()

    return spent


def run(folder: Path, meeting, associations: int, checkpoints: bool) -> tuple[float, Counter, float, float, int]:
    path = folder / f"head-office-{checkpoints}.sqlite"
    engine = db.connect(f"sqlite:///{path}")
    if not checkpoints:
        event.listen(engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA wal_autocheckpoint=0"))
        engine.dispose()  # connections made again, with the checkpoints left to the end
    pushes = [(laptop, [Op.model_validate(op) for op in meeting.for_laptop(laptop)])
              for laptop in enrolled(engine, associations)]
    spent = timed_statements(engine)
    gc.collect()
    gc.freeze()
    with Timed(summaries, "keep") as keeping, Timed(DefaultDialect, "do_commit") as committing:
        start = time.process_time()
        for laptop, ops in pushes:
            with db.writing(engine) as conn:
                answers = apply_ops(conn, laptop.association_id, laptop.device_id, ops)
            if any(a.status != "ok" for a in answers):
                raise SystemExit(f"a change was not applied: {next(a for a in answers if a.status != 'ok')}")
        took = time.process_time() - start
    gc.unfreeze()
    wal = path.with_name(path.name + "-wal")
    frames = wal.stat().st_size // FRAME if wal.exists() else 0
    engine.dispose()
    return took / len(pushes), spent, keeping.seconds / len(pushes), committing.seconds / len(pushes), \
        frames // len(pushes)


def main() -> None:
    associations = int(os.environ.get("QUORUM_BENCH_ASSOCIATIONS", 250))
    with tempfile.TemporaryDirectory() as temporary:
        meeting = evening(Path(temporary))
        per_push, spent, keeping, committing, _ = run(Path(temporary), meeting, associations, checkpoints=True)
        *_, frames = run(Path(temporary), meeting, associations, checkpoints=False)
    pushes = associations * 2
    tables = ", ".join(f"{table} {seconds / pushes * 1e3:.2f}" for table, seconds in spent.most_common())
    print(f"head_office_meetings_sqlite: {per_push * 1e3:.2f} ms of CPU a push of 74 changes ({pushes} pushes, "
          f"{associations} associations): statements by table (ms a push) {tables}; commits {committing * 1e3:.2f}, "
          f"summaries.keep {keeping * 1e3:.2f} (its statements included); {frames} WAL pages a commit", flush=True)


if __name__ == "__main__":
    main()
