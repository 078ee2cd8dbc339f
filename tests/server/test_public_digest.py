"""The summary for members on head office's server: public by its unguessable address, and only once published."""

from __future__ import annotations

import html

import httpx

from app.model import OFFICE_BEARERS
from app.sync import sync
from tests.conftest import DEMO_DAY
from tests.server.live import FAST


def _held(book):
    return [m for m in book.meetings.meetings() if m.status == "closed"]


def test_a_published_summary_opens_without_a_login(head_office, chair):
    latest = _held(chair)[-1]
    chair.documents.save_digest(latest.id, chair.documents.digest_draft(latest.id, DEMO_DAY), publish=True)
    assert sync(chair, policy=FAST).refused == []
    link = chair.documents.digest_link(latest.id)
    assert link.startswith(head_office.url + "/digest/")

    page = httpx.get(link)
    assert page.status_code == 200 and page.headers["x-robots-tag"] == "noindex"
    text = html.unescape(page.text)
    assert "What we decided at our General Meeting" in text
    assert "We decided not to support the landlord's plan to move the bin stores" in text
    assert "<script" not in text.lower() and 'name="robots" content="noindex"' in text
    for member in chair.register.members(include_left=True):
        if member.role not in OFFICE_BEARERS:
            assert member.name not in text
        assert not member.address or member.address not in text


def test_only_published_summaries_show(head_office, chair):
    latest = _held(chair)[-1]
    chair.documents.save_digest(latest.id, "What we decided\nA draft the chair has not published.\n")
    sync(chair, policy=FAST)
    token = chair.documents.digest(latest.id).token
    assert httpx.get(f"{head_office.url}/digest/{token}").status_code == 404
    chair.documents.save_digest(latest.id, chair.documents.digest(latest.id).text, publish=True)
    sync(chair, policy=FAST)
    assert httpx.get(f"{head_office.url}/digest/{token}").status_code == 200
    chair.documents.save_digest(latest.id, chair.documents.digest(latest.id).text, publish=False)
    sync(chair, policy=FAST)
    gone = httpx.get(f"{head_office.url}/digest/{token}")
    assert gone.status_code == 404 and "not available" in gone.text
    for guess in ("x" * 32, token[:-1] + ("A" if token[-1] != "A" else "B"), "../../etc/passwd", "short"):
        assert httpx.get(f"{head_office.url}/digest/{guess}").status_code == 404


def test_a_summary_of_a_meeting_whose_minutes_are_approved_is_accepted(head_office, chair):
    approved = next(m for m in _held(chair) if m.minutes_status == "approved" and m.kind == "general")
    chair.documents.save_digest(approved.id, chair.documents.digest_draft(approved.id, DEMO_DAY), publish=True)
    assert sync(chair, policy=FAST).refused == []  # a summary is written about the meeting, not part of its record
    assert httpx.get(chair.documents.digest_link(approved.id)).status_code == 200
