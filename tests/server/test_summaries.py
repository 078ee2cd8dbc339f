"""The overview and the CSV files, read from the summaries kept as changes arrive, say what a full read of
the records says: through a real server, for a housing officer's patch, after creates, edits, deletions,
an erasure, minutes approved, a record moved to another meeting and a meeting moved to another day; and
the summaries rebuilt by the migration for a database made before they were typed are the same."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text, update

from app import model
from app.server import figures, migrations, summaries
from app.server.apply import apply_ops
from app.server.db import associations, reading, records, schema_version, writing
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


# -- counts kept without a row per member or attendance -------------------------------------------------

class Kept:
    """A new association on head office, pushed to by one laptop, and what its summaries say."""

    def __init__(self, head_office) -> None:
        self.engine, self.laptop = head_office.engine, Laptop("chair")
        name, _ = head_office.new_association()
        with reading(self.engine) as conn:
            self.id = conn.execute(select(associations.c.id).where(associations.c.name == name)).scalar_one()

    def push(self, *ops) -> list[str]:
        with writing(self.engine) as conn:
            return [r.status for r in apply_ops(conn, self.id, self.laptop.device, list(ops))]

    def rows(self, conn) -> list[tuple]:
        return sorted(tuple(r) for r in conn.execute(select(table).where(table.c.association_id == self.id)))

    def counts(self) -> tuple[int, dict[str, tuple]]:
        """The current members the overview shows, and each listed meeting's present, apologies and guests."""
        with reading(self.engine) as conn:
            members = next(each.members for each in summaries.overview(conn, among=[self.id]))
            meetings = {r.record_id: (r.present, r.apologies, r.guests) for r in conn.execute(
                select(table).where(table.c.association_id == self.id, table.c.entity == "meeting"))}
        return members, meetings

    def counted_afresh(self) -> tuple[int, dict[str, tuple]]:
        """The same counts, from every live record's document (not from anything the summaries keep)."""
        with reading(self.engine) as conn:
            docs = [(e, json.loads(doc)) for e, doc in conn.execute(select(records.c.entity, records.c.doc).where(
                records.c.association_id == self.id, records.c.deleted.is_(False)))]
        meetings = {doc["id"]: [0, 0, 0] for entity, doc in docs if entity == "meeting"}
        for entity, doc in docs:
            if entity == "attendance" and doc.get("meeting_id") in meetings and doc.get("kind") in ATTENDED:
                meetings[doc["meeting_id"]][ATTENDED.index(doc["kind"])] += 1
        members = sum(1 for entity, doc in docs if entity == "member" and not doc.get("left"))
        return members, {m: tuple(c) for m, c in meetings.items()}

    def agrees_with_a_recount(self) -> None:
        """The counts are those of a full read, and the rows those made afresh from every record."""
        assert self.counts() == self.counted_afresh()
        with self.engine.connect() as conn, conn.begin() as made_afresh:
            kept = self.rows(conn)
            summaries.recount(conn, self.id)
            assert self.rows(conn) == kept
            made_afresh.rollback()


ATTENDED = ("present", "apology", "guest")
MEETING = {"kind": "general", "date": "2026-11-24", "time": "19:00", "status": "closed", "minutes_status": "draft"}


def member(number: int) -> dict:
    return {"first_name": "Eilidh", "surname": f"Ó Dónaill {number}"}


def test_members_leaving_rejoining_and_deleted_are_counted_on_the_overview(head_office):
    kept = Kept(head_office)
    chair = kept.laptop
    assert kept.push(*(chair.op("member", f"p{n}", "create", member(n)) for n in range(5))) == ["ok"] * 5
    assert kept.counts()[0] == 5
    kept.push(chair.op("member", "p0", "patch", {"left": "2026-11-30"}, at=2),
              chair.op("member", "p1", "patch", {"left": "2026-11-30"}, at=2), chair.op("member", "p2", "tombstone", at=2))
    assert kept.counts()[0] == 2
    kept.push(chair.op("member", "p1", "patch", {"left": None}, at=3),  # rejoined
              chair.op("member", "p0", "patch", {"surname": "Left still"}, at=3),
              chair.op("member", "p2", "tombstone", at=3))  # deleted already
    assert kept.counts()[0] == 3
    kept.agrees_with_a_recount()


def test_attendance_struck_out_and_resent_moves_its_meetings_counts_once(head_office):
    kept = Kept(head_office)
    chair = kept.laptop
    checked_in = [chair.op("attendance", f"t{n}", "append", {"meeting_id": "m1", "kind": kind})
                  for n, kind in enumerate(["present", "present", "present", "apology", "guest"])]
    assert kept.push(chair.op("meeting", "m1", "create", MEETING), *checked_in) == ["ok"] * 6
    assert kept.counts()[1] == {"m1": (3, 1, 1)}
    assert kept.push(*checked_in[:2]) == ["duplicate"] * 2  # a push resent: nothing counted twice
    assert kept.counts()[1] == {"m1": (3, 1, 1)}
    assert kept.push(chair.op("attendance", "t0", "tombstone", at=2), chair.op("attendance", "t4", "tombstone", at=2),
                     chair.op("attendance", "t1", "patch", {"left": "20:15"}, at=2)) == ["ok"] * 3
    assert kept.counts()[1] == {"m1": (2, 1, 0)}
    assert kept.push(chair.op("attendance", "t0", "append", {"meeting_id": "m1", "kind": "present"}, at=3),
                     chair.op("attendance", "t3", "patch", {"meeting_id": "m2"}, at=3)) == ["rejected"] * 2
    assert kept.counts()[1] == {"m1": (2, 1, 0)}  # struck out stays struck out; attendance is never moved
    kept.agrees_with_a_recount()


