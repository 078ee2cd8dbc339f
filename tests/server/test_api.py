"""The sync API over real HTTP: versions first, then the token, then the body; clear JSON errors."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from app.server import admin, db
from app.server.app import create_app
from app.server.db import devices
from app.server.protocol import OLDEST_CLIENT_SCHEMA
from app.store import SCHEMA_VERSION
from app.wire.protocol import PROTOCOL_VERSION

OPENAPI = create_app(db.connect("sqlite://")).openapi()
ROUTES = [(method.upper(), path) for path, item in OPENAPI["paths"].items() for method in item]
SECURED = [(m, p) for m, p in ROUTES if OPENAPI["paths"][p][m.lower()].get("security")]
VERSIONS = {"Quorum-Protocol": str(PROTOCOL_VERSION), "Quorum-Schema": str(SCHEMA_VERSION)}
ONE_OP = {"ops": [{"op_id": "x:1", "entity": "meeting", "record_id": "m1", "kind": "create",
                   "payload": {"kind": "general", "date": "2026-11-24"}, "hlc": "0001764000000000-0000-x",
                   "schema_version": SCHEMA_VERSION}]}


def enrol_over_http(office, code: str) -> dict:
    answer = httpx.post(f"{office.url}/api/v1/enrol", json={"code": code}, headers=VERSIONS)
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.fixture
def laptops(head_office):
    """Tokens: two laptops of one association (one then revoked), one laptop of another association."""
    name, code = head_office.new_association()
    mine = enrol_over_http(head_office, code)
    revoked = enrol_over_http(head_office, admin.enrolment_code(head_office.engine, name))
    admin.revoke_device(head_office.engine, revoked["device_id"])
    other = enrol_over_http(head_office, head_office.new_association()[1])
    return {"mine": mine, "revoked": revoked, "other": other}


def call(office, method: str, path: str, headers: dict) -> httpx.Response:
    body = ONE_OP if path.endswith("/push") else None
    return httpx.request(method, office.url + path, json=body, headers={**VERSIONS, "Idempotency-Key": "b1", **headers})


def test_the_unauthenticated_routes_are_only_meta_and_enrol():
    assert sorted(set(ROUTES) - set(SECURED)) == [("GET", "/api/v1/meta"), ("POST", "/api/v1/enrol")]
    assert SECURED  # push and pull, and any route added later


@pytest.mark.parametrize("route", SECURED, ids=[f"{m} {p}" for m, p in SECURED])
@pytest.mark.parametrize("who, status, code", [
    ("no token", 401, "no_token"),
    ("wrong token", 401, "token_refused"),
    ("revoked token", 403, "device_revoked"),
    ("another association's token", 403, "wrong_association"),
])
def test_every_secured_route_refuses(head_office, laptops, route, who, status, code):
    mine = laptops["mine"]
    headers = {
        "no token": {"Quorum-Association": mine["association_id"]},
        "wrong token": {"Authorization": "Bearer not-a-real-token", "Quorum-Association": mine["association_id"]},
        "revoked token": {"Authorization": f"Bearer {laptops['revoked']['token']}",
                          "Quorum-Association": mine["association_id"]},
        "another association's token": {"Authorization": f"Bearer {laptops['other']['token']}",
                                        "Quorum-Association": mine["association_id"]},
    }[who]
    before = head_office.count("applied_ops")
    answer = call(head_office, *route, headers)
    assert answer.status_code == status
    assert answer.json()["error"]["code"] == code
    assert answer.json()["error"]["message"].endswith(".")
    assert head_office.count("applied_ops") == before
    own = call(head_office, *route, {"Authorization": f"Bearer {mine['token']}",
                                     "Quorum-Association": mine["association_id"]})
    assert own.status_code == 200, own.text  # the same call with the laptop's own token works


def test_meta_says_which_versions_are_accepted(head_office):
    meta = httpx.get(f"{head_office.url}/api/v1/meta").json()
    assert meta["protocol"] == {"min": 1, "max": PROTOCOL_VERSION}
    assert meta["schema"] == {"min": OLDEST_CLIENT_SCHEMA, "max": SCHEMA_VERSION}


@pytest.mark.parametrize("versions", [
    {"Quorum-Protocol": str(PROTOCOL_VERSION), "Quorum-Schema": str(OLDEST_CLIENT_SCHEMA - 1)},
    {"Quorum-Protocol": str(PROTOCOL_VERSION), "Quorum-Schema": str(SCHEMA_VERSION + 1)},
    {"Quorum-Protocol": str(PROTOCOL_VERSION + 1), "Quorum-Schema": str(SCHEMA_VERSION)},
    {},
], ids=["schema behind", "schema ahead", "protocol ahead", "no versions"])
def test_a_laptop_out_of_range_is_told_to_update_before_anything_else(head_office, laptops, versions):
    mine = laptops["mine"]
    for path in ("/api/v1/push", "/api/v1/pull", "/api/v1/enrol"):
        before = head_office.count("applied_ops")
        answer = httpx.request("POST" if path != "/api/v1/pull" else "GET", head_office.url + path,
                               json=ONE_OP if path.endswith("push") else {"code": "ABCD"},
                               headers={**versions, "Authorization": "Bearer nonsense", "Idempotency-Key": "k"})
        assert answer.status_code == 426
        assert "update Quorum" in answer.json()["error"]["message"]
        assert head_office.count("applied_ops") == before
    assert mine


def test_bad_bodies_get_clear_json_errors(head_office, laptops):
    mine = laptops["mine"]
    auth = {**VERSIONS, "Authorization": f"Bearer {mine['token']}", "Quorum-Association": mine["association_id"]}
    cases = [
        ("POST", "/api/v1/push", {"content": b"{not json", "headers": {**auth, "Idempotency-Key": "k",
                                                                    "Content-Type": "application/json"}}, 422),
        ("POST", "/api/v1/push", {"json": {"ops": [{"op_id": "x"}]}, "headers": {**auth, "Idempotency-Key": "k"}}, 422),
        ("POST", "/api/v1/push", {"json": ONE_OP, "headers": auth}, 422),  # no Idempotency-Key
        ("GET", "/api/v1/pull?limit=0", {"headers": auth}, 422),
        ("GET", "/api/v1/pull?cursor=nonsense", {"headers": auth}, 422),
        ("GET", "/api/v1/pull?cursor=999999999999", {"headers": auth}, 410),  # a place head office never gave
        ("GET", "/api/v1/nowhere", {"headers": auth}, 404),
        ("POST", "/api/v1/enrol", {"json": {"code": ""}, "headers": VERSIONS}, 422),
    ]
    for method, path, kwargs, status in cases:
        answer = httpx.request(method, head_office.url + path, **kwargs)
        assert answer.status_code == status, (path, answer.text)
        assert set(answer.json()["error"]) == {"code", "message"}


@pytest.mark.parametrize("version", [1, 2], ids=["protocol 1", "protocol 2"])
def test_push_answers_each_op_or_from_protocol_2_each_op_not_applied(head_office, laptops, version):
    """An older laptop (protocol 1) still gets every change's result; a newer one those not applied."""
    mine = laptops["mine"]
    auth = {**VERSIONS, "Quorum-Protocol": str(version), "Authorization": f"Bearer {mine['token']}",
            "Quorum-Association": mine["association_id"], "Idempotency-Key": f"batch-{version}"}
    op = {**ONE_OP["ops"][0], "op_id": f"{mine['device_id']}:{version}",
          "hlc": f"{1_764_000_000_000 + version:016d}-0000-{mine['device_id']}"}
    first = httpx.post(f"{head_office.url}/api/v1/push", json={"ops": [op]}, headers=auth).json()
    ok = {"op_id": op["op_id"], "status": "ok", "code": "", "reason": ""}
    assert first == ({"batch_id": "batch-1", "results": [ok]} if version == 1 else
                     {"batch_id": "batch-2", "ok": 1, "results": []})
    again = httpx.post(f"{head_office.url}/api/v1/push", json={"ops": [op, ONE_OP["ops"][0]]}, headers=auth).json()
    assert [r["status"] for r in again["results"]] == ["duplicate", "rejected"]
    assert again.get("ok") == (None if version == 1 else 0)
    with head_office.engine.connect() as conn:
        assert conn.execute(select(devices.c.last_seen).where(devices.c.id == mine["device_id"])).scalar()


