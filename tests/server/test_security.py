"""Head office's security points, each against a real uvicorn on SQLite (and PostgreSQL when set):
throttled logins that a stranger cannot turn into a lockout, password checks that never hold up a
laptop, retry-safe enrolment, caching and HSTS headers, op numbers that tell nothing, fields read
with the laptop's parsers, asks whose ids need escaping, and admission control before any work."""

from __future__ import annotations

import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import select, update

from app.errors import HeadOfficeUnreachableError
from app.server import admin, api, auth, pages
from app.server.admission import Admission
from app.server.app import create_app
from app.server.db import attempts, records
from app.services import AssociationFile
from app.sync import RetryPolicy, sync
from app.sync import enrol as enrol_file
from tests.server.live import FAST, serving
from tests.server.over_http import VERSIONS, Laptop
from tests.server.staff import PASSWORD, csrf, logged_in, quick_passwords  # noqa: F401


def staff_login(office) -> str:
    email = f"tp-{uuid.uuid4().hex[:8]}@wellhouse-ha.example"
    admin.add_user(office.engine, email, PASSWORD)
    return email


def try_login(office, email: str, password: str, address: str = "198.51.100.7") -> httpx.Response:
    client = httpx.Client(base_url=office.url, headers={"X-Forwarded-For": address}, timeout=30)
    form = client.get("/login")
    return client.post("/login", data={"email": email, "password": password, "csrf": csrf(form)})


def the_wait_passes(office, key: str) -> None:
    """As if the throttle's wait were over (rather than sleeping through it)."""
    with office.engine.begin() as conn:
        conn.execute(update(attempts).where(attempts.c.key == key).values(next_allowed=0.0))


# -- logins -----------------------------------------------------------------------------------------

def test_simultaneous_wrong_passwords_are_each_counted(head_office, failures_forgotten, monkeypatch):
    monkeypatch.setattr(pages, "PER_EMAIL", auth.Throttle(free=5, longest=600, first=300))
    email = staff_login(head_office)
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: try_login(head_office, email, "wrong password!").status_code, range(40)))
    assert answers.count(401) == 5  # checked exactly as often as allowed, however many arrive at once
    assert answers.count(429) == 35


def test_a_stranger_slows_a_staff_login_down_but_never_locks_it(head_office, failures_forgotten):
    email = staff_login(head_office)
    waits = []
    for _ in range(12):  # guessing from one address: each wait is short, and grows
        answer = try_login(head_office, email, "guess " + uuid.uuid4().hex, address="203.0.113.9")
        if answer.status_code == 429:
            waits.append(int(answer.headers["Retry-After"]))
            assert "Wait" in answer.text and "then try again" in answer.text
            the_wait_passes(head_office, f"login:{email}")
    assert waits and max(waits) <= pages.PER_EMAIL.longest
    while try_login(head_office, email, "one more guess", address="203.0.113.9").status_code == 429:
        the_wait_passes(head_office, f"login:{email}")
    blocked = try_login(head_office, email, PASSWORD)  # the owner, from their own desk, right after a guess
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) <= pages.PER_EMAIL.longest
    the_wait_passes(head_office, f"login:{email}")
    assert try_login(head_office, email, PASSWORD).status_code == 303


def test_one_address_guessing_many_emails_is_slowed_down(head_office, failures_forgotten, monkeypatch):
    monkeypatch.setattr(pages, "PER_ADDRESS", auth.Throttle(free=20, longest=900, first=300))
    answers = [try_login(head_office, f"x{n}@example.org", "guess", address="203.0.113.10").status_code
               for n in range(pages.PER_ADDRESS.free + 1)]
    assert answers[:pages.PER_ADDRESS.free] == [401] * pages.PER_ADDRESS.free and answers[-1] == 429
    email = staff_login(head_office)
    assert try_login(head_office, email, PASSWORD, address="198.51.100.8").status_code == 303  # others are not


def test_a_password_check_never_holds_up_a_laptop(head_office, chair, failures_forgotten, monkeypatch):
    email = staff_login(head_office)
    checking, done = threading.Event(), threading.Event()

    class Slow:
        def verify(self, stored, password):
            checking.set()
            done.wait(30)
            return True

    monkeypatch.setattr(auth, "_hasher", Slow())
    login = threading.Thread(target=try_login, args=(head_office, email, PASSWORD))
    login.start()
    try:
        assert checking.wait(10)
        chair.actions.add_action(chair.meetings.meetings()[-1].id, "Ask the landlord about the lifts", owner_name="The secretary")
        assert sync(chair, policy=FAST).sent == 1  # while the password check is still running
        assert login.is_alive()
    finally:
        done.set()
        login.join(30)


# -- enrolment --------------------------------------------------------------------------------------

def enrol(office, code: str, key: str | None) -> httpx.Response:
    return httpx.post(f"{office.url}/api/v1/enrol", json={"code": code, "laptop_key": key}, headers=VERSIONS)


