"""Push then pull of 20,000 changes between two laptops' files through a real server on 127.0.0.1.

One laptop adds 20,000 members (20,000 queued changes) and syncs; a second laptop of the same
association, enrolled beforehand, then syncs and receives them all. Baseline: bare sqlite3, the
same 20,000 rows inserted with executemany into one file, read back and inserted into another.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from app.model import Association, Member
from app.server import admin, db
from app.services import AssociationFile
from app.store import inbox
from app.sync import enrol, join, sync
from bench.head_office import head_office
from bench.register import five_thousand
from bench.result import report

CHANGES = 20_000
NAME = "Benchmark Tenants' Association"


def bare_seconds(ops: list[dict], folder: Path) -> float:
    rows = [(op["op_id"], op["entity"], op["record_id"], op["kind"], json.dumps(op["payload"]), op["hlc"])
            for op in ops]
    table = "CREATE TABLE changes (op_id TEXT PRIMARY KEY, entity, record_id, kind, payload, hlc)"
    start = time.perf_counter()
    with closing(sqlite3.connect(folder / "one.sqlite")) as one, closing(sqlite3.connect(folder / "two.sqlite")) as two:
        with one:
            one.execute(table)
            one.executemany("INSERT INTO changes VALUES (?, ?, ?, ?, ?, ?)", rows)
        with two:
            two.execute(table)
            two.executemany("INSERT INTO changes VALUES (?, ?, ?, ?, ?, ?)", one.execute("SELECT * FROM changes"))
    return time.perf_counter() - start


def members(count: int) -> list[Member]:
    register = five_thousand()
    return [replace(register[n % len(register)], id="", address=f"{n} Long Road, Glasgow") for n in range(count)]


def main() -> None:
    os.environ["QUORUM_TOKEN_STORE"] = "file"  # never the keyring of whoever runs the benchmark
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        database = f"sqlite:///{folder / 'head-office.sqlite'}"
        with head_office(database, folder) as url:
            engine = db.connect(database)
            chair = AssociationFile.create_in(folder, Association(NAME))
            chair.register.add_members(members(CHANGES))
            enrol(chair, url, admin.create_association(engine, NAME))
            secretary = AssociationFile.open(join(folder / "secretary", url, admin.enrolment_code(engine, NAME)))
            ops = inbox.unsent(chair.store)
            start = time.perf_counter()
            sent = sync(chair).sent
            received = sync(secretary).received
            took = time.perf_counter() - start
            chair.close()
            secretary.close()
            engine.dispose()
        if sent < CHANGES or received < CHANGES:
            raise SystemExit(f"only {sent} changes sent and {received} received of {CHANGES}")
        bare = bare_seconds(ops, folder)
    quorum_rate, bare_rate = len(ops) / took, len(ops) / bare
    report("sync_throughput", f"{quorum_rate:,.0f} changes/s ({took:.1f} s)", f"{bare_rate:,.0f} changes/s",
           quorum_rate / bare_rate, "throughput ratio >= 0.5", quorum_rate / bare_rate >= 0.5)


if __name__ == "__main__":
    main()
