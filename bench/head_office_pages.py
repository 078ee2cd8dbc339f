"""Head office's overview page and actions CSV with 300 associations, each with three years of meetings.

The records are stored through the real write path (``app.server.apply``), as pushes would store
them, so the summaries the pages read are kept as they are in use. Then a staff login fetches the
overview (``/``) ten times, and the actions CSV ten times each just after a laptop of one association
pushed a change (so that association's part is built afresh, as through an evening of syncs), and
ten times more with nothing changed (every part kept); medians are reported, and the first download
after the server started (every association's part built).
Baseline: the bare server (bench/bare_server.py) answering a page of the same size from memory.
Target: the overview and the freshly built actions CSV each under 200 ms.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import httpx

from app.ids import new_id
from app.server import admin, db
from app.server.apply import apply_ops
from app.server.protocol import Op
from app.server.room import FIRST_CHECKED
from bench.head_office import bare_server, head_office
from bench.result import report

ASSOCIATIONS = 300
YEARS = 3
MEETINGS_A_YEAR = 12
MEMBERS = 120
PRESENT = 20
TIMES = 10
LIMIT_MS = 200
PASSWORD = "benchmark passphrase"
# Three years of history, as laptops from before decisions were checked against the room sent it: the
# room check reads a meeting's whole record for each vote, which would make filling take a quarter of an hour.
HISTORY = FIRST_CHECKED - 1


class Laptop:
    def __init__(self, device: str, seq: int = 0) -> None:
        self.device, self.seq, self.clock = device, seq, 1_764_000_000_000 + seq

    def op(self, entity: str, payload: dict) -> Op:
        self.seq += 1
        self.clock += 1
        record_id = new_id()
        return Op(op_id=f"{self.device}:{self.seq}", entity=entity, record_id=record_id, kind="create",
                  payload=payload, hlc=f"{self.clock:016d}-0000-{self.device}", schema_version=HISTORY)


def three_years(laptop: Laptop) -> list[Op]:
    """One association's register and three years of monthly meetings: attendance, two votes, three actions."""
    ops = [laptop.op("association", {"name": "Benchmark TRA", "area": "Glasgow"})]
    members = [laptop.op("member", {"first_name": f"Member {n}", "surname": "Benchmark", "role": "member"})
               for n in range(MEMBERS)]
    ops += members
    start = date(2024, 1, 8)
    for month in range(YEARS * MEETINGS_A_YEAR):
        day = start + timedelta(days=30 * month)
        meeting = laptop.op("meeting", {"kind": "general", "date": day.isoformat(), "time": "19:00",
                                        "status": "closed", "minutes_status": "draft"})
        ops.append(meeting)
        ops += [laptop.op("attendance", {"meeting_id": meeting.record_id, "member_id": m.record_id,
                                         "kind": "present"}) for m in members[:PRESENT]]
        ops += [laptop.op("motion", {"meeting_id": meeting.record_id, "text": f"That the association does {n}.",
                                     "position": n, "votes_for": 12, "votes_against": 3, "abstentions": 1,
                                     "carried": 1, "result_text": "Carried"}) for n in range(2)]
        ops += [laptop.op("action", {"meeting_id": meeting.record_id, "description": f"Write to the council {n}",
                                     "owner_name": "The secretary", "status": "open" if month > 30 else "done",
                                     "due": (day + timedelta(days=28)).isoformat()}) for n in range(3)]
    return ops


def fill(engine) -> int:
    """Every association's records, through the write path in pushes of 200; returns how many changes."""
    stored = 0
    for n in range(ASSOCIATIONS):
        name = f"Benchmark Street TRA {n:03d} {uuid.uuid4().hex[:6]}"
        admin.create_association(engine, name)
        with engine.begin() as conn:
            association_id = conn.execute(db.associations.select().where(db.associations.c.name == name)).first().id
        laptop = Laptop(f"laptop{n}")
        ops = three_years(laptop)
        for at in range(0, len(ops), 200):
            with engine.begin() as conn:
                results = apply_ops(conn, association_id, laptop.device, ops[at:at + 200])
            assert all(r.status == "ok" for r in results), [r for r in results if r.status != "ok"][:1]
        stored += len(ops)
    return stored


def timed(client: httpx.Client, path: str, before=lambda: None) -> tuple[float, int, float]:
    """(median ms, bytes, the first request's ms) of TIMES requests, each after ``before()``."""
    took = []
    for _ in range(TIMES):
        before()
        start = time.perf_counter()
        answer = client.get(path)
        took.append((time.perf_counter() - start) * 1000)
        answer.raise_for_status()
    return statistics.median(took), len(answer.content), took[0]


def a_change(engine, laptop: Laptop, association_id: str):
    """A laptop of the first association pushes one change (a new member), as laptops do all evening."""
    def push() -> None:
        with engine.begin() as conn:
            [result] = apply_ops(conn, association_id, laptop.device, [laptop.op("member", {
                "first_name": "Another", "surname": "Benchmark", "role": "member"})])
        assert result.status == "ok", result
    return push


def measure(database: str, folder: Path, changes: int) -> None:
    """Time the pages of a database already filled (``fill``), and the bare server's, and report."""
    engine = db.connect(database)
    with engine.begin() as conn:
        first = conn.execute(db.associations.select().order_by(db.associations.c.name)).first().id
    changed = a_change(engine, Laptop("laptop0", seq=int(time.time() * 1000)), first)
    with head_office(database, folder) as url:
        client = httpx.Client(base_url=url, timeout=60)
        form = client.get("/login")
        csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
        client.post("/login", data={"email": "bench@example.org", "password": PASSWORD, "csrf": csrf})
        pages = {"overview": timed(client, "/"), "actions_csv": timed(client, "/export/actions.csv", changed)}
        again = timed(client, "/export/actions.csv")[0]
    engine.dispose()
    with bare_server(folder / "bare.sqlite") as url:
        bare = {name: timed(httpx.Client(base_url=url), f"/page?size={size}")[0] for name, (_, size, _) in pages.items()}
    for name, (ms, size, first) in pages.items():
        unchanged = f"; {first:.0f} ms the first after start, {again:.0f} ms unchanged" if name == "actions_csv" else ""
        report(f"head_office_{name}", f"{ms:.0f} ms ({size / 1024:.0f} KB, {ASSOCIATIONS} associations, "
                                      f"{changes:,} changes{unchanged})", f"{bare[name]:.0f} ms", ms / bare[name],
               f"< {LIMIT_MS} ms", ms < LIMIT_MS, f"{ms - LIMIT_MS:.0f} ms")


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        database = f"sqlite:///{folder / 'head-office.sqlite'}"
        engine = db.connect(database)
        changes = fill(engine)
        admin.add_user(engine, "bench@example.org", PASSWORD)
        engine.dispose()
        measure(database, folder, changes)


if __name__ == "__main__":
    main()
