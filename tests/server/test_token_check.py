"""The token check, made on the event loop (app.server.tokens): nothing of it is kept between requests,
so a laptop revoked or enrolled again is refused at its very next request; and a laptop's push and
pull are each one trip to a worker thread (the token check used to add one to each)."""

from __future__ import annotations

import asyncio
import uuid

import anyio.to_thread
import httpx
import psycopg
import pytest

from app.server import admin
from app.server.tokens import TokenCheck
from tests.server.over_http import VERSIONS, Laptop


def a_meeting(laptop: Laptop) -> dict:
    return laptop.op("meeting", uuid.uuid4().hex, {"kind": "general", "date": "2026-11-24"})


def pull(laptop: Laptop) -> httpx.Response:
    return httpx.get(f"{laptop.url}/api/v1/pull", headers=laptop.headers)


def test_a_laptop_revoked_after_syncing_is_refused_at_its_next_push_and_pull(head_office):
    laptop = Laptop(head_office, head_office.new_association()[1])
    assert [r["status"] for r in laptop.results(a_meeting(laptop))] == ["ok"]
    assert pull(laptop).status_code == 200
    admin.revoke_device(head_office.engine, laptop.device)  # as `main.py server revoke-device` does
    for answer in (laptop.push(a_meeting(laptop)), pull(laptop)):
        assert answer.status_code == 403, answer.text
        assert answer.json()["error"]["code"] == "device_revoked"
    assert head_office.count("records", association_id=laptop.association_id, entity="meeting") == 1


def test_a_token_given_again_refuses_the_old_one_at_once(head_office):
    """Enrolling again with the same code and laptop key gives the same device a new token."""
    _, code = head_office.new_association()
    first = httpx.post(f"{head_office.url}/api/v1/enrol", json={"code": code, "laptop_key": "k" * 40},
                       headers=VERSIONS).json()
    old = {**VERSIONS, "Authorization": f"Bearer {first['token']}", "Quorum-Association": first["association_id"]}
    assert httpx.get(f"{head_office.url}/api/v1/pull", headers=old).status_code == 200
    again = httpx.post(f"{head_office.url}/api/v1/enrol", json={"code": code, "laptop_key": "k" * 40},
                       headers=VERSIONS).json()
    assert again["device_id"] == first["device_id"] and again["token"] != first["token"]
    refused = httpx.get(f"{head_office.url}/api/v1/pull", headers=old)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "token_refused"
    new = {**old, "Authorization": f"Bearer {again['token']}"}
    assert httpx.get(f"{head_office.url}/api/v1/pull", headers=new).status_code == 200


def test_a_push_and_a_pull_are_each_one_trip_to_a_worker_thread(head_office, monkeypatch):
    laptop = Laptop(head_office, head_office.new_association()[1])
    trips = []
    run_sync = anyio.to_thread.run_sync

    async def counted(function, *args, **kwargs):
        trips.append(function)
        return await run_sync(function, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counted)  # how FastAPI and Starlette hand work to a thread
    assert [r["status"] for r in laptop.results(a_meeting(laptop))] == ["ok"]
    assert len(trips) == 1  # the apply; the token check ran on the event loop
    assert pull(laptop).status_code == 200
    assert len(trips) == 2  # the pull's read, with its token check on the loop


def test_many_token_checks_at_once_share_one_new_connection(head_office, monkeypatch):
    """A burst's first requests arrive together: they make one connection for the loop between them,
    not one each (500 of them went past PostgreSQL's 100 connections)."""
    if head_office.database != "postgresql":
        pytest.skip("SQLite's reader is opened without waiting")
    made = []
    connect = psycopg.AsyncConnection.connect

    async def counted(*args, **kwargs):
        made.append(args)
        await asyncio.sleep(0.05)  # as a new connection's handshake does: the others arrive meanwhile
        return await connect(*args, **kwargs)

    monkeypatch.setattr(psycopg.AsyncConnection, "connect", counted)
    laptop = Laptop(head_office, head_office.new_association()[1])
    check, token = TokenCheck(head_office.engine), laptop.headers["Authorization"].removeprefix("Bearer ")

    async def burst():
        found = await asyncio.gather(*(check.device(token) for _ in range(50)))
        await check._forget()
        return found

    found = asyncio.run(burst())
    assert len(made) == 1
    assert {device.id for device in found} == {laptop.device}


def test_token_checks_asked_together_are_read_together_each_answered_as_alone(head_office, monkeypatch):
    """A burst's token checks on PostgreSQL go in one read for those asked meanwhile, not one each queued
    behind the others on the loop's connection (a pull waited seconds for its check); each request
    still gets its own device, a revoked one as revoked, an unknown token none."""
    if head_office.database != "postgresql":
        pytest.skip("SQLite's token check is made at once on the loop")
    laptops = [Laptop(head_office, head_office.new_association()[1]) for _ in range(3)]
    admin.revoke_device(head_office.engine, laptops[2].device)
    reads = []
    execute = psycopg.AsyncConnection.execute

    async def counted(self, *args, **kwargs):
        reads.append(args[0])
        return await execute(self, *args, **kwargs)

    monkeypatch.setattr(psycopg.AsyncConnection, "execute", counted)
    check = TokenCheck(head_office.engine)
    tokens = [laptop.headers["Authorization"].removeprefix("Bearer ") for laptop in laptops] + ["not-a-token"]

    async def burst():
        found = await asyncio.gather(*(check.device(tokens[n % 4]) for n in range(60)))
        again = await check.device(tokens[0])  # asked after: read again, not answered from before
        await check._forget()
        return found, again

    found, again = asyncio.run(burst())
    assert len(reads) == 2
    for n, device in enumerate(found):
        if n % 4 == 3:
            assert device is None
        else:
            assert device.id == laptops[n % 4].device and device.revoked == (n % 4 == 2)
    assert again.id == laptops[0].device
