"""A pull page stops at a byte budget: long records arrive over several pages, each once, in order."""

from __future__ import annotations

import uuid

from app.server import admin, db, feed
from app.services import AssociationFile
from app.store import inbox
from app.sync import join, sync
from tests.server.live import FAST, differences
from tests.server.over_http import Laptop


def test_long_records_come_over_several_pages_each_once_in_order(head_office):
    """Twelve members with long notes pushed by the chair's laptop; the secretary's pulls them with a
    budget of three members' text a page, as a slow hall connection would need them."""
    name, code = head_office.new_association()
    chair, secretary = Laptop(head_office, code), Laptop(head_office, admin.enrolment_code(head_office.engine, name))
    names = [f"Member {n:02d} {uuid.uuid4().hex[:6]}" for n in range(12)]
    ops = [chair.op("member", uuid.uuid4().hex, {"first_name": name, "surname": "Long", "notes": "x" * 900})
           for name in names]
    assert {r["status"] for r in chair.results(*ops)} == {"ok"}
    budget = 3 * 1000

    with db.reading(head_office.engine) as conn:
        whole = feed.page(conn, chair.association_id, secretary.device, None, 1000, budget=10**9)
        pages, cursor = [], None
        while True:
            found = feed.page(conn, chair.association_id, secretary.device, cursor, 1000, budget=budget)
            pages.append(found)
            cursor = found.next_cursor
            if not found.has_more:
                break

    assert [r.record_id for r in whole.records] == [op["record_id"] for op in ops]
    assert len(pages) >= 4  # twelve members of about 1 KB at three a page
    assert all(1 <= len(found.records) <= 3 for found in pages)
    assert [r.record_id for found in pages for r in found.records] == [r.record_id for r in whole.records]
    assert pages[-1].next_cursor == whole.next_cursor


def test_a_new_laptop_filled_over_small_pages_matches_the_chairs(head_office, chair, tmp_path, monkeypatch):
    """The demo association's whole record, pulled by a new laptop through real HTTP in pages of
    about 5 KB (hundreds of them): the two laptops hold the same records."""
    monkeypatch.setattr(feed, "PAGE_BYTES", 5_000)
    code = admin.enrolment_code(head_office.engine, inbox.state(chair.store, "association_name"))
    path = join(tmp_path / "secretary", head_office.url, code, FAST)
    with AssociationFile.open(path) as secretary:
        sync(secretary, policy=FAST)
        assert secretary.register.members()
        assert differences(chair, secretary) == []
