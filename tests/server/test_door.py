"""Head office's door for pushes (app.server.admission), against a real uvicorn and the real app.

A push counts from the moment it is let in, while its body is still arriving; the door holds at
most so many bytes of bodies; the pace of pushes finished sets both how many are let in and the
turns of those told to come back; a push is told to come back (503) only before any of its work is
done, and one let in is always finished and answered once."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from app.server import admin, api
from app.server.admission import TURNS_APART, Admission, ComeBackLater
from app.server.app import create_app
from app.sync.client import RetryPolicy, busy_wait
from tests.server.live import serving
from tests.server.over_http import Laptop


def test_a_push_still_arriving_counts_and_the_next_is_told_to_come_back(head_office):
    app = create_app(head_office.engine)
    app.state.admission = Admission(at_once=1, patience=0.0)  # any push ahead is too long a wait
    with serving(app) as url:
        name, code = head_office.new_association()
        laptop = Laptop(head_office, code)
        laptop.url = url
        body = json.dumps({"ops": [laptop.op("meeting", uuid.uuid4().hex, {"kind": "general",
                                                                          "date": "2026-11-24"})]}).encode()
        head = "".join(f"{k}: {v}\r\n" for k, v in {**laptop.headers, "Idempotency-Key": str(uuid.uuid4()),
                                                    "Content-Type": "application/json",
                                                    "Content-Length": len(body)}.items())
        where = urlsplit(url)
        with socket.create_connection((where.hostname, where.port), timeout=30) as slow:
            slow.sendall(f"POST /api/v1/push HTTP/1.1\r\nHost: {where.netloc}\r\n{head}\r\n".encode() + body[:10])
            busy = laptop.push(laptop.op("meeting", uuid.uuid4().hex, {"kind": "general", "date": "2026-11-25"}))
            assert busy.status_code == 503 and int(busy.headers["Retry-After"]) >= 1
            slow.sendall(body[10:])
            answer = slow.recv(65536).decode()
        assert answer.startswith("HTTP/1.1 200"), answer[:200]  # the one let in is finished
        assert (app.state.admission.entered, app.state.admission.held) == (0, 0)
        assert laptop.push(laptop.op("meeting", uuid.uuid4().hex, {"kind": "general", "date": "2026-11-26"}))\
            .status_code == 200


def test_the_door_holds_at_most_so_many_bytes_of_bodies_whatever_the_estimate():
    door = Admission(at_once=1, patience=1000.0, most_held=100_000)  # so patient that only the bytes can refuse
    assert door.door(40_000) == door.door(40_000) == 0
    assert door.door(40_000) >= 1  # 120,000 bytes would be held
    door.left(40_000)
    assert door.door(40_000) == 0
    lone = Admission(at_once=1, most_held=100_000)
    assert lone.door(500_000) == 0  # one push larger than the door is still let in when it holds nothing else


def test_a_burst_larger_than_the_door_is_served_each_push_answered_once_and_none_told_after_work_began(head_office):
    """Twenty laptops push at once; the door holds two pushes' bodies. Each laptop comes back when told,
    as app.sync.client does, and every push is applied exactly once."""
    app = create_app(head_office.engine)
    laptops = []
    for _ in range(20):
        laptop = Laptop(head_office, head_office.new_association()[1])
        laptops.append((laptop, [laptop.op("meeting", uuid.uuid4().hex, {"kind": "general", "date": day})
                                 for day in ("2026-11-24", "2026-12-08")]))
    size = len(json.dumps({"ops": laptops[0][1]}))
    app.state.admission = door = Admission(at_once=1, most_held=2 * size + size // 2)
    told_after_work = []

    def syncs(laptop: Laptop, ops: list[dict]) -> tuple[int, int]:
        told = 0
        while (answer := laptop.push(*ops)).status_code == 503:
            told += 1
            if head_office.count("applied_ops", device_id=laptop.device):
                told_after_work.append(laptop.device)
            time.sleep(busy_wait(int(answer.headers["Retry-After"]), RetryPolicy()))
        assert (answer.json()["ok"], answer.json()["results"]) == (2, []), answer.text  # both applied
        return answer.status_code, told

    with serving(app) as url, ThreadPoolExecutor(len(laptops)) as pool:
        for laptop, _ops in laptops:
            laptop.url = url
        answers = list(pool.map(lambda pair: syncs(*pair), laptops))
    assert [status for status, _told in answers] == [200] * len(laptops)
    assert sum(told for _status, told in answers) >= 1  # the burst was larger than the door
    assert told_after_work == []
    assert [head_office.count("applied_ops", device_id=laptop.device) for laptop, _ops in laptops] == \
        [2] * len(laptops)
    assert (door.entered, door.held, door.running, len(door.waiting)) == (0, 0, 0, 0)


def test_a_push_let_in_that_waits_too_long_is_told_to_come_back_with_nothing_applied(head_office, monkeypatch):
    """Let in at the door (the queue looked short), read, then kept waiting past its patience by a push that
    takes long: 503 with Retry-After, nothing of it applied; the push ahead is finished and answered."""
    app = create_app(head_office.engine)
    app.state.admission = door = Admission(at_once=1, patience=1.0)
    started, release = threading.Event(), threading.Event()
    real = api.apply_ops

    def held(*args, **kwargs):  # the first push takes as long as the test says
        if not started.is_set():
            started.set()
            release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "apply_ops", held)
    name, code = head_office.new_association()
    first, second = Laptop(head_office, code), Laptop(head_office, admin.enrolment_code(head_office.engine, name))
    with serving(app) as url, ThreadPoolExecutor(max_workers=1) as pool:
        first.url = second.url = url
        pushing = pool.submit(first.push, first.op("meeting", uuid.uuid4().hex, {"kind": "general",
                                                                                 "date": "2026-11-24"}))
        assert started.wait(10)
        waited = second.push(second.op("meeting", uuid.uuid4().hex, {"kind": "general", "date": "2026-11-25"}))
        assert waited.status_code == 503 and int(waited.headers["Retry-After"]) >= 1
        assert head_office.count("applied_ops", device_id=second.device) == 0
        release.set()
        assert pushing.result(30).status_code == 200
    assert head_office.count("applied_ops", device_id=first.device) == 1
    assert (door.entered, door.held, door.running, len(door.waiting)) == (0, 0, 0, 0)


def _pace_of(*seconds: float, patience: float = 1.0) -> Admission:
    """A door after the first pushes of a burst, taking ``seconds`` each to apply."""
    door = Admission(at_once=1, patience=patience)

    async def burst() -> None:
        await asyncio.gather(*(door.run(lambda took=took: asyncio.sleep(took)) for took in seconds))

    asyncio.run(burst())
    return door


def test_the_pace_is_learnt_from_the_first_pushes_and_sets_who_is_let_in_and_the_turns_given():
    quick, slow = _pace_of(0.05, 0.05, 0.05, 0.05), _pace_of(0.2, 0.2, 0.2, 0.2)
    assert quick.pace >= 0.99 * 0.05 and slow.pace >= 0.99 * 0.2  # the pushes' own pace, nothing of a guess made before
    let_in = {}
    for door in (quick, slow):
        let_in[door] = 0
        while door.door(1000) == 0:
            let_in[door] += 1
        assert let_in[door] == 1 + int(door.patience / door.pace)  # as many as wait no longer than the patience
        turns = [door.door(1000) for _ in range(10)]
        for k, seconds in enumerate(turns, start=2):  # paces apart, from when the queue is at half the patience
            apart = TURNS_APART * door.pace
            assert door.patience / 2 + k * apart <= seconds <= door.patience / 2 + door.pace + k * apart + 1
    assert let_in[slow] < let_in[quick]


def test_one_stall_is_not_taken_for_head_office_working_slower():
    door = _pace_of(*[0.02] * 6, 2.0, *[0.02] * 6, patience=10.0)  # one push of thirteen took a hundred times as long
    assert door.pace < 0.1  # the mean of the twelve times between them would be 0.18 s


def test_a_waiting_push_whose_turn_would_come_too_late_is_told_before_its_work_starts():
    door = Admission(at_once=1, patience=1.0)
    started, finished, told = [], [], []

    async def push(n: int) -> None:
        async def work() -> None:
            started.append(n)
            await asyncio.sleep(0.3)
            finished.append(n)
        try:
            await door.run(work)
        except ComeBackLater as later:
            assert later.seconds >= 1
            told.append(n)

    async def burst() -> None:
        await asyncio.gather(*(push(n) for n in range(8)))  # 2.4 s of work for a patience of 1 s

    asyncio.run(burst())
    assert told and set(told).isdisjoint(started)
    assert sorted(started) == sorted(finished) and sorted(finished + told) == list(range(8))
    assert finished == sorted(finished)  # first come, first served
    assert (door.running, len(door.waiting)) == (0, 0)
