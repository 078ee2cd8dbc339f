"""A head-office staff member driving the pages with a real HTTP client: log in, read the CSRF token, post."""

from __future__ import annotations

import re
import uuid

import httpx
import pytest
from argon2 import PasswordHasher

from app.server import admin, auth

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module", autouse=True)
def quick_passwords():
    """Real argon2, with cheap parameters, so logging in is quick."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        yield


def csrf(page: httpx.Response) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def logged_in(office) -> httpx.Client:
    """A new staff login, signed in through the login form."""
    email = f"tp-{uuid.uuid4().hex[:8]}@wellhouse-ha.example"
    admin.add_user(office.engine, email, PASSWORD)
    client = httpx.Client(base_url=office.url, follow_redirects=False, timeout=30)
    form = client.get("/login")
    answer = client.post("/login", data={"email": email, "password": PASSWORD, "csrf": csrf(form)})
    assert answer.status_code == 303
    return client
