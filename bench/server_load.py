"""Server load: 500 laptops, two for each of 250 associations, each pushing a meeting and pulling.

Two runs each, against one uvicorn worker with SQLite, and with PostgreSQL when
QUORUM_BENCH_POSTGRES_URL is set:

- the evening burst: all 500 set off at once, each a laptop as app.sync.client is (30 s patience per
  request, 5 attempts a call; a 503 is retried after its Retry-After plus up to a second at random,
  a dropped connection after a backoff with full jitter). Timed: each
  laptop's whole sync, push (with its retries) and pull. Target: none times out, p95 at most 2x bare.
- 20 in flight: the load generator keeps 20 requests going at a time. Timed: each request.
  Target: p95 under 250 ms.

With PostgreSQL, both once more against ``serve --workers 2``, as docs/head-office.md says to run it on two cores.

Baseline: bench/bare_server.py, the same two calls storing rows with no checks at all, under the
same load. Peak worker memory is read from /proc after the runs (target: under 200 MB), and the
server's CPU time per laptop too (its workers', not the database's), which hardly moves with the
machine's other load as wall-clock times do; on PostgreSQL, its own processes' CPU time per laptop
as well ("PostgreSQL's n ms"; every database of that PostgreSQL counts, so run it on a quiet one).

The load generator stands for laptops on other machines but shares this one's cores: each push's
body is encoded before the clock starts, and requests go over bench/plain_http.py, whose own cost
per request is a small fraction of httpx's, so what is timed is the server's answer.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import tempfile
import time
import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import httpx

from app.ids import new_id
from app.model import Association
from app.server import admin, db
from app.services import AssociationFile
from app.store import SCHEMA_VERSION, inbox
from app.sync.client import BUSY, DEFAULT_POLICY, busy_wait
from app.wire import protocol
from bench import plain_http
from bench.head_office import Served, bare_server, cpu_seconds, database_cpu_seconds, head_office, peak_mb
from bench.register import five_thousand
from bench.result import percentile, report

LAPTOPS = 500
AT_ONCE = 20
DEADLINE = 600
POLICY = DEFAULT_POLICY  # the laptop's: 5 attempts a call, 30 s for each answer
PATIENCE = POLICY.timeout
LIMIT_MB = 200
HEADERS = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION), protocol.SCHEMA_HEADER: str(SCHEMA_VERSION)}


@dataclass
class Laptop:
    device_id: str
    token: str
    association_id: str

    def headers(self) -> dict[str, str]:
        return {**HEADERS, "Authorization": f"Bearer {self.token}", protocol.ASSOCIATION_HEADER: self.association_id}


@dataclass
class Evening:
    """One meeting's changes from a real association file, to be stamped with each laptop's ids."""

    text: str
    device_id: str
    record_ids: list[str]

    def for_laptop(self, laptop: Laptop) -> list[dict]:
        text = self.text.replace(self.device_id, laptop.device_id)
        for record_id in self.record_ids:
            text = text.replace(record_id, new_id())
        return json.loads(text)

    def push_request(self, laptop: Laptop) -> bytes:
        """The laptop's push of this meeting, as the bytes it sends."""
        headers = {**laptop.headers(), protocol.IDEMPOTENCY_HEADER: str(uuid.uuid4())}
        return plain_http.request_bytes("POST", "/api/v1/push", headers, {"ops": self.for_laptop(laptop)})


def evening(folder: Path) -> Evening:
    """30 members, a general meeting with its agenda, 25 present, a motion voted on, an action: 74 changes."""
    with AssociationFile.create_in(folder, Association("Template Tenants' Association")) as book:
        book.register.add_members([replace(m, id="") for m in five_thousand(30)])
        meeting = book.meetings.plan_meeting("general", date(2026, 12, 8), "19:00", "Community hall")
        book.meetings.open_meeting(meeting.id, backup=False, at="19:00")
        for member in book.register.members()[:25]:
            book.door.check_in(meeting.id, member.id, at="19:05")
        motion = book.decisions.propose_motion(meeting.id, "That the association writes to the council about the bins.")
        book.decisions.record_vote(motion.id, 20, 3, 2)
        book.actions.add_action(meeting.id, "Write to the council", owner_name="The secretary")
        book.meetings.close_meeting(meeting.id, backup=False)
        ops = [{k: v for k, v in op.items() if k != "seq"} for op in inbox.unsent(book.store)
               if op["entity"] != "association"]
        return Evening(json.dumps(ops), book.store.device_id, sorted({op["record_id"] for op in ops}))


