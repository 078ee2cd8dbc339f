"""The quorum of a meeting: who counts as present, how many are needed, and whether it is quorate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app import rules
from app.core.voting import voters, voting_units
from app.model import Attendance, ConstitutionRules, Meeting, Member


@dataclass(frozen=True)
class QuorumState:
    present: int
    required: int
    member_count: int
    quorate: bool
    needed: int = 0

    @property
    def sentence(self) -> str:
        if self.quorate:
            return f"Quorate: {self.present} present, {self.required} needed"
        more = "1 more needed" if self.needed == 1 else f"{self.needed} more needed"
        return f"Not quorate: {more}"


def present_ids(attendance: Iterable[Attendance]) -> set[str]:
    """Members checked in and not gone; guests, apologies and proxies are not present."""
    return {a.member_id for a in attendance if a.kind == "present" and a.member_id and not a.left}


def quorum_required(constitution: ConstitutionRules, committee: bool, member_count: int) -> int:
    """How many must be present: the constitution's rule, plus one at committee where it says so."""
    rule = constitution.committee_quorum if committee else constitution.general_quorum
    required = rules.quorum_required(rule, member_count)
    if committee and constitution.committee_quorum_plus_one:
        required += 1
    return required


def quorum_state(constitution: ConstitutionRules, meeting: Meeting, members: Iterable[Member],
                 attendance: list[Attendance]) -> QuorumState:
    """The quorum now: entitled members present, plus proxies held by those present where they count."""
    committee = meeting.kind == "committee"
    return quorum_among(constitution, committee, voters(members, meeting.date, constitution, committee), attendance)


def quorum_among(constitution: ConstitutionRules, committee: bool, entitled: Iterable[Member],
                 attendance: list[Attendance]) -> QuorumState:
    """``quorum_state`` when who may vote at the meeting (``voters``) is known already: the laptop keeps
    that answer for as long as the register stands, rather than judging every member at each arrival."""
    by_id = {m.id: m for m in entitled}
    here_ids = present_ids(attendance)
    here = [by_id[i] for i in here_ids if i in by_id]
    if constitution.proxies_count_for_quorum:
        here += [by_id[a.member_id] for a in attendance
                 if a.kind == "proxy" and a.member_id in by_id and a.proxy_holder_id in here_ids]
    count, present = voting_units(by_id.values(), constitution), voting_units(here, constitution)
    required = quorum_required(constitution, committee, count)
    return QuorumState(present, required, count, present >= required, max(0, required - present))
