"""The core's decisions on their own: who may vote, the rules of a day, when a casting vote applies."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from app import model
from app.core.constitution import rules_on
from app.core.motions import casting_vote_applies, proposal_problem
from app.core.voting import voters, voting_units, why_not_voting

RULES = model.ConstitutionRules()
ON = date(2026, 11, 24)


@pytest.mark.parametrize(("member", "reason"), [
    (model.Member("A", "B", role="associate member"), "associate"),
    (model.Member("A", "B", left=date(2026, 1, 1)), "left"),
    (model.Member("A", "B", joined=date(2026, 11, 25)), "not joined yet"),
    (model.Member("A", "B", birth_year=2011), "under 16"),
    (model.Member("A", "B", birth_year=2010, joined=ON, left=date(2026, 11, 25)), ""),
])
def test_why_a_member_may_not_vote(member, reason):
    assert why_not_voting(member, ON, RULES) == reason


def test_no_minimum_age_lets_the_young_vote_and_households_count_once():
    young = model.Member("A", "B", birth_year=2015, address="1 High St")
    sibling = model.Member("C", "B", birth_year=2012, address="1 High St")
    assert voters([young, sibling], ON, RULES) == []
    no_age = dataclasses.replace(RULES, minimum_voting_age=None, vote_per="household")
    assert voters([young, sibling], ON, no_age) == [young, sibling]
    assert voting_units([young, sibling], no_age) == 1


def test_committee_meetings_count_only_the_committee():
    chair, member = model.Member("A", "B", role="chair"), model.Member("C", "D")
    assert voters([chair, member], ON, RULES, committee=True) == [chair]


def test_the_rules_of_a_day():
    old, new = RULES, dataclasses.replace(RULES, minimum_voting_age=18)
    history = [(date(2026, 6, 1), new), (date(2000, 1, 1), old)]
    assert rules_on(history, date(2026, 5, 31)) is old
    assert rules_on(history, date(2026, 6, 1)) is new
    assert rules_on(history, date(1999, 1, 1)) is old  # before the first, the first
    assert rules_on([], ON) == model.ConstitutionRules()


@pytest.mark.parametrize(("kind", "has_one", "votes", "applies"), [
    ("simple", True, (5, 5), True),
    ("simple", True, (0, 0), False),
    ("simple", True, (6, 5), False),
    ("simple", False, (5, 5), False),
    ("two_thirds", True, (5, 5), False),
    ("of_present", True, (5, 5), False),
])
def test_when_the_casting_vote_applies(kind, has_one, votes, applies):
    assert casting_vote_applies(kind, has_one, *votes) is applies


def test_one_member_cannot_propose_and_second():
    assert proposal_problem("m1", "m1")
    assert proposal_problem("m1", "m2") == ""
    assert proposal_problem(None, None) == ""
