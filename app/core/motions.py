"""Motions and elections: who may propose and second, how many votes there may be, and when the
chair's casting vote applies, all checked against who was there.

Each check answers with the plain sentence a chair sees, or "" when all is well, so the services
raise it, the console shows it, and head office (app/server/room.py) refuses the same change with
the same words when it arrives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.words import plural

if TYPE_CHECKING:  # only types: app.rules imports this module, and the model imports app.rules
    from app.model import Attendance, Candidate, ConstitutionRules, Member, Motion

MOVERS = ("proposer_id", "seconder_id")
COUNTS = ("votes_for", "votes_against", "abstentions", "casting_vote")


def proposal_problem(proposer_id: str | None, seconder_id: str | None) -> str:
    """Why this proposer and seconder may not put the motion; "" when they may."""
    if proposer_id and proposer_id == seconder_id:
        return "The same member cannot both propose and second a motion."
    return ""


def casting_vote_applies(kind: str, chair_casting_vote: bool, votes_for: int, votes_against: int) -> bool:
    """The chair's casting vote decides only a tie with votes cast, under a simple majority, and
    only when the constitution gives the chair one."""
    return kind == "simple" and chair_casting_vote and votes_for == votes_against > 0


@dataclass(frozen=True)
class Room:
    """Who is in the meeting at one moment, as far as decisions go."""

    present: frozenset[str]  # member ids checked in and not gone
    voters: int  # votes in person: voting members present, or households where the vote is per household
    proxies: int  # proxies held by members present, for members entitled to vote
    proxies_allowed: bool
    chair_casting_vote: bool
    names: dict[str, str] = field(default_factory=dict)
    held: bool = True  # a meeting not yet opened (a motion written in advance) has nobody in it to check

    @property
    def votes_possible(self) -> int:
        """How many votes a show of hands can have: in person, plus proxies where the constitution allows."""
        return self.voters + (self.proxies if self.proxies_allowed else 0)

    def may_vote_sentence(self) -> str:
        """'13 may vote: 12 members present and 1 proxy.'"""
        if self.proxies_allowed and self.proxies:
            return (f"{self.votes_possible} may vote: {plural(self.voters, 'member')} present "
                    f"and {plural(self.proxies, 'proxy', 'proxies')}.")
        return f"{plural(self.voters, 'member')} present may vote."


def room(attendance: Iterable[Attendance], entitled: dict[str, Member], rules: ConstitutionRules,
         names: dict[str, str] | None = None, held: bool = True) -> Room:
    """The room from the attendance so far and the members entitled to vote on the day."""
    from app.core.quorum import present_ids  # here, not above: app.rules imports this module
    from app.core.voting import voting_units

    attendance = list(attendance)
    present = frozenset(present_ids(attendance))
    voters = voting_units([entitled[i] for i in present if i in entitled], rules)
    proxies = sum(1 for a in attendance if a.kind == "proxy" and a.member_id in entitled
                  and a.member_id not in present and a.proxy_holder_id in present)
    return Room(present, voters, proxies, rules.proxies_allowed, rules.majority.chair_casting_vote, names or {},
                held)


def movers_refusal(proposer_id: str | None, seconder_id: str | None, room: Room, override_reason: str = "") -> str:
    """Proposer and seconder must be members present; the chair may override, with a reason on record."""
    if override_reason.strip() or not room.held:
        return ""
    for member_id, does in ((proposer_id, "propose"), (seconder_id, "second")):
        if member_id and member_id not in room.present:
            who = room.names.get(member_id) or "That member"
            return (f"{who} is not in the meeting, so cannot {does} it. If they left just before, "
                    "the chair can allow it and say why.")
    return ""


def counts_refusal(votes_for: int, votes_against: int, abstentions: int, room: Room) -> str:
    """No more votes than the room holds: members present who may vote, and proxies where allowed."""
    total = votes_for + votes_against + abstentions
    if total > room.votes_possible:
        return f"There are {plural(total, 'vote')} and abstentions, but {room.may_vote_sentence()}"
    return ""


def casting_refusal(motion: Motion, room: Room) -> str:
    applies = casting_vote_applies(motion.majority_kind, room.chair_casting_vote, motion.votes_for or 0,
                                   motion.votes_against or 0)
    if motion.casting_vote and not applies:
        return "A casting vote is recorded only when it decided the result: a tie under a simple majority."
    return ""


def motion_refusal(motion: Motion, room: Room, changed: Iterable[str]) -> str:
    """The one check of a motion, for the fields a change touches: its movers, its counts, its casting vote."""
    changed = set(changed)
    if changed & set(MOVERS):
        refusal = movers_refusal(motion.proposer_id, motion.seconder_id, room, motion.override_reason)
        if refusal:
            return refusal
    if changed & set(COUNTS) and motion.votes_for is not None and motion.votes_against is not None:
        return (counts_refusal(motion.votes_for, motion.votes_against, motion.abstentions or 0, room)
                or casting_refusal(motion, room))
    return ""


def ballots_refusal(candidates: Iterable[Candidate], seats: int, room: Room) -> str:
    """An election's ballots cannot outnumber the voters times the places each may fill."""
    total = sum(c.votes or 0 for c in candidates)
    most = room.votes_possible * seats
    if total > most:
        return (f"The votes add up to {total}, but {room.may_vote_sentence()[:-1]}, "
                f"with {plural(seats, 'place')} to fill, so at most {most} votes can be cast.")
    return ""


def inquorate_reason(votes_for: int, votes_against: int, abstentions: int) -> str:
    """What the minutes say of a vote taken while the meeting was not quorate."""
    return (f"No decision was taken, as the meeting was not quorate. For information only, the show of "
            f"hands was {votes_for} for, {votes_against} against and {plural(abstentions, 'abstention')}.")
