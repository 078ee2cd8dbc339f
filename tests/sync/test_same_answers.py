"""The laptop and head office answer the same questions the same way: for the same records, the same
quorum and the same minutes hash (both call app.core; this shows the records they hand it agree too)."""

from __future__ import annotations

import dataclasses
from datetime import date

from app import model
from app.core import snapshot
from app.core.quorum import quorum_state
from app.core.snapshot import record_hash as minutes_hash
from app.server import minutes as head_office_minutes
from app.store import inbox
from app.sync import sync
from tests.server.live import FAST


def _both(chair, head_office, meeting_id):
    association_id = inbox.state(chair.store, "association_id")
    with head_office.engine.connect() as conn:
        theirs = head_office_minutes.meeting_record(conn, association_id, meeting_id)
    return chair.minutes.meeting_record(meeting_id), theirs


def _answers(record: model.MeetingRecord) -> tuple:
    state = quorum_state(record.association.rules, record.meeting, record.members.values(), record.attendance)
    previous = record.minutes.previous_hash if record.minutes else ""
    return (record.member_count, record.quorum_required, state, minutes_hash(record, previous),
            record.association.rules)


def test_every_demo_meeting_has_the_same_quorum_and_hash_at_head_office(chair, head_office):
    meetings = chair.meetings.meetings()
    assert len(meetings) > 3
    for meeting in meetings:
        ours, theirs = _both(chair, head_office, meeting.id)
        assert theirs is not None
        assert _answers(ours) == _answers(theirs), meeting.heading
        if ours.minutes and ours.minutes.status == "approved":
            assert snapshot.intact(ours.minutes, ours) and snapshot.intact(theirs.minutes, theirs)


def test_a_meeting_with_proxies_households_and_young_members_counts_alike(chair, head_office):
    """Rules changed for the meeting's day, proxies counted, a 15-year-old and a member joining later."""
    on = date(2031, 5, 6)
    rules = dataclasses.replace(chair.rules(), proxies_allowed=True, proxies_count_for_quorum=True,
                                vote_per="household", minimum_voting_age=16)
    chair.set_rules(rules, effective_from=date(2031, 1, 1))
    young = model.Member("Young", "Resident", address="1 New Street", birth_year=2016, joined=date(2030, 1, 1))
    later = model.Member("Late", "Joiner", address="2 New Street", joined=date(2031, 6, 1))
    chair.register.add_members([young, later])
    meeting = chair.meetings.plan_meeting("general", on)
    voters = chair.register.voting_members(on)
    assert young.id not in {m.id for m in voters} and later.id not in {m.id for m in voters}
    chair.meetings.open_meeting(meeting.id, backup=False, at="19:00")
    for member in [young, later, *voters[:6]]:
        chair.door.check_in(meeting.id, member.id, at="19:05")
    chair.door.record_proxy(meeting.id, voters[7].id, voters[0].id, given_on=date(2031, 5, 1))
    sync(chair, policy=FAST)

    ours, theirs = _both(chair, head_office, meeting.id)
    assert _answers(ours) == _answers(theirs)
    state = _answers(ours)[2]
    households = {m.household_key for m in (*voters[:6], voters[7])}
    assert state.present == len(households)  # the proxy counts; the young member and the late joiner do not
    assert ours.association.rules == rules  # the rules of the meeting's day, not today's
