"""What a chair typed reaches head office and the other laptop exactly as typed, now that a change
goes out as the JSON text it was stored as and a pull answers from head office's stored text."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import select

from app.model import Member
from app.server.db import records
from app.store import inbox
from app.sync import sync, tokens
from app.wire import protocol
from tests.server.live import FAST, differences

AWKWARD = Member(first_name='Siobhán "Shiv"', surname="O'Neill-خان 😀",
                 address="Flat 2/1\\back, 14 Kelvin Way", postcode="G3 7AB",
                 notes='Line one\nLine two\ttabbed \u2028 and a "quote" and \\n written out', birth_year=1950,
                 contact_consent=True)


def test_awkward_text_arrives_as_typed(chair, secretary, head_office):
    chair.register.add_member(AWKWARD)
    member = next(m for m in chair.register.members() if m.surname == AWKWARD.surname)
    assert sync(chair, policy=FAST).sent == 1
    with head_office.engine.connect() as conn:
        doc = json.loads(conn.execute(select(records.c.doc).where(records.c.record_id == member.id)).scalar_one())
    assert (doc["first_name"], doc["notes"], doc["contact_consent"], doc["birth_year"]) == (
        AWKWARD.first_name, AWKWARD.notes, True, 1950)
    assert sync(secretary, policy=FAST).received == 1
    assert secretary.register.member(member.id) == member
    assert differences(chair, secretary) == []


def test_a_push_that_is_not_json_is_refused_and_the_change_still_waits(chair, head_office):
    """Head office reads the body's bytes itself: anything but JSON is a plain 422, nothing applied."""
    chair.register.add_member(Member("Waiting", "Member"))
    op = inbox.queued(chair.store)[0]
    token = tokens.load(chair.path, chair.store.device_id)
    headers = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION), protocol.SCHEMA_HEADER: str(op.schema_version),
               "Authorization": f"Bearer {token}", protocol.ASSOCIATION_HEADER: inbox.state(chair.store, "association_id"),
               protocol.IDEMPOTENCY_HEADER: "not-json"}
    body = protocol.push_body([protocol.op_json(*op[1:])])
    for content_type, sent in (("text/plain", body), ("application/json", body[:-3])):
        answer = httpx.post(f"{head_office.url}{protocol.API_PREFIX}/push", content=sent,
                            headers={**headers, "Content-Type": content_type})
        assert answer.status_code == 422, answer.text
        assert answer.json()["error"]["code"] == "invalid_request"
    assert head_office.count("applied_ops", op_id=op.op_id) == 0
    assert inbox.waiting_count(chair.store) == 1
    assert sync(chair, policy=FAST).sent == 1