def test_enrolment_is_rate_limited(head_office, failures_forgotten):
    for _ in range(10):
        assert httpx.post(f"{head_office.url}/api/v1/enrol", json={"code": "AAAA-BBBB-CCCC"},
                          headers=VERSIONS).status_code == 403
    _, code = head_office.new_association()
    blocked = httpx.post(f"{head_office.url}/api/v1/enrol", json={"code": code}, headers=VERSIONS)
    assert blocked.status_code == 429
    assert blocked.json()["error"]["message"] == "Too many wrong enrolment codes; wait a few minutes and try again."
    assert int(blocked.headers["Retry-After"]) >= 1


def test_an_unexpected_error_is_a_plain_500_that_logs_no_data(head_office, laptops, monkeypatch, capfd, caplog):
    from app.server import feed

    def broken(*args, **kwargs):
        raise ValueError("Agnes MacLeod, 2/1 14 Kelvin Way, 0141 555 0100")

    monkeypatch.setattr(feed, "page", broken)
    mine = laptops["mine"]
    answer = httpx.get(f"{head_office.url}/api/v1/pull", headers={
        **VERSIONS, "Authorization": f"Bearer {mine['token']}", "Quorum-Association": mine["association_id"]})
    assert answer.status_code == 500
    assert answer.json()["error"]["code"] == "internal_error"
    assert "Agnes" not in answer.text
    logged = capfd.readouterr().err + caplog.text
    assert "unexpected ValueError on /api/v1/pull" in logged
    assert "Agnes" not in logged and "Kelvin" not in logged
