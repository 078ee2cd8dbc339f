"""Servers for the sync benchmarks, each in its own process on a free 127.0.0.1 port."""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


class Served(str):
    """The server's address, with the process id of the server (for its peak memory) and its database's URL."""

    pid: int
    database: str = ""


def peak_mb(pid: int) -> float:
    """The most resident memory the process (and its worker children) has had, in MB."""
    peaks = []
    for each in [pid, *_children(pid)]:
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except OSError:
            continue
        peaks.append(int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1]) / 1024)
    return max(peaks, default=0.0)


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) the process and its worker children have used so far.

    Unlike wall-clock times, it hardly moves with the machine's other load: the server's own cost.
    """
    total = 0
    for each in [pid, *_children(pid)]:
        try:
            fields = _stat(each)
        except OSError:
            continue  # ended just now
        total += int(fields[11]) + int(fields[12])  # utime and stime, fields 14 and 15 of proc(5)
    return total / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the process's name (proc(5)'s field 3 onwards)."""
    return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()


def database_cpu_seconds(database: str) -> float | None:
    """CPU time (user and system) a PostgreSQL on this machine has used so far: its postmaster's and
    its ended processes' (as the postmaster reaped them), and each running one's (connections,
    autovacuum, the WAL writer, the checkpointer). Every database of that PostgreSQL counts, so
    work others do there counts too. None for SQLite.
    """
    if not database.startswith(("postgresql", "postgres:")):
        return None
    postmaster = _postmaster(database)
    reaped = _stat(postmaster)[13:15]  # cutime and cstime: its processes that ended (one ending now counts here next)
    return cpu_seconds(postmaster) + sum(int(value) for value in reaped) / os.sysconf("SC_CLK_TCK")


@functools.cache
def _postmaster(database: str) -> int:
    """The process id of the PostgreSQL serving ``database``: the parent of this connection's backend
    (which any role may ask for; the checkpointer's row in pg_stat_activity only a privileged one sees)."""
    import psycopg

    with psycopg.connect(database.replace("postgresql+psycopg://", "postgresql://")) as conn:
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        status = Path(f"/proc/{backend}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("PPid:")).split()[1])


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(arguments: list[str], env: dict[str, str], port: int) -> Iterator[str]:
    """Start ``python ARGUMENTS``, wait until it answers on 127.0.0.1, stop it at the end.

    Its log goes to a file: a pipe nobody reads fills up and then blocks every request.
    """
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen([sys.executable, *arguments], cwd=ROOT, env={**os.environ, **env},
                                  stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"{url}/api/v1/meta", timeout=1)
                    break
                except httpx.HTTPError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise SystemExit(f"{arguments[0]} did not start:\n{log.read().decode()}") from None
                    time.sleep(0.1)
            served = Served(url)
            served.pid = server.pid
            yield served
        finally:
            server.terminate()
            server.wait(timeout=30)


@contextmanager
def head_office(database: str, folder: Path, workers: int = 1) -> Iterator[Served]:
    """Quorum's server as a landlord runs it: ``main.py serve``, one uvicorn worker unless told otherwise."""
    port = free_port()
    with serving(["main.py", "serve", "--database", database, "--port", str(port), "--workers", str(workers)],
                 {"QUORUM_DATA_DIR": str(folder)}, port) as served:
        served.database = database
        yield served


def bare_server(database: Path) -> contextmanager:
    port = free_port()
    return serving(["-m", "uvicorn", "bench.bare_server:app", "--port", str(port), "--log-level", "warning"],
                   {"BARE_DATABASE": str(database)}, port)