def test_attendance_sent_before_its_meeting_is_counted_when_the_meeting_comes(head_office):
    """Attendance head office holds when its meeting arrives is counted, that struck out in the same push
    as the meeting not (it was held, then changed, by the one push)."""
    kept = Kept(head_office)
    chair = kept.laptop
    kept.push(*(chair.op("attendance", f"t{n}", "append", {"meeting_id": "m1", "kind": kind})
                for n, kind in enumerate(["present", "present", "apology"])))
    kept.push(chair.op("action", "a1", "create", {"meeting_id": "m1", "description": "Write to the council"}))
    assert kept.counts()[1] == {}
    assert kept.push(chair.op("attendance", "t0", "tombstone", at=2), chair.op("meeting", "m1", "create", MEETING),
                     chair.op("attendance", "t5", "append", {"meeting_id": "m1", "kind": "guest"})) == ["ok"] * 3
    assert kept.counts()[1] == {"m1": (1, 1, 1)}
    with reading(kept.engine) as conn:  # the action sent before its meeting is told the meeting's day
        assert conn.execute(select(table.c.day).where(table.c.association_id == kept.id,
                                                      table.c.record_id == "a1")).scalar_one() == "2026-11-24"
    kept.push(chair.op("meeting", "m1", "tombstone", at=3))
    assert kept.counts()[1] == {}
    kept.agrees_with_a_recount()


def test_attendance_moved_or_changed_in_kind_moves_both_meetings_counts(head_office):
    """Head office refuses to move attendance (it is appended once), but the summaries follow one that
    moved: as a record written with its doc before and after."""
    kept = Kept(head_office)
    chair = kept.laptop
    kept.push(chair.op("meeting", "m1", "create", MEETING), chair.op("meeting", "m2", "create", MEETING),
              *(chair.op("attendance", f"t{n}", "append", {"meeting_id": "m1", "kind": "present"}) for n in range(3)))
    with writing(kept.engine) as conn:
        summaries.keep(conn, kept.id, [
            ("attendance", "t0", {"meeting_id": "m1", "kind": "present"}, {"meeting_id": "m2", "kind": "present"}),
            ("attendance", "t1", {"meeting_id": "m1", "kind": "present"}, {"meeting_id": "m1", "kind": "apology"}),
            ("attendance", "t2", {"meeting_id": "m1", "kind": "present"}, {"meeting_id": "m2", "kind": "guest"})], 5)
    assert kept.counts()[1] == {"m1": (0, 1, 0), "m2": (1, 0, 1)}


def _ops(draw) -> list[tuple]:
    """A push: (entity, record id, kind, payload) of a few records, any of which may come first."""
    meetings, members = st.sampled_from(["m0", "m1", "m2"]), st.sampled_from(["p0", "p1", "p2"])
    days = st.sampled_from(["2026-11-24", "2026-12-01", "2027-01-12"])
    one = st.one_of(
        st.tuples(st.just("member"), members, st.just("create"), st.just(member(1))),
        st.tuples(st.just("member"), members, st.just("patch"), st.fixed_dictionaries(
            {"left": st.sampled_from([None, "2026-11-30"])})),
        st.tuples(st.just("meeting"), meetings, st.just("create"), st.builds(lambda d: MEETING | {"date": d}, days)),
        st.tuples(st.just("meeting"), meetings, st.just("patch"), st.fixed_dictionaries({"date": days})),
        st.tuples(st.just("attendance"), st.sampled_from([f"t{n}" for n in range(6)]), st.just("append"),
                  st.fixed_dictionaries({"meeting_id": meetings, "kind": st.sampled_from(ATTENDED)})),
        st.tuples(st.just("attendance"), st.sampled_from([f"t{n}" for n in range(6)]), st.just("patch"),
                  st.fixed_dictionaries({"left": st.just("20:00")})),
        st.tuples(st.just("motion"), st.sampled_from(["v0", "v1"]), st.just("create"),
                  st.fixed_dictionaries({"meeting_id": meetings, "text": st.just("That we meet monthly.")})),
        st.tuples(st.just("action"), st.sampled_from(["a0", "a1"]), st.sampled_from(["create", "patch"]),
                  st.fixed_dictionaries({"meeting_id": meetings, "description": st.just("Book the hall")})),
        st.tuples(st.sampled_from(["member", "meeting", "attendance", "action"]),
                  st.sampled_from(["p0", "m0", "m1", "t0", "t1", "a0"]), st.just("tombstone"), st.just({})),
    )
    return draw(st.lists(one, min_size=1, max_size=8))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_counts_kept_push_by_push_are_those_of_a_full_recount(head_office, data):
    """Pushes of members, meetings, attendance, motions and actions created, changed, struck out, sent
    before their meeting and resent: after each, the counts and rows are those counted afresh."""
    kept = Kept(head_office)
    sent: list = []
    for at in range(1, data.draw(st.integers(1, 4)) + 1):
        ops = [kept.laptop.op(entity, record_id, kind, payload, at=at) for entity, record_id, kind, payload
               in data.draw(st.composite(_ops)())]
        resent = data.draw(st.lists(st.sampled_from(sent), max_size=2)) if sent else []
        kept.push(*ops, *resent)  # any refused (a tombstone of nothing, an appended record changed) as they are
        sent += ops
        kept.agrees_with_a_recount()
