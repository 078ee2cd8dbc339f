"""Two laptops of one association: edits merge, locks hold, deletes travel, refusals are explained."""

from __future__ import annotations

from datetime import date

from app import model
from app.sync import sync
from tests.server.live import FAST, differences


def _last_stamp(book, record_id: str) -> str:
    return book.store.conn.execute("SELECT max(hlc) FROM changes WHERE record_id = ?", (record_id,)).fetchone()[0]


def test_two_laptops_editing_one_action_converge_field_by_field(chair, secretary):
    action = next(a for a in chair.actions.actions()
                  if a.status == "open" and chair.meetings.meeting(a.meeting_id).minutes_status == "draft")
    chair.actions.set_action_status(action.id, "done", on=date(2026, 12, 1))
    chair.store.patch(model.Action, action.id, due=date(2026, 12, 5))
    secretary.store.patch(model.Action, action.id, owner_name="Iain Ahmed", due=date(2026, 12, 20))
    later_due = max([(_last_stamp(chair, action.id), date(2026, 12, 5)),
                     (_last_stamp(secretary, action.id), date(2026, 12, 20))])[1]
    for book in (chair, secretary, chair):
        assert sync(book, policy=FAST).refused == []
    merged = chair.store.get(model.Action, action.id)
    assert (merged.status, merged.completed, merged.owner_name) == ("done", date(2026, 12, 1), "Iain Ahmed")
    assert merged.due == later_due  # the same field edited on both: the later clock stamp wins
    assert differences(chair, secretary) == []


def test_a_change_to_approved_minutes_is_refused_and_explained(chair, secretary):
    last = [m for m in chair.meetings.meetings() if m.status == "closed" and m.minutes_status == "draft"][-1]
    item = secretary.meetings.agenda(last.id)[1]
    secretary.meetings.update_agenda_item(item.id, notes="Added afterwards by the secretary.")  # not yet pulled the approval
    secretary.store.patch(model.Minutes, secretary.minutes.minutes(last.id).id, corrections="A late correction.")
    chair.minutes.approve_minutes(last.id, at_meeting_id=chair.meetings.meetings()[-1].id)
    sync(chair, policy=FAST)

    report = sync(secretary, policy=FAST)
    assert sorted(r["code"] for r in report.refused) == ["immutable", "immutable"]
    problems = secretary.head_office.sync_problems()
    assert len(problems) == 2
    assert all("approved, so its record cannot be changed" in p.sentence for p in problems)
    assert any(f"an agenda item (“{item.title}”)" in p.sentence for p in problems)
    # head office's version came back, so the laptop holds the approved record, whole and verifiable
    assert secretary.meetings.meeting(last.id).minutes_status == "approved"
    assert secretary.minutes.altered_minutes() == []
    assert differences(chair, secretary) == []
    # a refused change never blocks the queue
    secretary.meetings.update_meeting(chair.meetings.meetings()[-1].id, venue="Wellhouse Library")
    assert sync(secretary, policy=FAST).sent == 1
    secretary.head_office.dismiss_sync_problem(problems[0].op_id)
    assert len(secretary.head_office.sync_problems()) == 1


def test_a_delete_reaches_the_other_laptop(chair, secretary, head_office):
    upcoming = chair.meetings.meetings()[-1]
    item = chair.meetings.add_agenda_item(upcoming.id, "Bin stores on Royston Road")
    sync(chair, policy=FAST)
    sync(secretary, policy=FAST)
    assert item.id in {i.id for i in secretary.meetings.agenda(upcoming.id)}
    chair.meetings.remove_agenda_item(item.id)
    sync(chair, policy=FAST)
    sync(secretary, policy=FAST)
    assert item.id not in {i.id for i in secretary.meetings.agenda(upcoming.id)}
    assert differences(chair, secretary) == []
    assert head_office.count("records", record_id=item.id, deleted=True) == 1


def test_an_edit_from_a_laptop_offline_for_months_does_not_bring_back_a_deleted_record(chair, secretary):
    upcoming = chair.meetings.meetings()[-1]
    item = chair.meetings.add_agenda_item(upcoming.id, "Christmas lights")
    sync(chair, policy=FAST)
    sync(secretary, policy=FAST)
    secretary.meetings.update_agenda_item(item.id, notes="Ask the council for a quote.")  # while offline
    chair.meetings.remove_agenda_item(item.id)
    sync(chair, policy=FAST)
    report = sync(secretary, policy=FAST)
    assert [r["code"] for r in report.refused] == ["deleted"]
    assert "deleted on another laptop" in secretary.head_office.sync_problems()[0].sentence
    assert item.id not in {i.id for i in secretary.meetings.agenda(upcoming.id)}
    assert differences(chair, secretary) == []