def test_enrolment_asked_again_by_the_same_laptop_gets_the_same_device(head_office, failures_forgotten):
    _, code = head_office.new_association()
    key = uuid.uuid4().hex
    first, again = enrol(head_office, code, key), enrol(head_office, code, key)  # the first answer was lost
    assert first.status_code == again.status_code == 200
    assert first.json()["device_id"] == again.json()["device_id"]
    assert head_office.count("devices", id=first.json()["device_id"]) == 1
    for token, status in ((first.json()["token"], 401), (again.json()["token"], 200)):
        pulled = httpx.get(f"{head_office.url}/api/v1/pull", headers={
            **VERSIONS, "Authorization": f"Bearer {token}", "Quorum-Association": again.json()["association_id"]})
        assert pulled.status_code == status
    assert enrol(head_office, code, uuid.uuid4().hex).status_code == 403  # another laptop: the code is used
    assert enrol(head_office, code, None).status_code == 403


def test_only_wrong_codes_count_towards_the_limit(head_office, failures_forgotten):
    _, used = head_office.new_association()
    assert enrol(head_office, used, uuid.uuid4().hex).status_code == 200
    for _ in range(api.ENROL_THROTTLE.free + 5):  # a used code, retried by a confused laptop
        assert enrol(head_office, used, uuid.uuid4().hex).status_code == 403
    _, fresh = head_office.new_association()
    assert enrol(head_office, fresh, uuid.uuid4().hex).status_code == 200
    for _ in range(api.ENROL_THROTTLE.free):
        assert enrol(head_office, "WRNG-CODE-AAAA", None).status_code == 403
    refused = enrol(head_office, head_office.new_association()[1], uuid.uuid4().hex)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1


def test_many_laptops_enrolling_at_once_from_one_office_are_not_slowed(head_office, failures_forgotten):
    codes = [head_office.new_association()[1] for _ in range(api.ENROL_THROTTLE.free + 5)]
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda code: enrol(head_office, code, uuid.uuid4().hex).status_code, codes))
    assert answers == [200] * len(codes)


# -- headers ------------------------------------------------------------------------------------------

