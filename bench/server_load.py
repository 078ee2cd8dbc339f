"""Server load: 500 laptops, two for each of 250 associations, each pushing a meeting and pulling.

All 500 set off together; the load generator (asyncio + httpx) keeps at most AT_ONCE requests in
flight and gives up after DEADLINE seconds. Latency is timed per request, from sending it to its
answer. Against one uvicorn worker with SQLite, and with PostgreSQL when QUORUM_BENCH_POSTGRES_URL
is set. Baseline: bench/bare_server.py, the same two calls storing rows with no checks at all.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import time
import uuid
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import httpx

from app.ids import new_id
from app.model import Association
from app.server import admin, db
from app.services import AssociationFile
from app.store import SCHEMA_VERSION, inbox
from app.wire import protocol
from bench.head_office import bare_server, head_office
from bench.register import five_thousand
from bench.result import percentile, report

LAPTOPS = 500
AT_ONCE = 20
DEADLINE = 240
HEADERS = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION), protocol.SCHEMA_HEADER: str(SCHEMA_VERSION)}


@dataclass
class Laptop:
    device_id: str
    token: str
    association_id: str


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


def evening(folder: Path) -> Evening:
    """30 members, a general meeting with its agenda, 25 present, a motion voted on, an action: 74 changes."""
    with AssociationFile.create_in(folder, Association("Template Tenants' Association")) as book:
        book.add_members([replace(m, id="") for m in five_thousand(30)])
        meeting = book.plan_meeting("general", date(2026, 12, 8), "19:00", "Community hall")
        book.open_meeting(meeting.id, backup=False, at="19:00")
        for member in book.members()[:25]:
            book.check_in(meeting.id, member.id, at="19:05")
        motion = book.propose_motion(meeting.id, "That the association writes to the council about the bins.")
        book.record_vote(motion.id, 20, 3, 2)
        book.add_action(meeting.id, "Write to the council", owner_name="The secretary")
        book.close_meeting(meeting.id, backup=False)
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


async def load(url: str, laptops: list[Laptop], meeting: Evening) -> tuple[list[float], int, float]:
    """(latencies in ms, errors, seconds for all): every laptop pushes its meeting, then pulls."""
    took: list[float] = []
    errors = 0
    in_flight = asyncio.Semaphore(AT_ONCE)

    async def call(client: httpx.AsyncClient, method: str, path: str, **kwargs) -> dict | None:
        nonlocal errors
        async with in_flight:
            start = time.perf_counter()
            try:
                answer = await client.request(method, path, **kwargs)
            except httpx.HTTPError:
                errors += 1
                return None
            took.append((time.perf_counter() - start) * 1000)
        if answer.status_code != 200:
            errors += 1
            return None
        return answer.json()

    async def laptop_syncs(client: httpx.AsyncClient, laptop: Laptop) -> None:
        nonlocal errors
        headers = {"Authorization": f"Bearer {laptop.token}", protocol.ASSOCIATION_HEADER: laptop.association_id}
        pushed = await call(client, "POST", "/api/v1/push", json={"ops": meeting.for_laptop(laptop)},
                            headers={**headers, protocol.IDEMPOTENCY_HEADER: str(uuid.uuid4())})
        if pushed is None or any(r["status"] != "ok" for r in pushed["results"]):
            errors += pushed is not None
            return
        cursor = ""
        while (page := await call(client, "GET", "/api/v1/pull", params={"cursor": cursor, "limit": 500},
                                  headers=headers)) and page["has_more"]:
            cursor = page["next_cursor"]

    limits = httpx.Limits(max_connections=AT_ONCE, max_keepalive_connections=AT_ONCE)
    async with httpx.AsyncClient(base_url=url, headers=HEADERS, timeout=60, limits=limits) as client:
        start = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(laptop_syncs(client, laptop) for laptop in laptops)), DEADLINE)
        return took, errors, time.perf_counter() - start


def summary(took: list[float], errors: int, seconds: float) -> str:
    return (f"p95 {percentile(took, 95):.0f} ms, p50 {percentile(took, 50):.0f} ms, {errors} errors, "
            f"{LAPTOPS / seconds:.0f} laptops/s")


def quorum_run(database: str, folder: Path, meeting: Evening) -> tuple[list[float], int, float]:
    with head_office(database, folder) as url:
        engine = db.connect(database)
        laptops = asyncio.run(enrol_laptops(url, engine))
        engine.dispose()
        return asyncio.run(load(url, laptops, meeting))


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        meeting = evening(folder)
        with bare_server(folder / "bare.sqlite") as url:
            bare = asyncio.run(load(url, made_up_laptops(), meeting))
        databases = {"sqlite": f"sqlite:///{folder / 'head-office.sqlite'}"}
        if os.environ.get("QUORUM_BENCH_POSTGRES_URL"):
            databases["postgresql"] = os.environ["QUORUM_BENCH_POSTGRES_URL"]
        for name, database in databases.items():
            took, errors, seconds = quorum_run(database, folder, meeting)
            p95 = percentile(took, 95)
            report(f"server_load_{name}", summary(took, errors, seconds), summary(*bare),
                   p95 / percentile(bare[0], 95), f"p95 < 250 ms, 0 errors ({LAPTOPS} laptops, {AT_ONCE} at once)",
                   p95 < 250 and errors == 0)


if __name__ == "__main__":
    main()
