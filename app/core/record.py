"""The meeting record the minutes are written from, gathered the same way on the laptop and at head office.

The laptop's store and head office's copy hand over the same kinds of records; this puts them
together (order, the meetings before and after, the quorum, the minutes approved here) so the
minutes printed by the chair and those downloaded by head office's staff say the same thing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from app import model
from app.core.arising import matters_arising
from app.core.quorum import quorum_state
from app.core.snapshot import told_apart


def meeting_record(association: model.Association, meeting: model.Meeting, *,
                   meetings: Iterable[model.Meeting], members: dict[str, model.Member],
                   agenda: Iterable[model.AgendaItem], attendance: Iterable[model.Attendance],
                   motions: Iterable[model.Motion], elections: Iterable[model.Election],
                   candidates: Iterable[model.Candidate], actions: Iterable[model.Action],
                   minutes: Iterable[model.Minutes], quorum_events: Iterable[model.QuorumEvent],
                   ) -> model.MeetingRecord:
    """One meeting's record; ``association.rules`` must be those in force on the meeting's date.

    Every argument may hold records of other meetings too (head office passes all it holds): only
    this meeting's are kept, and ``actions`` of earlier meetings give the matters arising. Records keep the order given where the record has no position.
    """
    here = meeting.id
    mine = [e for e in elections if e.meeting_id == here]
    election_ids = {e.id for e in mine}
    when = (meeting.date, meeting.time)
    ordered = sorted(meetings, key=lambda m: (m.date, m.time))
    by_id = {m.id: m for m in ordered}
    stream = [m for m in ordered if (m.kind == "committee") == (meeting.kind == "committee")]
    earlier = [m for m in stream if (m.date, m.time) < when]
    later = [m for m in stream if (m.date, m.time) > when]
    all_minutes = list(minutes)
    present = [a for a in attendance if a.meeting_id == here]
    state = quorum_state(association.rules, meeting, members.values(), present)
    actions = list(actions)
    record = model.MeetingRecord(
        association=association,
        meeting=meeting,
        agenda=sorted((i for i in agenda if i.meeting_id == here), key=lambda i: i.position),
        attendance=present,
        members=members,
        motions=sorted((m for m in motions if m.meeting_id == here), key=lambda m: m.position),
        elections=mine,
        candidates=[c for c in candidates if c.election_id in election_ids],
        actions=[a for a in actions if a.meeting_id == here],
        minutes=next((m for m in all_minutes if m.meeting_id == here), None),
        quorum_events=sorted((q for q in quorum_events if q.meeting_id == here), key=lambda q: q.at),
        previous_meeting=earlier[-1] if earlier else None,
        next_meeting=later[0] if later else None,
        member_count=state.member_count,
        quorum_required=state.required,
        approved_here=[(by_id[m.meeting_id], m) for m in all_minutes
                       if m.approved_at_meeting_id == here and m.meeting_id in by_id],
        matters_arising=matters_arising(meeting, ordered, actions),
    )
    record.told_apart = told_apart(record)  # namesakes the minutes name, told apart by their flat
    return record


def with_rules(association: model.Association, rules: model.ConstitutionRules) -> model.Association:
    """The association as it stood under the rules of a given day (a copy; the original is untouched)."""
    return dataclasses.replace(association, rules=rules)