def test_nothing_with_personal_data_may_be_kept_by_a_browser(head_office, failures_forgotten):
    laptop = Laptop(head_office, head_office.new_association()[1])
    laptop.a_meeting_with_an_ask("Fix the door entry system")
    client = logged_in(head_office)
    for path in ("/", f"/associations/{laptop.association_id}", f"/associations/{laptop.association_id}/asks",
                 "/asks", "/export/actions.csv", "/export/meetings.csv", "/asks/asks.csv", "/login"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["Cache-Control"] == "no-store", path
        assert "Strict-Transport-Security" not in answer.headers  # plain HTTP: HSTS would mean nothing
    pulled = httpx.get(f"{head_office.url}/api/v1/pull", headers=laptop.headers)
    assert pulled.headers["Cache-Control"] == "no-store"
    behind_https = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert behind_https.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert client.get("/style.css").headers["Cache-Control"] == "max-age=3600"


# -- op numbers and fields ------------------------------------------------------------------------------

def test_another_laptops_op_numbers_are_refused_alike_used_or_not(head_office):
    name, code = head_office.new_association()
    mine, theirs = Laptop(head_office, code), Laptop(head_office, admin.enrolment_code(head_office.engine, name))
    used = mine.op("meeting", uuid.uuid4().hex, {"kind": "general", "date": "2026-11-24"})
    assert mine.results(used)[0]["status"] == "ok"
    unused = {**used, "op_id": f"{mine.device}:999"}
    answers = theirs.results(used, unused)
    assert [{k: v for k, v in r.items() if k != "op_id"} for r in answers] == [
        {"status": "rejected", "code": "not_your_op", "reason": "This change carries another laptop's number."}] * 2


@pytest.mark.parametrize("entity, payload", [
    ("rules", {"effective_from": "2026-01-01", "settings": "{not json"}),
    ("rules", {"effective_from": "2026-01-01", "settings": "[1, 2]"}),
    ("rules", {"effective_from": "2026-01-01", "settings": '{"general_quorum": {"nonsense": 1}}'}),
    ("statement", {"year": 2026, "income": "{not json"}),
    ("statement", {"year": 2026, "income": '[["Grant", "lots"]]'}),
    ("meeting", {"kind": "general", "date": "2026-02-30"}),
    ("meeting", {"kind": "general", "date": "2026-11-24", "colour": "blue"}),
], ids=["malformed settings", "settings not an object", "unknown rule", "malformed statement", "pence not a number",
        "impossible date", "unknown field"])
def test_fields_the_laptop_could_not_read_are_refused_with_a_reason(head_office, entity, payload):
    laptop = Laptop(head_office, head_office.new_association()[1])
    before = head_office.count("records", association_id=laptop.association_id)
    [result] = laptop.results(laptop.op(entity, uuid.uuid4().hex, payload))
    assert result["status"] == "rejected" and result["code"] in ("bad_value", "unknown_field")
    assert result["reason"].endswith(".") and len(result["reason"]) < 200
    assert head_office.count("records", association_id=laptop.association_id) == before


@pytest.mark.parametrize("record_id", ["a/b", "a?b", "a#b", "x" * 101, "", "ä"])
def test_record_ids_have_one_format(head_office, record_id):
    laptop = Laptop(head_office, head_office.new_association()[1])
    answer = laptop.push(laptop.op("meeting", record_id, {"kind": "general", "date": "2026-11-24"}))
    assert answer.status_code == 422 and "record_id" in answer.json()["error"]["message"]


def test_an_ask_whose_id_needs_escaping_can_be_answered(head_office):
    laptop = Laptop(head_office, head_office.new_association()[1])
    _, ask = laptop.a_meeting_with_an_ask("Mend the close door")
    odd = "kept/before?ids#had-a-format"  # as an older head office may still hold it
    where = (records.c.association_id == laptop.association_id, records.c.record_id == ask)
    with head_office.engine.begin() as conn:
        doc = json.loads(conn.execute(select(records.c.doc).where(*where)).scalar_one())
        conn.execute(update(records).where(*where).values(record_id=odd, doc=json.dumps({**doc, "id": odd})))
    client = logged_in(head_office)
    queue = client.get(f"/associations/{laptop.association_id}/asks")
    assert f'/asks/{quote(odd, safe="/")}"' in queue.text
    answer = client.post(f"/associations/{laptop.association_id}/asks/{quote(odd, safe='/')}",
                         data={"csrf": csrf(queue), "status": "acknowledged", "text": "We will send someone."})
    assert answer.status_code == 303
    with head_office.engine.connect() as conn:
        doc = json.loads(conn.execute(select(records.c.doc).where(records.c.record_id == odd)).scalar_one())
    assert doc["answer_status"] == "acknowledged"


# -- the evening burst --------------------------------------------------------------------------------

def test_a_push_that_would_wait_too_long_is_told_to_come_back_before_any_work(head_office, monkeypatch):
    app = create_app(head_office.engine)
    app.state.admission = Admission(at_once=1, patience=0.0)
    started, release = threading.Event(), threading.Event()
    real = api.apply_ops

    def held(*args, **kwargs):
        if not started.is_set():
            started.set()
            release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "apply_ops", held)
    with serving(app) as url:
        name, code = head_office.new_association()
        first, second = Laptop(head_office, code), Laptop(head_office, admin.enrolment_code(head_office.engine, name))
        first.url = second.url = url
        one = first.op("meeting", uuid.uuid4().hex, {"kind": "general", "date": "2026-11-24"})
        pushing = ThreadPoolExecutor(max_workers=1).submit(first.push, one)
        assert started.wait(10)
        before = head_office.count("applied_ops", device_id=second.device)
        busy = second.push(second.op("meeting", uuid.uuid4().hex, {"kind": "general", "date": "2026-11-25"}))
        assert busy.status_code == 503 and int(busy.headers["Retry-After"]) >= 1
        assert busy.json()["error"]["code"] == "busy"
        assert head_office.count("applied_ops", device_id=second.device) == before  # nothing was done
        release.set()
        assert pushing.result(30).status_code == 200  # the one let in is always finished
        assert second.push(second.op("meeting", uuid.uuid4().hex, {"kind": "general", "date": "2026-11-26"}))\
            .status_code == 200


class _AlwaysBusy(Admission):
    """Head office in a burst that never ends: every push is told to come back."""

    def __init__(self) -> None:
        super().__init__(at_once=1)
        self.turned_away = 0

    def door(self, size: int | None) -> int:
        self.turned_away += 1
        return 1


def test_a_laptop_told_to_come_back_keeps_its_turns_then_says_head_office_was_unreachable(head_office, demo_path):
    """A turn given is not a failure: the laptop comes back more often than its attempts, for ``busy_for``."""
    app = create_app(head_office.engine)
    app.state.admission = busy = _AlwaysBusy()
    name, code = head_office.new_association()
    patient = RetryPolicy(attempts=2, first_wait=0.01, max_wait=0.02, timeout=10, longest_busy_wait=0.01,
                          busy_for=0.5)
    with AssociationFile.open(demo_path) as book, serving(app) as url:
        enrol_file(book, url, code, FAST)
        waiting = book.head_office.changes_waiting()
        with pytest.raises(HeadOfficeUnreachableError):
            sync(book, policy=patient)
        assert busy.turned_away > patient.attempts
        assert book.head_office.changes_waiting() == waiting  # nothing lost, nothing marked sent