async def enrol_laptops(url: str, engine) -> list[Laptop]:
    """Two laptops per association, enrolled through the API as the chair and the secretary would."""
    codes = []
    for n in range(LAPTOPS // 2):
        name = f"Benchmark Street TRA {uuid.uuid4().hex[:8]} {n}"
        codes += [admin.create_association(engine, name), admin.enrolment_code(engine, name)]
    limit = asyncio.Semaphore(10)
    async with httpx.AsyncClient(base_url=url, headers=HEADERS, timeout=60) as client:
        async def enrol(code: str) -> Laptop:
            async with limit:
                answer = await client.post("/api/v1/enrol", json={"code": code, "device_name": "benchmark"})
            answer.raise_for_status()
            body = answer.json()
            return Laptop(body["device_id"], body["token"], body["association_id"])
        return await asyncio.gather(*(enrol(code) for code in codes))


def made_up_laptops() -> list[Laptop]:
    """For the bare server, which enrols nobody."""
    return [Laptop(new_id(), uuid.uuid4().hex, f"association-{n // 2}") for n in range(LAPTOPS)]


@dataclass
class Timings:
    requests: list[float] = field(default_factory=list)  # ms, each request
    laptops: list[float] = field(default_factory=list)  # ms, each laptop's whole sync
    errors: int = 0
    answers: dict = field(default_factory=dict)  # status -> count, for those that were not 200
    timed_out: int = 0
    busy: int = 0  # 503s answered (and retried)
    seconds: float = 0.0
    cpu_ms: float = 0.0  # the server's CPU time (its workers', not the database's) per laptop
    database_cpu_ms: float | None = None  # PostgreSQL's own processes' CPU time per laptop


async def load(url: Served, laptops: list[Laptop], meeting: Evening, at_once: int | None) -> Timings:
    """Every laptop pushes its meeting, then pulls; ``at_once`` None sets all of them off together.

    Every push's body is made and encoded before the clock starts, and answers are decoded after
    each request's clock stops (bench/plain_http.py): the generator's own work is not the server's.
    """
    timings = Timings()
    pushes = [meeting.push_request(laptop) for laptop in laptops]

    async def call(request: bytes) -> dict | None:
        """One call as app.sync.client makes it: the same attempts, waits after a 503 and backoff after a drop."""
        began, attempt = time.perf_counter(), 0
        while attempt < POLICY.attempts:
            attempt += 1
            try:
                answer = await connections.send(request, PATIENCE)
            except TimeoutError:
                timings.timed_out += 1
                return None
            except OSError as error:  # a dropped keep-alive connection, say: retried as the laptop does
                name = type(error).__name__
                timings.answers[name] = timings.answers.get(name, 0) + 1
                await asyncio.sleep(_backoff(attempt))
                continue
            timings.requests.append(answer.ms)
            if answer.status == 503 and answer.headers.get("retry-after", "").isdigit():
                timings.busy += 1
                if time.perf_counter() - began > POLICY.busy_for:
                    break
                attempt -= 1  # a turn given is not a failure (app.sync.client.stopping)
                await asyncio.sleep(busy_wait(int(answer.headers["retry-after"]), POLICY))
                continue
            if answer.status != 200:
                timings.answers[answer.status] = timings.answers.get(answer.status, 0) + 1
                if answer.status in BUSY:
                    await asyncio.sleep(_backoff(attempt))
                    continue
                timings.errors += 1
                return None
            return answer.json()
        timings.errors += 1  # the laptop gives up after as many attempts, and says head office could not be reached
        timings.answers["gave up"] = timings.answers.get("gave up", 0) + 1
        return None

    async def laptop_syncs(laptop: Laptop, push: bytes) -> None:
        start = time.perf_counter()
        pushed = await call(push)
        if pushed is None or any(r["status"] != "ok" for r in pushed["results"]):
            if pushed is not None:
                timings.errors += 1
                timings.answers["refused"] = timings.answers.get("refused", 0) + 1
            return
        cursor = ""
        while (page := await call(plain_http.request_bytes("GET", "/api/v1/pull", laptop.headers(),
                                                           params={"cursor": cursor, "limit": 500}))) \
                and page["has_more"]:
            cursor = page["next_cursor"]
        timings.laptops.append((time.perf_counter() - start) * 1000)

    connections = plain_http.Connections(url, at_once or len(laptops))
    cpu, database_cpu = cpu_seconds(url.pid), database_cpu_seconds(getattr(url, "database", ""))
    try:
        start = time.perf_counter()
        syncs = (laptop_syncs(laptop, push) for laptop, push in zip(laptops, pushes, strict=True))
        await asyncio.wait_for(asyncio.gather(*syncs), DEADLINE)
        timings.seconds = time.perf_counter() - start
        timings.cpu_ms = (cpu_seconds(url.pid) - cpu) * 1000 / len(laptops)
        if database_cpu is not None:
            timings.database_cpu_ms = (database_cpu_seconds(url.database) - database_cpu) * 1000 / len(laptops)
    finally:
        await connections.close()
    return timings


def _backoff(attempt: int) -> float:
    """As tenacity's wait_random_exponential in the laptop's client: full jitter, doubling to ``max_wait``."""
    return random.uniform(0, min(POLICY.max_wait, POLICY.first_wait * 2 ** (attempt - 1)))


def summary(timings: Timings, laptops: bool) -> str:
    samples = timings.laptops if laptops else timings.requests
    what = "per laptop" if laptops else "per request"
    busy = f", {timings.busy} told to come back" if timings.busy else ""
    if timings.answers:
        busy += " (not 200, or dropped and retried: " + ", ".join(f"{k}: {v}" for k, v in timings.answers.items()) + ")"
    return (f"p95 {percentile(samples, 95):.0f} ms, p50 {percentile(samples, 50):.0f} ms {what}, "
            f"{timings.timed_out} timed out, {timings.errors} errors{busy}, {LAPTOPS / timings.seconds:.0f} laptops/s, "
            f"server CPU {timings.cpu_ms:.1f} ms a laptop"
            + (f", PostgreSQL's {timings.database_cpu_ms:.1f} ms" if timings.database_cpu_ms is not None else ""))


def quorum_run(database: str, folder: Path, meeting: Evening) -> tuple[Timings, Timings, float]:
    """(the burst, 20 in flight, peak worker MB) against Quorum's server, one worker."""
    with head_office(database, folder) as url:
        engine = db.connect(database)
        burst = asyncio.run(load(url, asyncio.run(enrol_laptops(url, engine)), meeting, None))
        steady = asyncio.run(load(url, asyncio.run(enrol_laptops(url, engine)), meeting, AT_ONCE))
        engine.dispose()
        return burst, steady, peak_mb(url.pid)


def two_workers(database: str, folder: Path, meeting: Evening) -> tuple[Timings, Timings]:
    """(the burst, 20 in flight) against ``serve --workers 2``, as docs/head-office.md says to run PostgreSQL
    on two cores: whether a second worker uses the second core."""
    with head_office(database, folder, workers=2) as url:
        engine = db.connect(database)
        burst = asyncio.run(load(url, asyncio.run(enrol_laptops(url, engine)), meeting, None))
        steady = asyncio.run(load(url, asyncio.run(enrol_laptops(url, engine)), meeting, AT_ONCE))
        engine.dispose()
        return burst, steady


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        meeting = evening(folder)
        with bare_server(folder / "bare.sqlite") as url:
            bare_burst = asyncio.run(load(url, made_up_laptops(), meeting, None))
            bare_steady = asyncio.run(load(url, made_up_laptops(), meeting, AT_ONCE))
            bare_mb = peak_mb(url.pid)
        databases = {"sqlite": f"sqlite:///{folder / 'head-office.sqlite'}"}
        if os.environ.get("QUORUM_BENCH_POSTGRES_URL"):
            databases["postgresql"] = os.environ["QUORUM_BENCH_POSTGRES_URL"]
        for name, database in databases.items():
            burst, steady, worker_mb = quorum_run(database, folder, meeting)
            _burst(f"server_burst_{name}", burst, bare_burst)
            _in_flight(f"server_in_flight_{name}", steady, bare_steady)
            report(f"server_memory_{name}", f"{worker_mb:.0f} MB peak", f"{bare_mb:.0f} MB", worker_mb / bare_mb,
                   f"peak worker memory < {LIMIT_MB} MB", worker_mb < LIMIT_MB, f"{worker_mb - LIMIT_MB:.0f} MB")
        if "postgresql" in databases:
            burst, steady = two_workers(databases["postgresql"], folder, meeting)
            _burst("server_burst_postgresql_2_workers", burst, bare_burst)
            _in_flight("server_in_flight_postgresql_2_workers", steady, bare_steady)


def _burst(name: str, burst: Timings, bare: Timings) -> None:
    ratio = percentile(burst.laptops, 95) / percentile(bare.laptops, 95)
    late = burst.timed_out + burst.errors + LAPTOPS - len(burst.laptops)
    report(name, summary(burst, True), summary(bare, True), ratio, f"{LAPTOPS} at once: none timed out, p95 <= 2x bare",
           late == 0 and ratio <= 2, _missed(late, ratio, 2))


def _in_flight(name: str, steady: Timings, bare: Timings) -> None:
    p95 = percentile(steady.requests, 95)
    report(name, summary(steady, False), summary(bare, False), p95 / percentile(bare.requests, 95),
           f"p95 < 250 ms ({AT_ONCE} in flight)", p95 < 250 and steady.errors + steady.timed_out == 0,
           f"{p95 - 250:.0f} ms")


def _missed(late: int, ratio: float, most: float) -> str:
    parts = [f"{late} laptops not finished"] if late else []
    if ratio > most:
        parts.append(f"p95 {ratio:.2f}x bare, {(ratio / most - 1) * 100:.0f}% over the {most:g}x")
    return ", ".join(parts)


if __name__ == "__main__":
    main()
