"""Matters arising: the actions earlier meetings gave that were still open when this one met."""

from __future__ import annotations

from app.model import Action, Meeting


def matters_arising(meeting: Meeting, meetings: list[Meeting], actions: list[Action]) -> list[Action]:
    """Actions from earlier meetings not yet done or dropped by this meeting's day, oldest first.

    One done since the meeting (completed on or after its day) was still open at it, so it is listed.
    """
    earlier = {m.id: (m.date, m.time) for m in meetings if (m.date, m.time) < (meeting.date, meeting.time)}
    carried = [a for a in actions if a.meeting_id in earlier and (
        a.status == "open" or (a.status == "done" and a.completed is not None and a.completed >= meeting.date))]
    return sorted(carried, key=lambda a: (earlier[a.meeting_id], a.due or meeting.date))
