"""A laptop speaking the sync API by hand over real HTTP, for tests that need exact requests."""

from __future__ import annotations

import itertools
import uuid

import httpx

from app.store import SCHEMA_VERSION
from app.sync.session import answered
from app.wire.protocol import PROTOCOL_VERSION

VERSIONS = {"Quorum-Protocol": str(PROTOCOL_VERSION), "Quorum-Schema": str(SCHEMA_VERSION)}
_stamps = itertools.count(1)


class Laptop:
    """An enrolled laptop: ``op(...)`` makes a numbered change, ``push(...)`` sends changes."""

    def __init__(self, office, code: str) -> None:
        answer = httpx.post(f"{office.url}/api/v1/enrol", json={"code": code}, headers=VERSIONS)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        self.url, self.device, self.association_id = office.url, body["device_id"], body["association_id"]
        self.headers = {**VERSIONS, "Authorization": f"Bearer {body['token']}",
                        "Quorum-Association": self.association_id}
        self.seq = 0

    def op(self, entity: str, record_id: str, payload: dict, kind: str = "create", number: int | None = None) -> dict:
        if number is None:
            self.seq += 1
            number = self.seq
        return {"op_id": f"{self.device}:{number}", "entity": entity, "record_id": record_id, "kind": kind,
                "payload": payload, "hlc": f"{1_764_000_000_000 + next(_stamps):016d}-0000-{self.device}",
                "schema_version": SCHEMA_VERSION}

    def push(self, *ops: dict, batch_id: str | None = None) -> httpx.Response:
        return httpx.post(f"{self.url}/api/v1/push", json={"ops": list(ops)}, timeout=30,
                          headers={**self.headers, "Idempotency-Key": batch_id or str(uuid.uuid4())})

    def results(self, *ops: dict) -> list[dict]:
        """Every change's result, in order, read from the answer as the laptop reads it."""
        batch_id = str(uuid.uuid4())
        answer = self.push(*ops, batch_id=batch_id)
        assert answer.status_code == 200, answer.text
        return answered(answer.json(), batch_id, [op["op_id"] for op in ops])

    def a_meeting_with_an_ask(self, description: str, ask_id: str | None = None) -> tuple[str, str]:
        """(meeting id, ask id): a closed meeting at which the landlord was asked for something."""
        meeting, ask = uuid.uuid4().hex, ask_id or uuid.uuid4().hex
        results = self.results(
            self.op("meeting", meeting, {"kind": "general", "date": "2026-11-24", "time": "19:00",
                                         "status": "closed", "minutes_status": "draft"}),
            self.op("action", ask, {"meeting_id": meeting, "description": description, "ask_of_landlord": 1,
                                    "status": "open", "owner_name": "Wellhouse Housing"}))
        assert [r["status"] for r in results] == ["ok", "ok"], results
        return meeting, ask
