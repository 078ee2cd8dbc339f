"""The overview and the CSV files, read from the summaries kept as changes arrive, say what a full read of
the records says: through a real server, for a housing officer's patch, after creates, edits, deletions,
an erasure, minutes approved, a record moved to another meeting and a meeting moved to another day; and
the summaries rebuilt by the migration for a database made before they were typed are the same."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select, text, update

from app import model
from app.server import figures, migrations, summaries
from app.server.apply import apply_ops
from app.server.db import associations, reading, schema_version, writing
from app.server.db import summaries as table
from app.server.pages import EXPORTS
from app.server.spreadsheet import cell
from app.store import inbox
from app.sync import sync
from tests.server.live import FAST
from tests.server.staff import quick_passwords  # noqa: F401
from tests.server.test_apply import Laptop
from tests.server.test_patches import officer


def full_read(office, association_ids: list[str]) -> dict[str, list[list[str]]]:
    """Every file and the overview's figures as they were built from every document (app.server.figures)."""
    with reading(office.engine) as conn:
        found = figures.associations_overview(conn, among=association_ids)
    files = {"meetings": [], "decisions": [], "actions": [], "overview": []}
    for each in found:
        files["meetings"] += [[each.name, m.day, m.time, m.heading, m.status, m.minutes_status, m.present,
                               m.apologies, m.guests] for m in each.meetings]
        decided = sorted(each.decisions, key=lambda d: d.meeting.day, reverse=True)
        files["decisions"] += [[each.name, d.meeting.day, d.meeting.heading, d.text, d.votes_for, d.votes_against,
                                d.abstentions, d.result_text, "yes" if d.carried else "no"] for d in decided]
        files["actions"] += [[each.name, a.meeting.day if a.meeting else None, a.description, a.owner, a.due,
                              a.status, a.completed] for a in each.actions]
        files["overview"].append([each.name, each.area or "—", each.members, len(each.meetings),
                                  len(each.open_actions), each.laptops])
    return {what: [[cell(v) for v in row] for row in rows] for what, rows in files.items()}


def downloaded(client) -> dict[str, list[list[str]]]:
    files = {}
    for what, header in EXPORTS.items():
        answer = client.get(f"/export/{what}.csv")
        assert answer.status_code == 200 and answer.content.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
        assert rows[0] == header
        files[what] = rows[1:]
    page = client.get("/").text
    files["overview"] = [[name, area, *map(int, numbers)] for name, area, *numbers in re.findall(
        r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>\s*<td>([^<]*)</td>\s*'
        r'<td class="num">(\d+)</td>\s*<td class="num">(\d+)</td>\s*<td class="num">(\d+)</td>\s*'
        r'<td class="num">(\d+)</td>', page)]
    files["overview"] = [[cell(v) for v in row] for row in files["overview"]]
    return files


@pytest.fixture
def patch(head_office, chair):
    """A housing officer's patch: the chair's association and an empty one; a third stays outside it."""
    name = inbox.state(chair.store, "association_name")
    empty, _ = head_office.new_association()
    outside, _ = head_office.new_association()
    with writing(head_office.engine) as conn:
        ids = dict(conn.execute(text("SELECT name, id FROM associations WHERE name IN (:a, :b)"),
                                {"a": name, "b": empty}).all())
    return officer(head_office, name, empty), [ids[name], ids[empty]], outside


def agrees(office, client, association_ids: list[str]) -> dict[str, list[list[str]]]:
    found = downloaded(client)
    assert found == full_read(office, association_ids)
    return found


def test_files_and_overview_agree_with_a_full_read_as_changes_arrive(head_office, chair, patch):
    client, ours, outside = patch
    before = agrees(head_office, client, ours)
    assert len(before["overview"]) == 2 and outside not in str(before)
    assert sorted(r[2] for r in before["overview"]) == ["0", "119"] and before["actions"] and before["decisions"] and before["meetings"]
    meetings = sorted(chair.meetings.meetings(), key=lambda m: m.date)
    last, earlier = meetings[-1], meetings[-2]
    chair.actions.add_action(last.id, "=Count the bins in every back court", owner_name="The secretary")
    chair.actions.set_action_status(chair.actions.actions()[0].id, "done", on=last.date)
    chair.actions.remove_action(chair.actions.actions()[-1].id)
    moved = chair.actions.actions(earlier.id)[0]
    chair.store.patch(model.Action, moved.id, meeting_id=last.id)  # an action moved to another meeting
    chair.store.patch(model.Meeting, earlier.id, date=earlier.date - timedelta(days=3), title="Moved meeting")
    present = chair.door.attendance(earlier.id)[0]
    chair.register.erase_member(present.member_id, on=date(2026, 11, 30))
    sync(chair, policy=FAST)
    after = agrees(head_office, client, ours)
    assert after != before
    assert any(r[2] == "'=Count the bins in every back court" for r in after["actions"])
    assert any(r[3] == "Moved meeting" for r in after["meetings"])


