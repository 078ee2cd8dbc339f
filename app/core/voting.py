"""Who may vote: one definition for the register, the live quorum, the minutes and head office."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.model import COMMITTEE_ROLES, ROLES, ConstitutionRules, Member


def why_not_voting(member: Member, on: date, rules: ConstitutionRules) -> str:
    """Why a member may not vote on a date, in the register's words; "" when they may."""
    if member.role == "associate member":
        return "associate"
    if member.left and member.left <= on:
        return "left"
    if member.joined and member.joined > on:
        return "not joined yet"
    age = rules.minimum_voting_age
    if age and member.birth_year and on.year - member.birth_year < age:
        return f"under {age}"
    return ""


def may_vote(member: Member, on: date, rules: ConstitutionRules) -> bool:
    """Joined by then, not left, not an associate member, old enough under the constitution."""
    return not why_not_voting(member, on, rules)


def voters(members: Iterable[Member], on: date, rules: ConstitutionRules, committee: bool = False) -> list[Member]:
    """Members entitled to vote at a meeting on a date; at a committee meeting, only the committee."""
    roles = COMMITTEE_ROLES if committee else ROLES
    return [m for m in members if m.role in roles and may_vote(m, on, rules)]


def voting_units(people: Iterable[Member], rules: ConstitutionRules) -> int:
    """How many votes these people make: one each, or one per household where the constitution says so."""
    if rules.vote_per == "household":
        return len({m.household_key for m in people})
    return len(list(people))
