"""The summaries the overview and CSV files read agree with the records themselves, as changes arrive
(edits, deletions, head office's answers) and when rebuilt for an older database."""

from __future__ import annotations

from sqlalchemy import select

from app.server import figures, summaries
from app.server.db import reading, writing
from app.server.db import summaries as table
from app.store import inbox
from app.sync import sync
from tests.server.live import FAST


def from_the_records(conn, association_id: str) -> dict[str, list[list]]:
    """The rows the CSV files held when they were built from every document (app.server.figures)."""
    [found] = figures.associations_overview(conn, association_id)
    name = found.name
    return {
        "meetings": [[name, m.day, m.time, m.heading, m.status, m.minutes_status, m.present, m.apologies, m.guests]
                     for m in found.meetings],
        "decisions": sorted([[name, d.meeting.day, d.meeting.heading, d.text, d.votes_for, d.votes_against,
                              d.abstentions, d.result_text, "yes" if d.carried else "no"] for d in found.decisions],
                            key=lambda r: (-r[1].toordinal(),)),
        "actions": [[name, a.meeting.day if a.meeting else None, a.description, a.owner, a.due, a.status,
                     a.completed] for a in found.actions],
        "counts": [[found.members, len(found.meetings), len(found.open_actions), found.area]],
    }


def from_the_summaries(conn, association_id: str) -> dict[str, list[list]]:
    [overview] = summaries.overview(conn, [association_id])
    return {
        "meetings": summaries.meeting_rows(conn, [association_id]),
        "decisions": sorted(summaries.decision_rows(conn, [association_id]), key=lambda r: (-r[1].toordinal(),)),
        "actions": summaries.action_rows(conn, [association_id]),
        "counts": [[overview.members, overview.meeting_count, overview.open_action_count, overview.area]],
    }


def test_summaries_agree_with_the_records_as_changes_arrive(head_office, chair):
    association_id = inbox.state(chair.store, "association_id")
    with reading(head_office.engine) as conn:
        assert from_the_summaries(conn, association_id) == from_the_records(conn, association_id)
    meeting = chair.meetings.meetings()[-1]
    chair.actions.add_action(meeting.id, "Count the bins in every back court", owner_name="The secretary")
    chair.actions.set_action_status(chair.actions.actions()[0].id, "done", on=meeting.date)
    chair.actions.remove_action(chair.actions.actions()[-1].id)  # a deletion takes its row out of the summaries
    sync(chair, policy=FAST)
    with reading(head_office.engine) as conn:
        now = from_the_summaries(conn, association_id)
        assert now == from_the_records(conn, association_id)
        assert now["counts"][0][0] > 100 and now["actions"]


def test_summaries_rebuilt_for_an_older_database_are_the_same(head_office, chair):
    ours = select(table).where(table.c.association_id == inbox.state(chair.store, "association_id"))
    with reading(head_office.engine) as conn:
        kept = sorted(tuple(r) for r in conn.execute(ours))
    with writing(head_office.engine) as conn:
        conn.execute(table.delete())
        summaries.rebuild(conn)
    with reading(head_office.engine) as conn:
        assert sorted(tuple(r) for r in conn.execute(ours)) == kept
