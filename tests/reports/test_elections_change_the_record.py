"""Elections change the record: the demo's AGM results are the office bearers and committee from its date."""

from __future__ import annotations

from datetime import date, timedelta

from app.core.offices import post_role
from app.model import Member
from app.reports import minutes_text
from tests.conftest import DEMO_DAY


def _agm(demo):
    return next(m for m in demo.meetings.meetings() if m.kind == "annual general")


def _elected(demo, agm) -> dict[str, str]:
    """member id -> the role the AGM elected them to (an office wins over a committee place)."""
    roles: dict[str, str] = {}
    for election in demo.decisions.elections(agm.id):
        for candidate in demo.decisions.candidates(election.id):
            if candidate.elected and candidate.member_id:
                role = post_role(election.post)
                if roles.get(candidate.member_id) in (None, "committee member"):
                    roles[candidate.member_id] = role
    return roles


def test_the_agm_results_are_the_office_bearers_in_the_landlords_pack(demo):
    agm = _agm(demo)
    elected = _elected(demo, agm)
    pack = demo.documents.yearly_pack(agm.date.year, today=DEMO_DAY)
    for holder in pack.office_bearers:
        expected = sorted(demo.register.member(i).name for i, role in elected.items() if role == holder.office.casefold())
        assert [holder.name] == expected or holder.name in expected, holder
    names = {h.name for h in pack.committee}
    assert names == {demo.register.member(i).name for i, role in elected.items() if role == "committee member"}


def test_the_next_committee_minutes_give_the_elected_roles(demo, tmp_path, text):
    agm = _agm(demo)
    elected = _elected(demo, agm)
    following = next(m for m in demo.meetings.meetings() if m.kind == "committee" and m.date > agm.date)
    record = demo.minutes.printed_record(following.id)
    present = [e.member_id for e in minutes_text.present(record)]
    assert present and set(present) <= set(elected)  # only the elected committee came to the committee
    for member_id in present:
        assert record.members[member_id].role == elected[member_id]
    out = tmp_path / "committee.pdf"
    demo.documents.print_document("minutes", following.id, out, today=DEMO_DAY)
    words = " ".join(text(out).split())
    for member_id in present:
        if elected[member_id] != "committee member":
            assert f"{record.member_name(member_id)} ({elected[member_id].capitalize()}" in words


def test_the_committee_quorum_counts_the_elected_committee(demo):
    agm = _agm(demo)
    elected = _elected(demo, agm)
    following = next(m for m in demo.meetings.meetings() if m.kind == "committee" and m.date > agm.date)
    before = [m for m in demo.meetings.meetings() if m.kind == "committee" and m.date < agm.date][-1]
    assert demo.door.quorum(following.id).member_count == len(
        [i for i in elected if demo.register.member(i).left is None or demo.register.member(i).left > following.date])
    earlier = {m.id for m in demo.register.voting_members(before.date, committee=True)}
    assert earlier != set(elected)  # the committee before the AGM was another one


def test_the_chair_corrects_a_role_by_hand_from_a_date(book):
    book.register.add_members([Member("Agnes", "Quinn", joined=date(2020, 1, 1), role="committee member")])
    agnes = book.register.members()[0]
    book.offices.set_role(agnes.id, "treasurer", date(2026, 3, 1), "Co-opted after the treasurer resigned")
    roles = {day: next(m for m in book.offices.members_on(day) if m.id == agnes.id).role
             for day in (date(2026, 2, 28), date(2026, 3, 1))}
    assert roles == {date(2026, 2, 28): "committee member", date(2026, 3, 1): "treasurer"}
    assert [t.reason for t in book.offices.office_terms(agnes.id)][-1] == "Co-opted after the treasurer resigned"
    assert book.register.member(agnes.id).role == ("treasurer" if date.today() >= date(2026, 3, 1) else "committee member")
    book.register.update_member(agnes.id, role="member")  # the register's own edit is dated today
    assert next(m for m in book.offices.members_on(date.today() - timedelta(days=1)) if m.id == agnes.id).role in (
        "treasurer", "committee member")
    assert book.register.member(agnes.id).role == "member"
