"""Head office's CPU time per change, in process: 20,000 laptop changes applied in batches of 1,000.

The changes are a laptop's own (20,000 members added, as in bench/sync_throughput.py), parsed
into the push's model once beforehand, so the figure is only ``apply_ops`` and its transaction:
the checks, the merge, the digests, the reads and writes. Then the same batches are sent again,
which head office must answer as duplicates without applying anything twice.

Baseline in the same run: the same changes stored with one ``executemany`` a batch into a bare
table (as bench/bare_server.py stores them), on the same database. ``QUORUM_BENCH_POSTGRES_URL``
adds a run on PostgreSQL (two fresh databases made beside the one named, dropped at the end);
``QUORUM_BENCH_SQLITE=0`` leaves SQLite out; ``QUORUM_BENCH_PROFILE=1`` prints cProfile's top
entries of the first pass (``QUORUM_BENCH_PROFILE_SORT=tottime`` sorts them by their own time).
Not part of ``make bench``: it has no target of its own, it is head office's share of
bench/sync_throughput.py, measured where the machine's load matters least.
"""

from __future__ import annotations

import cProfile
import gc
import json
import os
import pstats
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine.default import DefaultDialect

from app.model import Association
from app.server import admin, db, summaries
from app.server.apply import apply_ops
from app.server.protocol import Op
from app.services import AssociationFile
from app.store import inbox
from app.sync.session import BATCH
from bench.sync_throughput import CHANGES, NAME, members


def laptop_ops(folder: Path) -> list[dict]:
    chair = AssociationFile.create_in(folder, Association(NAME))
    chair.register.add_members(members(CHANGES))
    ops = [{k: v for k, v in op.items() if k != "seq"} for op in inbox.unsent(chair.store)]
    chair.close()
    return ops


def head_office(url: str, device_of: str) -> tuple:
    """A fresh head office with the association and its chair's laptop enrolled (the laptop's device id kept)."""
    engine = db.connect(url)
    code = admin.create_association(engine, NAME)
    with db.writing(engine) as conn:
        enrolled = admin.exchange_code(conn, code, "chair", None)
        conn.execute(text("UPDATE devices SET id = :new WHERE id = :old"), {"new": device_of, "old": enrolled["device_id"]})
    return engine, enrolled["association_id"]


class Timed:
    """Seconds spent in one function (summaries.keep: kept by the push, but owned apart from the per-change path)."""

    def __init__(self, owner, name: str) -> None:
        self.owner, self.name, self.original, self.seconds = owner, name, getattr(owner, name), 0.0

    def __enter__(self) -> Timed:
        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.seconds += time.process_time() - start
        setattr(self.owner, self.name, timed)
        return self

    def __exit__(self, *_) -> None:
        setattr(self.owner, self.name, self.original)


def applied(engine, association_id: str, device_id: str, batches: list[list[Op]], answer: str,
            profile=None) -> tuple[float, float]:
    """CPU seconds of this process, and seconds on the clock, to apply every batch, each in its own write
    transaction (the machine is shared: waiting for a core is not head office's work; PostgreSQL's own
    work is in its server's processes, so only the clock has it). Every change must get ``answer``."""
    start, clock = time.process_time(), time.perf_counter()
    if profile:
        profile.enable()
    answers = []
    for batch in batches:
        with db.writing(engine) as conn:
            answers += apply_ops(conn, association_id, device_id, batch)
    if profile:
        profile.disable()
    took = time.process_time() - start, time.perf_counter() - clock
    wrong = [r for r in answers if r.status != answer]
    if wrong:
        raise SystemExit(f"{len(wrong)} changes were answered other than {answer}, the first {wrong[0]}")
    return took


