"""Staff patches: a housing officer sees, downloads and answers only the associations assigned to them;
an administrator sees every one. Like the cross-association tests, over real HTTP."""

from __future__ import annotations

import re
import uuid

import httpx
import pytest

from app.errors import HeadOfficeError
from app.server import admin
from app.server.apply import stored
from app.server.db import reading
from tests.server.over_http import Laptop
from tests.server.staff import PASSWORD, csrf, logged_in, quick_passwords  # noqa: F401


@pytest.fixture(scope="module")
def two_associations(head_office):
    """(ours, theirs): each with a closed meeting and an ask of the landlord."""
    made = []
    for what in ("Mend the lift at 14 Kelvin Way", "Clear the drying green at 3 Burn Road"):
        name, code = head_office.new_association()
        laptop = Laptop(head_office, code)
        meeting, ask = laptop.a_meeting_with_an_ask(what)
        made.append({"name": name, "id": laptop.association_id, "meeting": meeting, "ask": ask, "words": what})
    return made


def officer(office, *names: str) -> httpx.Client:
    email = f"ho-{uuid.uuid4().hex[:8]}@wellhouse-ha.example"
    admin.add_user(office.engine, email, PASSWORD, "officer")
    for name in names:
        admin.assign(office.engine, email, name)
    client = httpx.Client(base_url=office.url, timeout=30)
    form = client.get("/login")
    assert client.post("/login", data={"email": email, "password": PASSWORD, "csrf": csrf(form)}).status_code == 303
    return client


def test_an_officer_sees_only_their_patch_on_every_page_and_download(head_office, two_associations):
    ours, theirs = two_associations
    client = officer(head_office, ours["name"])
    for path in ("/", "/asks", "/export/meetings.csv", "/export/actions.csv", "/export/decisions.csv",
                 "/asks/asks.csv", "/asks/waiting.csv"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert theirs["name"] not in answer.text and theirs["words"] not in answer.text, path
    assert ours["name"] in client.get("/").text and ours["words"] in client.get("/export/actions.csv").text
    assert client.get(f"/associations/{ours['id']}").status_code == 200
    assert client.get(f"/associations/{ours['id']}/asks").status_code == 200
    for path in (f"/associations/{theirs['id']}", f"/associations/{theirs['id']}/asks",
                 f"/associations/{theirs['id']}/meetings/{theirs['meeting']}/minutes.pdf"):
        answer = client.get(path)
        assert answer.status_code == 404 and theirs["name"] not in answer.text, path


def test_an_officer_cannot_answer_an_ask_outside_their_patch(head_office, two_associations):
    ours, theirs = two_associations
    client = officer(head_office, ours["name"])
    form = client.get(f"/associations/{ours['id']}/asks")
    answer = client.post(f"/associations/{theirs['id']}/asks/{theirs['ask']}",
                         data={"csrf": csrf(form), "status": "declined", "text": "No."})
    assert answer.status_code == 404
    with reading(head_office.engine) as conn:
        assert not stored(conn, theirs["id"], "action", theirs["ask"]).doc.get("answer_status")
    done = client.post(f"/associations/{ours['id']}/asks/{ours['ask']}",
                       data={"csrf": csrf(form), "status": "acknowledged", "text": "Booked for Tuesday."})
    assert done.status_code == 303


def test_an_officer_with_no_patch_sees_nothing_and_an_administrator_everything(head_office, two_associations):
    nobody = officer(head_office)
    assert not re.search(r'href="/associations/[^"]+"', nobody.get("/").text)
    everyone = logged_in(head_office).get("/").text
    assert all(a["name"] in everyone for a in two_associations)


def test_a_patch_is_changed_by_name(head_office, two_associations):
    ours, theirs = two_associations
    email = f"ho-{uuid.uuid4().hex[:8]}@wellhouse-ha.example"
    admin.add_user(head_office.engine, email, PASSWORD, "officer")
    admin.assign(head_office.engine, email, theirs["name"])
    admin.assign(head_office.engine, email, theirs["name"], assigned=False)
    with pytest.raises(HeadOfficeError, match="no association called"):
        admin.assign(head_office.engine, email, "Nowhere TRA")
    boss = f"boss-{uuid.uuid4().hex[:8]}@wellhouse-ha.example"
    admin.add_user(head_office.engine, boss, PASSWORD)
    with pytest.raises(HeadOfficeError, match="sees every association"):
        admin.assign(head_office.engine, boss, ours["name"])
