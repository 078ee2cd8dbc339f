"""The register read once and kept by the front door: the quorum, the door and the register share it,
and it is never stale (a member added, edited, gone, or a change undone shows at once)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from app import model
from app.core import offices, quorum
from app.core.constitution import rules_on
from app.services import AssociationFile
from tests.conftest import DEMO_DAY

WHOLE_REGISTER = 'SELECT * FROM "members" WHERE 1'


def register_reads(book: AssociationFile) -> list[str]:
    """The statements that read the whole register, as SQLite runs them on the book's connection."""
    seen: list[str] = []
    book.store.conn.set_trace_callback(lambda sql: seen.append(sql) if sql.startswith(WHOLE_REGISTER) else None)
    return seen


def test_opening_a_meeting_and_its_door_read_the_register_once(demo):
    meeting = demo.meetings.plan_meeting("general", DEMO_DAY, "19:00", "Community hall")
    reads = register_reads(demo)
    on_the_page = demo.register.members()  # as the main window reads it at start
    demo.register.why_not_voting()
    demo.meetings.open_meeting(meeting.id, at="18:50")
    states = [demo.door.quorum(meeting.id) for _ in range(3)]  # as the console shows itself, and redraws
    names = {m.id: m.name for m in demo.register.members(include_left=True)}
    assert len(reads) == 1
    assert len(on_the_page) == 119 and len(names) >= 119
    assert states[0] == states[-1] and states[0].member_count > 0


def fresh_quorum(path, meeting_id: str) -> quorum.QuorumState:
    """The quorum as it was counted before the register was kept: everything read afresh from the file."""
    with AssociationFile.open(path, read_only=True) as fresh:
        meeting = fresh.store.get(model.Meeting, meeting_id)
        register = offices.as_on(fresh.store.find(model.Member), fresh.store.find(model.OfficeTerm), meeting.date)
        return quorum.quorum_state(rules_on(fresh.store.rules_history(), meeting.date), meeting, register,
                                   fresh.store.find(model.Attendance, meeting_id=meeting_id))


def test_the_quorum_of_every_demo_meeting_is_as_a_fresh_read_counts_it(demo):
    meetings = demo.meetings.meetings()
    kept = [demo.door.quorum(m.id) for m in meetings]
    assert kept == [fresh_quorum(demo.path, m.id) for m in meetings]
    assert len({k.member_count for k in kept}) > 1  # the register differs between the meetings' days


@pytest.fixture
def open_meeting(book, members):
    meeting = book.meetings.plan_meeting("general", date.today(), "19:00", "Hall")
    book.meetings.open_meeting(meeting.id, backup=False, at="18:50")
    return meeting


def test_a_member_added_edited_or_gone_mid_meeting_counts_at_once(book, members, open_meeting):
    meeting_id = open_meeting.id
    before = book.door.quorum(meeting_id).member_count
    walked_in = model.Member("New", "Arrival", address="1 Door Street", joined=date(2020, 1, 1))
    book.door.walk_in(meeting_id, walked_in, at="19:05")
    assert book.door.quorum(meeting_id).member_count == before + 1
    assert book.door.quorum(meeting_id).present == 1  # the door knows the new member is here
    assert walked_in.id in {m.id for m in book.register.members()}
    book.register.update_member(members[0].id, role="associate member")  # associates do not vote
    assert book.door.quorum(meeting_id).member_count == before
    book.register.mark_left(members[1].id)
    assert book.door.quorum(meeting_id).member_count == before - 1
    assert members[1].id not in {m.id for m in book.register.members()}
    book.door.check_in(meeting_id, members[2].id, at="19:10")
    book.register.update_member(members[2].id, surname="Renamed")
    assert "Renamed" in {m.surname for m in book.register.members()}
    assert book.door.quorum(meeting_id).present == 2


def test_a_member_added_in_a_change_that_was_undone_never_counts(book, members, open_meeting):
    before = book.door.quorum(open_meeting.id).member_count
    with pytest.raises(RuntimeError), book.store.transaction():
        book.register.add_member(model.Member("Never", "Saved", joined=date(2020, 1, 1)))
        assert book.door.quorum(open_meeting.id).member_count == before + 1  # seen inside the change
        raise RuntimeError("the rest of the change failed")
    assert book.door.quorum(open_meeting.id).member_count == before
    assert "Saved" not in {m.surname for m in book.register.members(include_left=True)}


def test_a_member_changed_through_another_connection_counts_at_once(book, members, open_meeting):
    """A sync or a repair on a connection of its own: SQLite's data_version tells the kept register."""
    before = book.door.quorum(open_meeting.id).member_count
    other = sqlite3.connect(book.path)
    with other:
        other.execute('UPDATE members SET "left" = ?, rev = rev + 1 WHERE id = ?', ("2020-06-01", members[3].id))
    other.close()
    assert book.door.quorum(open_meeting.id).member_count == before - 1
    assert members[3].id not in {m.id for m in book.register.members()}


@pytest.fixture
def judged(monkeypatch) -> list[str]:
    """The members app.core.voting has judged (whether each may vote), in order, as the quorum is counted."""
    from app.core import voting

    seen: list[str] = []
    judge = voting.why_not_voting

    def counting(member, on, rules):
        seen.append(member.id)
        return judge(member, on, rules)

    monkeypatch.setattr(voting, "why_not_voting", counting)
    return seen


def test_who_may_vote_is_judged_once_while_the_register_stands(book, members, judged):
    meeting = book.meetings.plan_meeting("general", date.today(), "19:00", "Hall")
    book.meetings.open_meeting(meeting.id, backup=False, at="18:50")  # counts the quorum for its record
    assert sorted(judged) == sorted(m.id for m in members)  # each member once
    states = [book.door.quorum(meeting.id) for _ in range(3)]  # the console shows itself, and redraws
    book.door.check_in(meeting.id, members[0].id, at="19:00")  # counts it again for the minutes' record
    book.door.check_in(meeting.id, members[1].id, at="19:01")
    assert len(judged) == len(members)
    assert states[0].member_count == 20 and book.door.quorum(meeting.id).present == 2


@pytest.mark.parametrize("change", [
    pytest.param(lambda book, members: book.register.add_member(
        model.Member("New", "Member", joined=date(2020, 1, 1))), id="a member added"),
    pytest.param(lambda book, members: book.register.mark_left(members[5].id), id="a member gone"),
    pytest.param(lambda book, members: book.register.update_member(members[6].id, role="associate member"),
                 id="a role changed"),
    pytest.param(lambda book, members: book.offices.set_role(members[7].id, "chair", date(2021, 1, 1)),
                 id="an office term"),
    pytest.param(lambda book, members: book.set_rules(model.ConstitutionRules(minimum_voting_age=None),
                                                      date(2021, 1, 1)), id="the rules"),
])
def test_who_may_vote_is_judged_again_once_the_register_or_rules_change(book, members, judged, change):
    meeting = book.meetings.plan_meeting("general", date.today(), "19:00", "Hall")
    book.meetings.open_meeting(meeting.id, backup=False, at="18:50")
    once = len(judged)
    change(book, members)
    state = book.door.quorum(meeting.id)
    again = len(judged)
    assert again > once
    book.door.quorum(meeting.id)
    assert len(judged) == again  # and kept again
    assert state == fresh_quorum(book.path, meeting.id)
