"""What a chair does, through the front door, on a real file."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from app import model
from app.errors import LockedError, QuorumError, RuleError

ON = date(2026, 12, 8)


def _meeting(book, kind="general"):
    meeting = book.meetings.plan_meeting(kind, ON, "19:00", "Community hall")
    book.meetings.open_meeting(meeting.id, at="19:00")
    return meeting


def test_new_meeting_gets_the_standard_agenda(book):
    general = book.meetings.plan_meeting("general", ON)
    agm = book.meetings.plan_meeting("annual general", ON)
    assert [i.title for i in book.meetings.agenda(general.id)] == [
        "Welcome and apologies", "Minutes of the last meeting", "Matters arising", "Chair's report",
        "Secretary's report", "Treasurer's report", "Motions", "Any other competent business",
        "Date of next meeting"]
    assert "Election of office bearers" in [i.title for i in book.meetings.agenda(agm.id)]
    assert [i.position for i in book.meetings.agenda(agm.id)] == list(range(1, len(book.meetings.agenda(agm.id)) + 1))


def test_agenda_items_move_and_stay_numbered(book):
    meeting = book.meetings.plan_meeting("committee", ON)
    added = book.meetings.add_agenda_item(meeting.id, "Community garden", presenter="Zoë Docherty")
    titles = [i.title for i in book.meetings.agenda(meeting.id)]
    assert titles.index("Community garden") == titles.index("Any other competent business") - 1
    book.meetings.move_agenda_item(added.id, 1)
    assert book.meetings.agenda(meeting.id)[0].title == "Community garden"
    book.meetings.remove_agenda_item(added.id)
    assert [i.position for i in book.meetings.agenda(meeting.id)] == list(range(1, len(titles)))


def test_bad_time_and_kind_are_refused_in_plain_words(book):
    with pytest.raises(QuorumError, match="write it like 19:30"):
        book.meetings.plan_meeting("general", ON, "7pm")
    with pytest.raises(QuorumError, match="not a kind of meeting"):
        book.meetings.plan_meeting("party", ON)


def test_quorum_follows_check_ins_departures_and_guests(book, members):
    meeting = _meeting(book)
    # 20 members: a quarter is 5, lesser of 10 and 5 is 5
    assert book.door.quorum(meeting.id).sentence == "Not quorate: 5 more needed"
    for member in members[:4]:
        book.door.check_in(meeting.id, member.id, at="19:01")
    book.door.add_guest(meeting.id, "Cllr Margaret Boyle", "Glasgow City Council")
    assert book.door.quorum(meeting.id).sentence == "Not quorate: 1 more needed"
    book.door.check_in(meeting.id, members[4].id, at="19:05")
    assert book.door.quorum(meeting.id).sentence == "Quorate: 5 present, 5 needed"
    book.door.record_departure(meeting.id, members[0].id, at="20:15")
    assert not book.door.quorum(meeting.id).quorate
    book.door.check_in(meeting.id, members[0].id, at="20:30")
    assert [(e.at[-5:], e.quorate) for e in book.door.quorum_events(meeting.id)] == [
        ("19:00", False), ("19:05", True), ("20:15", False), ("20:30", True)]


def test_checking_in_twice_is_impossible(book, members):
    meeting = _meeting(book)
    book.door.check_in(meeting.id, members[0].id)
    with pytest.raises(RuleError, match="First0 Surname00 is already checked in"):
        book.door.check_in(meeting.id, members[0].id)


def test_an_apology_is_replaced_when_the_member_turns_up(book, members):
    meeting = book.meetings.plan_meeting("general", ON)
    book.door.record_apology(meeting.id, members[0].id)
    book.door.check_in(meeting.id, members[0].id)
    kinds = [a.kind for a in book.door.attendance(meeting.id)]
    assert kinds == ["present"]


def test_voting_is_blocked_while_not_quorate(book, members):
    meeting = _meeting(book)
    for member in members[:2]:
        book.door.check_in(meeting.id, member.id)
    motion = book.decisions.propose_motion(meeting.id, "That we hold a gala day.", members[0].id, members[1].id)
    with pytest.raises(RuleError, match="not quorate"):
        book.decisions.record_vote(motion.id, 1, 0)


def test_a_vote_is_decided_by_the_rules_and_minuted(book, members):
    meeting = _meeting(book)
    for member in members[:9]:
        book.door.check_in(meeting.id, member.id)
    motion = book.decisions.propose_motion(meeting.id, "That we hold a gala day.", members[0].id, members[1].id)
    with pytest.raises(RuleError, match="There are 10 votes and abstentions, but 9 members present may vote"):
        book.decisions.record_vote(motion.id, 6, 3, 1)
    changes = book.decisions.record_vote(motion.id, 4, 4, 1, casting_vote="for")
    assert changes.entities == {"motion"} and changes.id == motion.id and changes.meeting_id == meeting.id
    decided = book.decisions.motion(motion.id)
    assert decided.carried is True
    assert decided.result_text == "Carried on the chair's casting vote: 4 for, 4 against, 1 abstention."
    with pytest.raises(RuleError, match="already been voted"):
        book.decisions.record_vote(motion.id, 9, 0)


def test_amendment_is_voted_before_its_motion(book, members):
    meeting = _meeting(book)
    for member in members[:6]:
        book.door.check_in(meeting.id, member.id)
    motion = book.decisions.propose_motion(meeting.id, "That we spend £200 on a gazebo.", members[0].id, members[1].id)
    amendment = book.decisions.propose_motion(meeting.id, "Replace £200 with £150.", members[2].id, members[3].id,
                                    amends_id=motion.id)
    with pytest.raises(RuleError, match="amendment first"):
        book.decisions.record_vote(motion.id, 5, 1)
    book.decisions.record_vote(amendment.id, 4, 2)
    book.decisions.record_vote(motion.id, 5, 1)
    assert book.decisions.motion(motion.id).carried


def test_proposer_cannot_second_their_own_motion(book, members):
    meeting = _meeting(book)
    with pytest.raises(RuleError, match="both propose and second"):
        book.decisions.propose_motion(meeting.id, "That we meet monthly.", members[0].id, members[0].id)


def test_contested_and_unopposed_elections(book, members):
    meeting = _meeting(book, "annual general")
    for member in members:
        book.door.check_in(meeting.id, member.id)
    chair = book.decisions.add_election(meeting.id, "Chair")
    only = book.decisions.nominate(chair.id, members[0].name, members[0].id)
    assert book.decisions.record_election(chair.id).unopposed
    committee = book.decisions.add_election(meeting.id, "Committee", seats=2)
    people = [book.decisions.nominate(committee.id, m.name, m.id) for m in members[1:5]]
    result = book.decisions.record_election(committee.id, {people[0].id: 9, people[1].id: 7, people[2].id: 7, people[3].id: 2})
    assert result.elected == (people[0].id,) and set(result.tied) == {people[1].id, people[2].id}
    book.decisions.declare_elected(people[2].id)
    elected = {c.name for c in book.decisions.candidates(committee.id) if c.elected}
    assert elected == {members[1].name, members[3].name}
    assert book.decisions.candidates(chair.id)[0].id == only.id and book.decisions.candidates(chair.id)[0].unopposed


def test_open_actions_appear_under_matters_arising_next_time(book, members):
    first = _meeting(book)
    action = book.actions.add_action(first.id, "Report the close door", owner_member_id=members[3].id, due=date(2026, 12, 22))
    dropped = book.actions.add_action(first.id, "Buy a kettle", owner_name="Treasurer")
    book.actions.set_action_status(dropped.id, "dropped")
    later = book.meetings.plan_meeting("general", date(2027, 1, 12))
    arising = book.actions.matters_arising(later.id)
    assert [a.id for a in arising] == [action.id]
    assert arising[0].owner_name == members[3].name
    assert arising[0].overdue(date(2027, 1, 12))


def test_approved_minutes_are_locked_and_chained(book, members):
    first = _meeting(book)
    book.door.check_in(first.id, members[0].id)
    with pytest.raises(RuleError, match="once the meeting has closed"):
        book.minutes.approve_minutes(first.id)
    book.meetings.close_meeting(first.id)
    book.minutes.approve_minutes(first.id, proposer_id=members[0].id, seconder_id=members[1].id)
    with pytest.raises(LockedError):
        book.door.check_in(first.id, members[1].id)
    with pytest.raises(LockedError):
        book.actions.add_action(first.id, "Sneak in an action")
    second = _meeting(book)
    book.meetings.close_meeting(second.id)
    book.minutes.approve_minutes(second.id)
    assert book.minutes.minutes(second.id).previous_hash == book.minutes.minutes(first.id).content_hash
    assert book.minutes.altered_minutes() == []


def test_changing_approved_minutes_behind_the_apps_back_is_detected(book, members):
    meeting = _meeting(book)
    for member in members[:6]:
        book.door.check_in(meeting.id, member.id)
    motion = book.decisions.propose_motion(meeting.id, "That we hold a gala day.", members[0].id, members[1].id)
    book.decisions.record_vote(motion.id, 4, 2)
    book.meetings.close_meeting(meeting.id)
    book.minutes.approve_minutes(meeting.id)
    raw = sqlite3.connect(book.path)
    raw.execute("UPDATE motions SET votes_for = 6, votes_against = 0")
    raw.commit()
    raw.close()
    assert book.minutes.altered_minutes() == ["the General Meeting of 8 December 2026"]


def test_rules_in_force_on_the_day_judge_old_meetings(book):
    stricter = model.ConstitutionRules(general_quorum=model.QuorumRule(minimum=15))
    book.set_rules(stricter, date(2027, 1, 1))
    assert book.rules(date(2026, 12, 31)).general_quorum.minimum == 10
    assert book.rules(date(2027, 1, 1)).general_quorum.minimum == 15


def test_committee_quorum_is_half_the_committee_plus_one(book, members):
    for member in members[:8]:
        book.register.update_member(member.id, role="committee member")
    meeting = _meeting(book, "committee")
    assert book.door.quorum(meeting.id).required == 5  # half of 8 is 4, plus one


def test_members_who_left_or_are_associates_do_not_count(book, members):
    book.register.mark_left(members[0].id, date(2026, 1, 1))
    book.register.update_member(members[1].id, role="associate member")
    meeting = book.meetings.plan_meeting("general", ON)
    assert book.door.quorum(meeting.id).member_count == 18
    assert len(book.register.members()) == 19


def test_undoing_a_check_in_and_a_departure(book, members):
    meeting = _meeting(book)
    for member in members[:5]:
        book.door.check_in(meeting.id, member.id, at="19:02")
    extra = book.door.check_in(meeting.id, members[5].id, at="19:03")
    book.door.withdraw_attendance(extra.id, at="19:04")
    assert members[5].id not in book.door.present_ids(meeting.id)
    book.door.record_departure(meeting.id, members[0].id, at="20:00")
    left = next(a for a in book.door.attendance(meeting.id) if a.member_id == members[0].id)
    book.door.cancel_departure(left.id, at="20:01")
    assert book.door.quorum(meeting.id).quorate
    assert [e.quorate for e in book.door.quorum_events(meeting.id)] == [False, True, False, True]


def test_walk_in_adds_and_checks_in_together(book, members):
    meeting = _meeting(book)
    newcomer = model.Member("Łukasz", "Nowak", address="3/2, 7 Royston Road")
    changes = book.door.walk_in(meeting.id, newcomer)
    assert changes.entities == {"member", "attendance", "quorum_event"} and changes.meeting_id == meeting.id
    assert book.register.member(newcomer.id).name == "Łukasz Nowak"
    assert newcomer.id in book.door.present_ids(meeting.id)
    assert book.door.attendance(meeting.id)[-1].id == changes.id


def test_unanimous_acclaim_and_a_cleared_vote(book, members):
    meeting = _meeting(book)
    for member in members[:6]:
        book.door.check_in(meeting.id, member.id)
    first = book.decisions.propose_motion(meeting.id, "That we thank the caretaker.")
    assert book.decisions.record_acclaim(first.id).result_text == "Carried unanimously (6 for)."
    second = book.decisions.propose_motion(meeting.id, "That we meet in the library.")
    assert book.decisions.record_acclaim(second.id, unanimous=False).result_text == "Carried by acclaim."
    book.decisions.clear_vote(second.id)
    assert not book.store.get(model.Motion, second.id).decided


def test_an_inquorate_show_of_hands_is_recorded_as_no_decision(book, members):
    meeting = _meeting(book)
    for member in members[:3]:
        book.door.check_in(meeting.id, member.id)
    motion = book.decisions.propose_motion(meeting.id, "That we hold a gala day.")
    book.decisions.record_vote(motion.id, 3, 0, inquorate_ok=True)
    decided = book.decisions.motion(motion.id)
    assert decided.carried is False
    assert decided.result_text == ("No decision was taken, as the meeting was not quorate. For information only, "
                                   "the show of hands was 3 for, 0 against and 0 abstentions.")


def test_the_console_remembers_the_current_item(book):
    meeting = book.meetings.plan_meeting("general", ON)
    item = book.meetings.agenda(meeting.id)[3]
    book.meetings.set_current_item(meeting.id, item.id)
    assert book.meetings.current_item(meeting.id) == item.id
