"""A push counts towards head office's queue from the moment it is let in, while its body is still
arriving: so a burst of laptops cannot all have their changes read into memory before any is queued
(the worker's peak memory, bench/worker_memory.py)."""

from __future__ import annotations

import json
import socket
import uuid
from urllib.parse import urlsplit

from app.server.admission import BODIES_HELD, Admission
from app.server.app import create_app
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
        assert app.state.admission.entered == 0
        assert laptop.push(laptop.op("meeting", uuid.uuid4().hex, {"kind": "general", "date": "2026-11-26"}))\
            .status_code == 200


def test_the_door_holds_at_most_a_few_bodies_per_push_applied_at_once_whatever_the_estimate():
    door = Admission(at_once=4, patience=1000.0)  # so patient that only the cap can refuse
    door.entered = 4 * BODIES_HELD - 1
    assert door.too_long() == 0
    door.entered += 1
    assert door.too_long() >= 1
    assert door.too_long(at_the_door=False) == 0  # a push already read is never refused for the cap