def bare(url: str, ops: list[dict]) -> tuple[float, float]:
    """CPU seconds and seconds on the clock to store the same changes with one executemany a batch, no checks."""
    engine = create_engine(db.database_url(url))
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE ops (seq BIGINT PRIMARY KEY, association TEXT, device TEXT, "
                             "op_id TEXT, body TEXT)")
    mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    start, clock = time.process_time(), time.perf_counter()
    for at in range(0, len(ops), BATCH):
        with engine.begin() as conn:
            conn.exec_driver_sql(f"INSERT INTO ops VALUES ({mark}, {mark}, {mark}, {mark}, {mark})",
                                 [(at + n, "a", "d", op["op_id"], json.dumps(op))
                                  for n, op in enumerate(ops[at:at + BATCH])])
    took = time.process_time() - start, time.perf_counter() - clock
    engine.dispose()
    return took


def run(where: str, url: str, bare_url: str, ops: list[dict]) -> None:
    device_id = ops[0]["op_id"].partition(":")[0]
    batches = [[Op.model_validate(op) for op in ops[at:at + BATCH]] for at in range(0, len(ops), BATCH)]
    gc.collect()
    gc.freeze()  # the harness's own 20,000 changes, twice over, out of the collector's way: a worker holds one push
    engine, association_id = head_office(url, device_id)
    profile = cProfile.Profile() if os.environ.get("QUORUM_BENCH_PROFILE") else None
    with Timed(summaries, "keep") as keeping, Timed(DefaultDialect, "do_commit") as committing:
        first, wall = applied(engine, association_id, device_id, batches, "ok", profile)
    again, _ = applied(engine, association_id, device_id, batches, "duplicate")
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT count(*) FROM records")).scalar_one()
    engine.dispose()
    if kept != len(ops):
        raise SystemExit(f"head office kept {kept} of {len(ops)} changes")
    baseline, bare_wall = bare(bare_url, ops)
    per_change = first / len(ops) * 1e6
    own = (first - keeping.seconds - committing.seconds) / len(ops) * 1e6
    print(f"head_office_apply_{where}: {per_change:.0f} µs of CPU a change ({first:.2f} s: summaries "
          f"{keeping.seconds:.2f} s, commits {committing.seconds:.2f} s, the rest {own:.0f} µs a change; {wall:.2f} s "
          f"on the clock; sent again {again:.2f} s) (baseline {baseline / len(ops) * 1e6:.0f} µs of CPU a change, "
          f"executemany ({baseline:.2f} s; {bare_wall:.2f} s on the clock)) ratio {first / baseline:.2f}", flush=True)
    if profile:
        pstats.Stats(profile).sort_stats(os.environ.get("QUORUM_BENCH_PROFILE_SORT", "cumulative")).print_stats(45)


def postgres(base: str) -> tuple[str, str, object]:
    """Two fresh databases beside ``base`` (dropped by the returned function)."""
    root = base.rstrip("/").rsplit("/", 1)[0] if base.count("/") > 3 else base.rstrip("/")
    admin_engine = create_engine(db.database_url(f"{root}/postgres"), isolation_level="AUTOCOMMIT")
    names = [f"quorum_apply_{uuid.uuid4().hex[:8]}", f"quorum_bare_{uuid.uuid4().hex[:8]}"]
    with admin_engine.connect() as conn:
        for name in names:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")

    def drop() -> None:
        with admin_engine.connect() as conn:
            for name in names:  # without FORCE, which may not end the autovacuum of a table just filled
                for _ in range(30):
                    if not conn.exec_driver_sql("SELECT 1 FROM pg_stat_activity WHERE datname = %s",
                                                (name,)).first():
                        break
                    time.sleep(1)
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        admin_engine.dispose()

    return f"{root}/{names[0]}", f"{root}/{names[1]}", drop


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        ops = laptop_ops(folder)
        if os.environ.get("QUORUM_BENCH_SQLITE", "1") != "0":
            run("sqlite", f"sqlite:///{folder / 'head-office.sqlite'}", f"sqlite:///{folder / 'bare.sqlite'}", ops)
        base = os.environ.get("QUORUM_BENCH_POSTGRES_URL")
        if base:
            url, bare_url, drop = postgres(base)
            try:
                run("postgres", url, bare_url, ops)
            finally:
                drop()


if __name__ == "__main__":
    main()
