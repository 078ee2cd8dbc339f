"""The demo association holds a believable year, made through the same services as the app."""

from __future__ import annotations

from collections import Counter

from tests.conftest import DEMO_DAY


def test_register_has_about_120_members_with_accents_and_flats(demo):
    members = demo.register.members(include_left=True)
    assert 115 <= len(members) <= 125
    names = {m.name for m in members}
    assert {"Zoë Docherty", "Siobhán MacLeod", "Ewan Brown"} <= names
    assert any("Ó Dónaill" in n or "O'Neill" in n for n in names)
    assert any("/" in m.address.split(",")[0] for m in members)  # flats like 2/1
    assert Counter(m.role for m in members)["chair"] == 1
    assert any(m.left for m in members)


def test_a_year_of_meetings_and_one_to_come(demo):
    meetings = demo.meetings.meetings()
    kinds = Counter(m.kind for m in meetings if m.status == "closed")
    assert kinds == {"general": 4, "committee": 6, "annual general": 1}
    upcoming = [m for m in meetings if m.status == "draft"]
    assert len(upcoming) == 1 and upcoming[0].date > DEMO_DAY
    assert (DEMO_DAY - min(m.date for m in meetings)).days <= 380


def test_past_minutes_are_approved_except_the_latest(demo):
    meetings = [m for m in demo.meetings.meetings() if m.status == "closed"]
    approved = [m for m in meetings if m.minutes_status == "approved"]
    assert len(approved) == len(meetings) - 2  # the last general and last committee await approval
    assert demo.minutes.altered_minutes() == []


def test_motions_elections_and_actions_are_realistic(demo):
    meetings = demo.meetings.meetings()
    motions = [m for meeting in meetings for m in demo.decisions.motions(meeting.id)]
    texts = " ".join(m.text for m in motions)
    assert "rent consultation" in texts and "close door" in texts and "community garden" in texts
    assert all(m.result_text for m in motions)
    assert any(m.majority_kind == "two_thirds" and m.carried for m in motions)
    assert any(m.casting_vote == "for" for m in motions)
    assert any(m.carried is False for m in motions)
    agm = next(m for m in meetings if m.kind == "annual general")
    posts = {e.post: demo.decisions.candidates(e.id) for e in demo.decisions.elections(agm.id)}
    assert posts["Chair"][0].unopposed and posts["Chair"][0].elected
    assert sum(c.elected for c in posts["Committee members"]) == 8
    statuses = Counter(a.status for a in demo.actions.actions())
    assert statuses["open"] >= 3 and statuses["done"] >= 5
    assert demo.door.quorum(agm.id).quorate
