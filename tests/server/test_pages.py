"""Head office's pages: login with CSRF and rate limit, the association pages, and the CSV files."""

from __future__ import annotations

import csv
import io
import logging
import re
import shutil
import uuid

import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from app.server import admin, auth
from app.server.db import staff_users
from app.services import AssociationFile
from app.store import inbox
from app.sync import enrol, sync
from tests.server.live import FAST

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module", autouse=True)
def quick_passwords():
    """Real argon2, with cheap parameters: the tests log in dozens of times."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        yield


@pytest.fixture(scope="module")
def wellhouse(head_office, demo_master, tmp_path_factory):
    """The demo association, synced once for every test of this module."""
    path = tmp_path_factory.mktemp("wellhouse") / demo_master.name
    shutil.copy2(demo_master, path)
    _, code = head_office.new_association()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QUORUM_TOKEN_STORE", "file")
        with AssociationFile.open(path) as book:
            enrol(book, head_office.url, code, FAST)
            sync(book, policy=FAST)
            yield book


@pytest.fixture
def staff(head_office):
    email = f"tp-{uuid.uuid4().hex[:8]}@wellhouse-ha.example"
    admin.add_user(head_office.engine, email, PASSWORD)
    return email


def _csrf(page: httpx.Response) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def log_in(office, email: str, password: str = PASSWORD) -> tuple[httpx.Client, httpx.Response]:
    client = httpx.Client(base_url=office.url, follow_redirects=False)
    form = client.get("/login")
    answer = client.post("/login", data={"email": email, "password": password, "csrf": _csrf(form)})
    return client, answer


def test_pages_need_a_login(head_office):
    for path in ("/", "/associations/x", "/export/actions.csv"):
        answer = httpx.get(head_office.url + path)
        assert (answer.status_code, answer.headers["location"]) == (303, "/login")


def test_login_sets_a_safe_session_cookie(head_office, staff):
    client, answer = log_in(head_office, staff)
    assert (answer.status_code, answer.headers["location"]) == (303, "/")
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("quorum_session=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    home = client.get("/")
    assert home.status_code == 200 and f"Signed in as {staff}" in home.text
    assert "script" not in home.text.lower()
    assert home.headers["content-security-policy"].startswith("default-src 'none'")
    logout = client.post("/logout", data={"csrf": _csrf(home)})
    assert logout.status_code == 303
    assert client.get("/").status_code == 303  # the session is gone at head office, not just forgotten


def test_a_password_stored_with_older_settings_is_stored_afresh_at_login(head_office, staff):
    older = PasswordHasher(time_cost=1, memory_cost=2048, parallelism=1).hash(PASSWORD)
    with head_office.engine.begin() as conn:
        conn.execute(update(staff_users).where(staff_users.c.email == staff).values(password_hash=older))
    _, answer = log_in(head_office, staff)
    assert answer.status_code == 303
    with head_office.engine.connect() as conn:
        stored = conn.execute(select(staff_users.c.password_hash).where(staff_users.c.email == staff)).scalar_one()
    assert stored != older and not auth._hasher.check_needs_rehash(stored)
    assert log_in(head_office, staff)[1].status_code == 303


def test_forms_without_the_csrf_token_are_refused(head_office, staff):
    client = httpx.Client(base_url=head_office.url)
    client.get("/login")
    answer = client.post("/login", data={"email": staff, "password": PASSWORD, "csrf": "forged"})
    assert answer.status_code == 403 and "out of date" in answer.text
    assert "quorum_session" not in answer.headers.get("set-cookie", "")


def test_association_pages_show_the_record(head_office, staff, wellhouse):
    client, _ = log_in(head_office, staff)
    chair = wellhouse
    name = inbox.state(chair.store, "association_name")
    home = client.get("/").text
    row = home[home.index(name):].split("</tr>")[0]
    assert re.findall(r'class="num">(\d+)<', row)[:3] == ["119", "12", str(len(
        [a for a in chair.actions.actions() if a.status == "open"]))]
    assert "Last sync" in home and "Never" not in row
    page = client.get(f"/associations/{inbox.state(chair.store, 'association_id')}")
    assert page.status_code == 200
    text = page.text
    assert "Wellhouse, Easterhouse and Garthamlock, Glasgow" in text
    assert "Annual General Meeting" in text and "Carried" in text and "Fell" in text
    assert "Send the annual return and accounts to the landlord" in text
    assert client.get("/associations/nothing-here").status_code == 404


def test_csv_exports_cover_every_association(head_office, staff, wellhouse):
    client, _ = log_in(head_office, staff)
    name = inbox.state(wellhouse.store, "association_name")
    for what, expected in [("meetings", "Annual General Meeting"), ("decisions", "Community Grant Fund"),
                           ("actions", "Put up notices about the next meeting in every close")]:
        answer = client.get(f"/export/{what}.csv")
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
        assert "attachment" in answer.headers["content-disposition"]
        rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
        ours = [r for r in rows[1:] if r[0] == name]
        assert ours and any(expected in cell for r in ours for cell in r)
    assert client.get("/export/members.csv").status_code == 404


def test_spreadsheet_formulas_are_not_run(head_office, staff, wellhouse):
    wellhouse.actions.add_action(wellhouse.meetings.meetings()[-1].id, "=HYPERLINK(\"http://example.org\")", owner_name="@Someone")
    sync(wellhouse, policy=FAST)
    client, _ = log_in(head_office, staff)
    rows = list(csv.reader(io.StringIO(client.get("/export/actions.csv").content.decode("utf-8-sig"))))
    row = next(r for r in rows if "HYPERLINK" in r[2])
    assert row[2].startswith("'=") and row[3] == "'@Someone"


def test_no_personal_data_in_the_server_log(head_office, demo_path, caplog):
    _, code = head_office.new_association()
    with caplog.at_level(logging.DEBUG), AssociationFile.open(demo_path) as book:
        enrol(book, head_office.url, code, FAST)
        sync(book, policy=FAST)
        people = book.register.members()
    logged = caplog.text
    assert "push from" in logged
    assert not [m.surname for m in people if m.surname in logged]
    assert not [m.phone for m in people if m.phone and m.phone in logged]