def test_minutes_approved_and_a_meeting_moved_reach_the_files(head_office, chair, patch):
    client, ours, _ = patch
    meetings = sorted(chair.meetings.meetings(), key=lambda m: m.date)
    unapproved = [m for m in meetings if m.minutes_status != "approved" and m.status == "closed"]
    if unapproved:
        chair.minutes.approve_minutes(unapproved[0].id, at_meeting_id=meetings[-1].id)
    planned = chair.meetings.plan_meeting("committee", date(2027, 1, 12), "18:30", "Hall")
    chair.actions.add_action(planned.id, "Book the hall", owner_name="The chair")
    sync(chair, policy=FAST)
    found = agrees(head_office, client, ours)
    assert any(r[1] == "2027-01-12" and r[2] == "Book the hall" for r in found["actions"])
    chair.store.patch(model.Meeting, planned.id, date=date(2027, 1, 19))
    sync(chair, policy=FAST)
    found = agrees(head_office, client, ours)
    assert any(r[1] == "2027-01-19" and r[2] == "Book the hall" for r in found["actions"])
    action = next(a for a in chair.actions.actions(planned.id))
    chair.store.patch(model.Action, action.id, meeting_id=meetings[-1].id)
    sync(chair, policy=FAST)
    found = agrees(head_office, client, ours)
    assert any(r[1] == meetings[-1].date.isoformat() and r[2] == "Book the hall" for r in found["actions"])
    assert any(r[1] == "2027-01-19" for r in found["meetings"])


def test_an_unchanged_export_is_not_built_twice(head_office, chair, patch):
    client, _, _ = patch
    first = client.get("/export/actions.csv")
    etag = first.headers["etag"]
    again = client.get("/export/actions.csv", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content and again.headers["cache-control"] == "no-store"
    chair.actions.add_action(chair.meetings.meetings()[-1].id, "Paint the close")
    sync(chair, policy=FAST)
    changed = client.get("/export/actions.csv", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag and b"Paint the close" in changed.content
    assert client.get("/export/meetings.csv").headers["etag"] not in (etag, changed.headers["etag"])


def test_the_migration_rebuilds_summaries_of_an_older_database(head_office, chair):
    """As a database made before the rows were typed: a JSON column, no typed values, no version."""
    ours = select(table).where(table.c.association_id == inbox.state(chair.store, "association_id"))
    with reading(head_office.engine) as conn:
        kept = sorted(tuple(r) for r in conn.execute(ours))
    with writing(head_office.engine) as conn:
        conn.execute(text("ALTER TABLE summaries ADD COLUMN fields TEXT NOT NULL DEFAULT '{}'"))
        conn.execute(update(table).values(day=None, heading=None, text=None, present=None, due=None))
        conn.execute(schema_version.delete())
    migrations.upgrade(head_office.engine)
    with reading(head_office.engine) as conn:
        assert migrations.version(conn) == len(migrations.MIGRATIONS)
        assert sorted(tuple(r) for r in conn.execute(ours)) == kept
    migrations.upgrade(head_office.engine)  # once only: nothing more to do


def test_pushes_in_any_order_keep_the_rows_a_rebuild_makes(head_office):
    """Attendance before its meeting, a meeting moved and renamed, an action moved, a meeting deleted:
    the rows each push keeps (counts moved, dates carried) are those read afresh from every record."""
    name, _ = head_office.new_association()
    with reading(head_office.engine) as conn:
        association_id = conn.execute(select(associations.c.id).where(associations.c.name == name)).scalar_one()
    chair = Laptop("chair")

    def push(*ops) -> None:
        with writing(head_office.engine) as conn:
            assert [r.status for r in apply_ops(conn, association_id, chair.device, list(ops))] == ["ok"] * len(ops)

    def kept() -> list[tuple]:
        with reading(head_office.engine) as conn:
            return sorted(tuple(r) for r in conn.execute(select(table).where(table.c.association_id == association_id)))

    meeting = {"kind": "general", "date": "2026-11-24", "time": "19:00", "status": "closed", "minutes_status": "draft"}
    push(*(chair.op("attendance", f"t{n}", "append", {"meeting_id": "m1", "kind": kind})
           for n, kind in enumerate(["present", "present", "apology", "guest"])))
    push(chair.op("meeting", "m1", "create", meeting), chair.op("meeting", "m2", "create", meeting | {"date": "2026-12-01"}),
         chair.op("attendance", "t9", "append", {"meeting_id": "m1", "kind": "present"}),
         chair.op("action", "a1", "create", {"meeting_id": "m1", "description": "Write to the council"}),
         chair.op("motion", "v1", "create", {"meeting_id": "m2", "text": "That we meet monthly.", "position": 1}),
         chair.op("meeting", "m3", "create", meeting | {"date": "2026-12-08"}),
         chair.op("action", "a2", "create", {"meeting_id": "m3", "description": "Book the hall"}))
    push(chair.op("meeting", "m1", "patch", {"date": "2026-11-20", "title": "Moved"}, at=5),
         chair.op("attendance", "t10", "append", {"meeting_id": "m2", "kind": "apology"}, at=5))
    push(chair.op("action", "a1", "patch", {"meeting_id": "m2"}, at=6), chair.op("meeting", "m3", "tombstone", at=7))
    rows = kept()
    with reading(head_office.engine) as conn:
        counts = {r.record_id: (r.present, r.apologies, r.guests) for r in conn.execute(
            select(table).where(table.c.association_id == association_id, table.c.entity == "meeting"))}
        dated = dict(conn.execute(select(table.c.record_id, table.c.day).where(
            table.c.association_id == association_id, table.c.entity == "action")).all())
    assert counts == {"m1": (3, 1, 1), "m2": (0, 1, 0)}  # m1's attendance came before m1; m3 was deleted
    assert dated == {"a1": "2026-12-01", "a2": None}  # a1 moved to m2; a2's meeting deleted
    with writing(head_office.engine) as conn:
        summaries.rebuild(conn)
    assert kept() == rows
