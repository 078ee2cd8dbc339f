"""Push then pull of 20,000 changes between two laptops' files through a real server on 127.0.0.1.

One laptop adds 20,000 members (20,000 queued changes) and syncs; a second laptop of the same
association, enrolled beforehand, then syncs and receives them all. Baseline: the bare HTTP server
(bench/bare_server.py) storing the same 20,000 changes pushed in batches of the same size, and
returning them in pages of the same size, with no checks, rules or laptop files at all.

Each side runs three times, in turn (Quorum, then the bare server straight after, each on a fresh
server and database), and the round with the median ratio is reported: one turn each swung the
ratio from 0.29 to 0.42 with the machine's other load.

With QUORUM_BENCH_PROFILE set it also prints each side's CPU seconds, push and pull apart: the
laptops' (this process) and head office's (read from /proc), which hardly move with the machine's
other load, so they say where the time goes even when the wall-clock figures are several times an
idle machine's.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from app.model import Association, Member
from app.server import admin, db
from app.services import AssociationFile
from app.store import inbox
from app.sync import enrol, join, sync
from app.sync.session import BATCH, PAGE
from bench.head_office import bare_server, cpu_seconds, head_office
from bench.register import five_thousand
from bench.result import report

CHANGES = 20_000
ROUNDS = 3  # each side in turn, three times: one turn each gave ratios from 0.29 to 0.42 on one machine
NAME = "Benchmark Tenants' Association"


class Spent:
    """CPU seconds of this process (the laptop, or the bare server's client) and of a server, from one moment."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.here, self.there = time.process_time(), cpu_seconds(server_pid)

    def since(self) -> str:
        here, there = time.process_time() - self.here, cpu_seconds(self.server_pid) - self.there
        return f"{here:.2f} s here, {there:.2f} s at the server"


def profiled(*lines: str) -> None:
    if os.environ.get("QUORUM_BENCH_PROFILE"):
        for line in lines:
            print(f"  {line}")


def bare_seconds(ops: list[dict], folder: Path) -> float:
    """Push every change in batches of BATCH to the bare server, then pull them all in pages of PAGE."""
    sent = [{k: v for k, v in op.items() if k != "seq"} for op in ops]
    with bare_server(folder / "bare.sqlite") as url, httpx.Client(base_url=url, timeout=60) as client:
        start, spent = time.perf_counter(), Spent(url.pid)
        for at in range(0, len(sent), BATCH):
            client.post("/api/v1/push", json={"ops": sent[at:at + BATCH]},
                        headers={"quorum-association": "a", "authorization": "chair"}).raise_for_status()
        pushed, pushing = time.perf_counter() - start, spent.since()
        spent = Spent(url.pid)
        cursor, received = "", 0
        while True:
            page = client.get("/api/v1/pull", params={"cursor": cursor, "limit": PAGE},
                              headers={"quorum-association": "a", "authorization": "secretary"}).json()
            received += len(page["changes"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                break
        took = time.perf_counter() - start
        profiled(f"bare push {pushed:.1f} s ({pushing}), pull {took - pushed:.1f} s ({spent.since()})")
    if received != len(sent):
        raise SystemExit(f"the bare server returned {received} of {len(sent)} changes")
    return took


def members(count: int) -> list[Member]:
    register = five_thousand()
    return [replace(register[n % len(register)], id="", address=f"{n} Long Road, Glasgow") for n in range(count)]


@dataclass
class Round:
    """One turn of each side, Quorum then the bare server straight after, under the same load."""

    quorum: float
    bare: float

    @property
    def ratio(self) -> float:
        return self.bare / self.quorum  # the throughput ratio: the same changes moved each side


def chair_file(folder: Path) -> Path:
    """An association file with CHANGES members waiting for head office, closed, to be copied for each round."""
    chair = AssociationFile.create_in(folder, Association(NAME))
    chair.register.add_members(members(CHANGES))
    chair.close()
    return chair.path


def one_round(made: Path, folder: Path) -> Round:
    """A copy of the chair's file, enrolled with a head office of its own, pushes; a second laptop pulls."""
    folder.mkdir()
    database = f"sqlite:///{folder / 'head-office.sqlite'}"
    with head_office(database, folder) as url:
        engine = db.connect(database)
        chair = AssociationFile.open(Path(shutil.copy(made, folder / made.name)))
        enrol(chair, url, admin.create_association(engine, NAME))
        secretary = AssociationFile.open(join(folder / "secretary", url, admin.enrolment_code(engine, NAME)))
        ops = inbox.unsent(chair.store)
        start, spent = time.perf_counter(), Spent(url.pid)
        sent = sync(chair).sent
        pushed, pushing = time.perf_counter() - start, spent.since()
        spent = Spent(url.pid)
        received = sync(secretary).received
        took = time.perf_counter() - start
        profiled(f"chair's push {pushed:.1f} s ({pushing}), secretary's pull {took - pushed:.1f} s "
                 f"({spent.since()})")
        chair.close()
        secretary.close()
        engine.dispose()
    if sent < CHANGES or received < CHANGES:
        raise SystemExit(f"only {sent} changes sent and {received} received of {CHANGES}")
    return Round(took, bare_seconds(ops, folder))


def main() -> None:
    os.environ["QUORUM_TOKEN_STORE"] = "file"  # never the keyring of whoever runs the benchmark
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        made = chair_file(folder / "made")
        rounds = sorted((one_round(made, folder / f"round-{n}") for n in range(ROUNDS)), key=lambda r: r.ratio)
    middle = rounds[len(rounds) // 2]
    quorum_rate, bare_rate = CHANGES / middle.quorum, CHANGES / middle.bare
    report("sync_throughput", f"{quorum_rate:,.0f} changes/s ({middle.quorum:.1f} s; the median of {ROUNDS} "
                              f"rounds' ratios, {rounds[0].ratio:.2f}-{rounds[-1].ratio:.2f})",
           f"{bare_rate:,.0f} changes/s over bare HTTP ({middle.bare:.1f} s)", middle.ratio,
           "throughput ratio >= 0.5", middle.ratio >= 0.5, f"{0.5 / middle.ratio:.1f}x")


if __name__ == "__main__":
    main()
