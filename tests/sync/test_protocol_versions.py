"""Laptops and head offices of protocol 1 and 2 still sync with each other, and a short push answer
that does not add up marks nothing sent.

From protocol 2 a push's answer lists only the changes head office did not apply and counts the
rest (docs/sync.md). Head office is the real server under uvicorn, seen through a thin layer that
can make it answer as a head office of protocol 1 did, or spoil its answers, and that notes which
protocol each push spoke and what its answer said.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from app.errors import SyncError
from app.server.app import create_app
from app.services import AssociationFile
from app.sync import enrol, sync
from app.sync.session import answered
from app.wire import protocol
from tests.server.live import FAST, serving


class Seen:
    """Head office's app behind a layer: ``newest`` makes it a head office of that protocol (it says so in
    /meta, and refuses newer laptops with 426, as one did); ``spoil`` rewrites each push answer."""

    def __init__(self, app, newest: int | None = None, spoil=None) -> None:
        self.app, self.newest, self.spoil = app, newest, spoil
        self.pushes: list[tuple[str, dict]] = []  # (protocol spoken, answer) of each push

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope["path"].endswith(("/meta", "/push")):
            return await self.app(scope, receive, send)
        spoken = dict(scope["headers"]).get(protocol.PROTOCOL_HEADER.lower().encode(), b"").decode()
        if self.newest and scope["path"].endswith("/push") and int(spoken) > self.newest:
            return await _json(send, 426, {"error": {"code": "update_needed", "message": "Please update Quorum."}})
        held: dict = {}

        async def holding(message) -> None:
            if message["type"] == "http.response.start":
                held["status"] = message["status"]
            elif not message.get("more_body"):
                held["body"] = held.get("body", b"") + message.get("body", b"")
            else:
                held["body"] = held.get("body", b"") + message["body"]

        await self.app(scope, receive, holding)
        answer = json.loads(held["body"])
        if scope["path"].endswith("/meta") and self.newest:
            answer["protocol"]["max"] = self.newest
        if scope["path"].endswith("/push") and held["status"] == 200:
            answer = self.spoil(answer) if self.spoil else answer
            self.pushes.append((spoken, answer))
        await _json(send, held["status"], answer)


async def _json(send, status: int, answer: dict) -> None:
    body = json.dumps(answer).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture
def office(head_office, request) -> Iterator[tuple[Seen, str]]:
    seen = Seen(create_app(head_office.engine), **getattr(request, "param", {}))
    with serving(seen) as url:
        yield seen, url


@pytest.fixture
def laptop(head_office, office, demo_path) -> Iterator[AssociationFile]:
    _, code = head_office.new_association()
    with AssociationFile.open(demo_path) as book:
        enrol(book, office[1], code, FAST)
        yield book


def _everything_sent(head_office, book, report, waiting: int) -> None:
    assert (report.sent, report.refused, book.head_office.changes_waiting()) == (waiting, [], 0)
    assert head_office.count("applied_ops", device_id=book.store.device_id) == waiting


def test_a_laptop_and_head_office_both_of_protocol_2_exchange_short_answers(head_office, office, laptop):
    waiting = laptop.head_office.changes_waiting()
    _everything_sent(head_office, laptop, sync(laptop, policy=FAST), waiting)
    assert office[0].pushes and all(spoken == "2" and answer["results"] == [] for spoken, answer in office[0].pushes)
    assert sum(answer["ok"] for _, answer in office[0].pushes) == waiting


@pytest.mark.parametrize("office", [{"newest": 1}], indirect=True, ids=["head office of protocol 1"])
def test_a_laptop_of_protocol_2_speaks_protocol_1_to_a_head_office_not_yet_updated(head_office, office, laptop):
    waiting = laptop.head_office.changes_waiting()
    _everything_sent(head_office, laptop, sync(laptop, policy=FAST), waiting)
    assert all(spoken == "1" and "ok" not in answer for spoken, answer in office[0].pushes)
    assert sum(len(answer["results"]) for _, answer in office[0].pushes) == waiting  # every change answered


def test_a_laptop_of_protocol_1_gets_every_change_answered_by_head_office_of_protocol_2(
        head_office, office, laptop, monkeypatch):
    monkeypatch.setattr(protocol, "PROTOCOL_VERSION", 1)  # the laptop as it was before protocol 2
    waiting = laptop.head_office.changes_waiting()
    _everything_sent(head_office, laptop, sync(laptop, policy=FAST), waiting)
    assert all(spoken == "1" and "ok" not in answer for spoken, answer in office[0].pushes)
    assert [r["status"] for _, answer in office[0].pushes for r in answer["results"]] == ["ok"] * waiting


def _one_fewer(answer: dict) -> dict:
    return {**answer, "ok": answer["ok"] - 1}


@pytest.mark.parametrize("office", [{"spoil": _one_fewer}], indirect=True, ids=["a count one short"])
def test_a_short_answer_that_does_not_add_up_marks_nothing_sent(head_office, office, laptop):
    waiting = laptop.head_office.changes_waiting()
    with pytest.raises(SyncError, match="did not match the changes sent"):
        sync(laptop, policy=FAST)
    assert laptop.head_office.changes_waiting() == waiting  # head office has them, the laptop sends them again
    office[0].spoil = None
    report = sync(laptop, policy=FAST)
    assert (report.duplicates, report.sent, laptop.head_office.changes_waiting()) == (min(waiting, 1000), 0, 0)


@pytest.mark.parametrize("answer", [
    {"batch_id": "another batch", "ok": 2, "results": []},
    {"batch_id": "b", "ok": 1, "results": [{"op_id": "d:9", "status": "rejected", "code": "x", "reason": "x"}]},
    {"batch_id": "b", "ok": 0, "results": [{"op_id": "d:1", "status": "duplicate"}] * 2},
    {"batch_id": "b", "ok": 3, "results": []},
], ids=["another batch's answer", "a change not sent", "one change twice", "more than were sent"])
def test_a_short_answer_is_believed_only_when_it_adds_up(answer):
    with pytest.raises(SyncError):
        answered(answer, "b", ["d:1", "d:2"])


def test_a_short_answer_gives_each_change_its_result_in_order():
    rejected = {"op_id": "d:2", "status": "rejected", "code": "deleted", "reason": "It was deleted."}
    assert [r["status"] for r in answered({"batch_id": "b", "ok": 2, "results": [rejected]}, "b",
                                          ["d:1", "d:2", "d:3"])] == ["ok", "rejected", "ok"]
