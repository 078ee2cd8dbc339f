"""Where a head-office worker's memory goes: its resident size at each stage of an evening burst.

Not a target of its own (bench/server_load.py reports the peak against 200 MB); this says what the
peak is made of. The server runs in this process, as one uvicorn worker does, so this process can
read its own size and collect its garbage; the laptops run in another process, as in server_load.

Stages: Python alone, after importing the server, serving at rest, after the first two laptops
synced, then the peak while 500 laptops set off at once, after them, after ``gc.collect()``, and
after glibc hands freed memory back (``malloc_trim``). Also SQLAlchemy's compiled-statement cache.
``python -m bench.worker_memory [LIMIT [DATABASE]]`` runs it; LIMIT is uvicorn's --limit-concurrency
(0 for none), DATABASE a PostgreSQL URL (else a new SQLite file).
"""

from __future__ import annotations

import ctypes
import gc
import subprocess
import sys
import tempfile
import threading
from contextlib import AbstractContextManager
from pathlib import Path

LOAD = """
import asyncio, sys, tempfile
from pathlib import Path
from app.server import db
from bench import server_load
server_load.LAPTOPS = int(sys.argv[3])
engine = db.connect(sys.argv[2])
meeting = server_load.evening(Path(tempfile.mkdtemp()))
laptops = asyncio.run(server_load.enrol_laptops(sys.argv[1], engine))
timings = asyncio.run(server_load.load(sys.argv[1], laptops, meeting, None))
print(f"    {len(timings.laptops)} laptops finished, {timings.busy} told to come back, {timings.errors} errors")
"""


def status(key: str) -> float:
    line = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith(key))
    return int(line.split()[1]) / 1024


def stage(what: str) -> None:
    print(f"{what:34s} {status('VmRSS:'):6.0f} MB now, {status('VmHWM:'):6.0f} MB peak so far, "
          f"{threading.active_count()} threads", flush=True)


def serving(app, limit: int | None) -> AbstractContextManager[str]:
    from app.server.serve import serving_in_thread

    return serving_in_thread(app, log_level="error", limit_concurrency=limit, patience_s=30)


def laptops(url: str, database: str, how_many: int) -> None:
    subprocess.run([sys.executable, "-c", LOAD, url, database, str(how_many)], check=True,
                   cwd=Path(__file__).resolve().parents[1])


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] != "0" else None
    stage("Python alone")
    from app.server.app import create_app

    stage("server imported")
    database = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:///{tempfile.mkdtemp()}/head-office.sqlite"
    app = create_app(database)
    with serving(app, limit) as url:
        stage("serving, at rest")
        laptops(url, database, 2)
        stage("two laptops synced")
        laptops(url, database, 500)
        stage(f"500 at once (limit {limit})")
        print(f"    SQLAlchemy's compiled cache: {len(app.state.engine._compiled_cache)} statements")
        gc.collect()
        stage("after gc.collect()")
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
            stage("after malloc_trim(0)")
        except OSError:
            pass


if __name__ == "__main__":
    main()
