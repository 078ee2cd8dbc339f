"""Tests for app.rules: quorum, majorities and elections.

Every expected value in these tables was worked out by hand from the sample constitution; none is computed by calling the code under test.
"""

import dataclasses
from fractions import Fraction

import pytest

from app.rules import (
    ElectionResult,
    MajorityRule,
    QuorumRule,
    Result,
    election_result,
    is_quorate,
    more_needed,
    motion_result,
    quorum_required,
)

SIMPLE = MajorityRule("simple")
SIMPLE_NO_CASTING = MajorityRule("simple", chair_casting_vote=False)
TWO_THIRDS = MajorityRule("two_thirds")
OF_PRESENT = MajorityRule("of_present")
OF_PRESENT_NO_CASTING = MajorityRule("of_present", chair_casting_vote=False)
TWO_THIRDS_OF_PRESENT = MajorityRule("two_thirds_of_present")

# Sample constitution, clause 4: 10 members or one quarter of the membership, whichever is the lesser.
SAMPLE_GENERAL = QuorumRule(minimum=10, fraction=Fraction(1, 4), combine="lesser")
GREATER = QuorumRule(minimum=10, fraction=Fraction(1, 4), combine="greater")
QUARTER = QuorumRule(fraction=Fraction(1, 4))
TEN = QuorumRule(minimum=10)
NEITHER = QuorumRule()


# ---------------------------------------------------------------------------------------------
# Quorum
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule,member_count,expected",
    [
        # Neither part set: no quorum at all.
        (NEITHER, 0, 0),
        (NEITHER, 50, 0),
        (QuorumRule(combine="greater"), 50, 0),
        # Only a minimum: the membership does not matter, even when smaller than the minimum.
        (TEN, 0, 10),
        (TEN, 5, 10),
        (TEN, 120, 10),
        (QuorumRule(minimum=0), 30, 0),
        (QuorumRule(minimum=3, combine="greater"), 100, 3),
        # Only a fraction: rounded up.
        (QUARTER, 0, 0),
        (QUARTER, 1, 1),
        (QUARTER, 4, 1),
        (QUARTER, 5, 2),
        (QUARTER, 37, 10),  # 9.25 -> 10
        (QUARTER, 40, 10),  # exactly 10
        (QUARTER, 41, 11),  # 10.25 -> 11
        (QuorumRule(fraction=Fraction(1, 3)), 9, 3),
        (QuorumRule(fraction=Fraction(1, 3)), 10, 4),  # 3.33 -> 4
        (QuorumRule(fraction=Fraction(1, 2)), 11, 6),  # 5.5 -> 6
        (QuorumRule(fraction=Fraction(1)), 7, 7),
        (QuorumRule(fraction=Fraction(0)), 50, 0),
        (QuorumRule(fraction=0.25), 41, 11),
        # The sample constitution's general-meeting quorum (lesser).
        (SAMPLE_GENERAL, 0, 0),  # min(10, 0)
        (SAMPLE_GENERAL, 20, 5),  # min(10, 5)
        (SAMPLE_GENERAL, 37, 10),  # min(10, 10)
        (SAMPLE_GENERAL, 40, 10),  # min(10, 10)
        (SAMPLE_GENERAL, 41, 10),  # min(10, 11)
        (SAMPLE_GENERAL, 120, 10),  # min(10, 30)
        # The same parts combined as the greater.
        (GREATER, 20, 10),  # max(10, 5)
        (GREATER, 40, 10),  # max(10, 10)
        (GREATER, 41, 11),  # max(10, 11)
        (GREATER, 120, 30),  # max(10, 30)
    ],
)
def test_quorum_required(rule, member_count, expected):
    assert quorum_required(rule, member_count) == expected


@pytest.mark.parametrize(
    "rule,present,member_count,expected",
    [
        (NEITHER, 0, 0, True),
        (NEITHER, 0, 40, True),
        (TEN, 9, 120, False),
        (TEN, 10, 120, True),
        (QUARTER, 9, 37, False),
        (QUARTER, 10, 37, True),
        (QUARTER, 10, 41, False),
        (QUARTER, 11, 41, True),
        (SAMPLE_GENERAL, 4, 20, False),
        (SAMPLE_GENERAL, 5, 20, True),
        (SAMPLE_GENERAL, 9, 40, False),
        (SAMPLE_GENERAL, 10, 40, True),
        (SAMPLE_GENERAL, 9, 41, False),
        (SAMPLE_GENERAL, 10, 41, True),
        (SAMPLE_GENERAL, 9, 120, False),
        (SAMPLE_GENERAL, 10, 120, True),
        (SAMPLE_GENERAL, 60, 120, True),
        (GREATER, 9, 20, False),
        (GREATER, 10, 20, True),
        (GREATER, 10, 41, False),
        (GREATER, 11, 41, True),
        (GREATER, 29, 120, False),
        (GREATER, 30, 120, True),
    ],
)
def test_is_quorate(rule, present, member_count, expected):
    assert is_quorate(rule, present, member_count) is expected


@pytest.mark.parametrize(
    "rule,present,member_count,expected",
    [
        (SAMPLE_GENERAL, 0, 41, 10),
        (SAMPLE_GENERAL, 3, 41, 7),
        (SAMPLE_GENERAL, 9, 41, 1),
        (SAMPLE_GENERAL, 10, 41, 0),
        (SAMPLE_GENERAL, 12, 41, 0),
        (SAMPLE_GENERAL, 2, 20, 3),
        (GREATER, 0, 120, 30),
        (GREATER, 25, 120, 5),
        (NEITHER, 0, 100, 0),
    ],
)
def test_more_needed(rule, present, member_count, expected):
    assert more_needed(rule, present, member_count) == expected


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda: quorum_required(SAMPLE_GENERAL, -1), "cannot be negative"),
        (lambda: quorum_required(SAMPLE_GENERAL, 40.0), "whole number"),
        (lambda: quorum_required(SAMPLE_GENERAL, True), "whole number"),
        (lambda: is_quorate(SAMPLE_GENERAL, -1, 40), "cannot be negative"),
        (lambda: is_quorate(SAMPLE_GENERAL, 10, -40), "cannot be negative"),
        (lambda: is_quorate(SAMPLE_GENERAL, 2.5, 40), "whole number"),
        (lambda: is_quorate(SAMPLE_GENERAL, False, 40), "whole number"),
        (lambda: more_needed(SAMPLE_GENERAL, -3, 40), "cannot be negative"),
    ],
)
def test_quorum_bad_counts_raise(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ---------------------------------------------------------------------------------------------
# QuorumRule and MajorityRule validation
# ---------------------------------------------------------------------------------------------


def test_quorum_rule_defaults():
    rule = QuorumRule()
    assert (rule.minimum, rule.fraction, rule.combine) == (None, None, "lesser")


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"combine": "least"}, "lesser"),
        ({"combine": "Lesser"}, "lesser"),
        ({"combine": ""}, "lesser"),
        ({"minimum": -1}, "minimum"),
        ({"minimum": 2.5}, "minimum"),
        ({"minimum": "10"}, "minimum"),
        ({"fraction": Fraction(5, 4)}, "between 0 and 1"),
        ({"fraction": 1.5}, "between 0 and 1"),
        ({"fraction": -0.25}, "between 0 and 1"),
        ({"fraction": Fraction(-1, 4)}, "between 0 and 1"),
        ({"fraction": 2}, "between 0 and 1"),
    ],
)
def test_quorum_rule_rejects(kwargs, match):
    with pytest.raises(ValueError, match=match):
        QuorumRule(**kwargs)


@pytest.mark.parametrize(
    "given,expected",
    [
        (0.25, Fraction(1, 4)),
        (0.5, Fraction(1, 2)),
        (Fraction(1, 3), Fraction(1, 3)),
        (0, Fraction(0)),
        (1, Fraction(1)),
        (1.0, Fraction(1)),
    ],
)
def test_quorum_rule_fraction_becomes_fraction(given, expected):
    rule = QuorumRule(fraction=given)
    assert isinstance(rule.fraction, Fraction)
    assert rule.fraction == expected


def test_quorum_rule_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        SAMPLE_GENERAL.minimum = 5


def test_majority_rule_defaults():
    rule = MajorityRule()
    assert (rule.kind, rule.chair_casting_vote) == ("simple", True)


@pytest.mark.parametrize("kind", ["majority", "two-thirds", "Simple", "", "unanimous"])
def test_majority_rule_rejects_bad_kind(kind):
    with pytest.raises(ValueError, match="simple"):
        MajorityRule(kind)


@pytest.mark.parametrize("kind", ["simple", "two_thirds", "of_present", "two_thirds_of_present"])
def test_majority_rule_accepts_kinds(kind):
    assert MajorityRule(kind).kind == kind


# ---------------------------------------------------------------------------------------------
# Motions
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule,votes_for,votes_against,abstentions,present,casting_vote,carried,tied",
    [
        # --- simple majority: more for than against; abstentions are not votes cast ---
        (SIMPLE, 12, 5, 2, None, None, True, False),
        (SIMPLE, 6, 5, 0, None, None, True, False),  # by one
        (SIMPLE, 5, 6, 0, None, None, False, False),  # short by one
        (SIMPLE, 1, 0, 0, None, None, True, False),
        (SIMPLE, 0, 1, 0, None, None, False, False),
        (SIMPLE, 1, 0, 10, None, None, True, False),  # abstentions do not count against
        (SIMPLE, 2, 3, 0, 30, None, False, False),
        # ties
        (SIMPLE, 5, 5, 0, None, None, False, True),  # no casting vote given: falls
        (SIMPLE, 1, 1, 0, None, None, False, True),
        (SIMPLE, 5, 5, 0, None, "for", True, True),
        (SIMPLE, 5, 5, 0, None, "against", False, True),
        (SIMPLE, 3, 3, 20, 30, "for", True, True),
        # casting vote ignored when not tied
        (SIMPLE, 6, 5, 0, None, "against", True, False),
        (SIMPLE, 5, 6, 0, None, "for", False, False),
        # zero votes cast: not a tie, and a casting vote cannot carry it
        (SIMPLE, 0, 0, 0, None, None, False, False),
        (SIMPLE, 0, 0, 0, None, "for", False, False),
        (SIMPLE, 0, 0, 4, None, None, False, False),
        (SIMPLE, 0, 0, 4, 4, "for", False, False),
        # --- the chair has no casting vote ---
        (SIMPLE_NO_CASTING, 5, 5, 0, None, None, False, True),
        (SIMPLE_NO_CASTING, 5, 5, 0, None, "for", False, True),
        (SIMPLE_NO_CASTING, 6, 5, 0, None, "for", True, False),
        (SIMPLE_NO_CASTING, 5, 6, 0, None, "against", False, False),
        (SIMPLE_NO_CASTING, 0, 0, 0, None, None, False, False),
        # --- two-thirds of votes cast ---
        (TWO_THIRDS, 10, 5, 0, None, None, True, False),  # exactly two-thirds
        (TWO_THIRDS, 9, 5, 0, None, None, False, False),  # 9 of 14, needed 10
        (TWO_THIRDS, 2, 1, 0, None, None, True, False),
        (TWO_THIRDS, 20, 10, 5, None, None, True, False),  # abstentions not cast: 20 of 30
        (TWO_THIRDS, 20, 10, 0, 30, None, True, False),
        (TWO_THIRDS, 19, 10, 0, None, None, False, False),  # 19 of 29, needed 20
        (TWO_THIRDS, 67, 33, 0, None, None, True, False),
        (TWO_THIRDS, 66, 34, 0, None, None, False, False),  # 66 of 100, needed 67
        (TWO_THIRDS, 1, 0, 0, None, None, True, False),
        (TWO_THIRDS, 0, 1, 0, None, None, False, False),
        (TWO_THIRDS, 0, 0, 0, None, None, False, False),
        (TWO_THIRDS, 0, 0, 3, None, "for", False, False),
        (TWO_THIRDS, 1, 1, 0, None, None, False, True),
        # casting vote ignored under two-thirds, tied or not
        (TWO_THIRDS, 5, 5, 0, None, "for", False, True),
        (TWO_THIRDS, 9, 5, 0, None, "for", False, False),
        (TWO_THIRDS, 10, 5, 0, None, "against", True, False),
        # --- majority of members present: abstentions (and non-voters) count against ---
        (OF_PRESENT, 6, 5, 0, None, None, True, False),  # 6 of 11, needed 6
        (OF_PRESENT, 6, 4, 2, None, None, False, False),  # 6 of 12, needed 7
        (OF_PRESENT, 7, 4, 1, None, None, True, False),  # 7 of 12, needed 7
        (OF_PRESENT, 6, 5, 0, 11, None, True, False),
        (OF_PRESENT, 6, 5, 0, 12, None, False, False),  # one present did not vote
        (OF_PRESENT, 10, 0, 0, 20, None, False, False),  # exactly half is not more than half
        (OF_PRESENT, 11, 0, 0, 20, None, True, False),
        (OF_PRESENT, 10, 0, 0, 19, None, True, False),
        (OF_PRESENT, 1, 0, 0, 1, None, True, False),
        (OF_PRESENT, 0, 1, 0, 1, None, False, False),
        (OF_PRESENT, 0, 0, 0, None, None, False, False),
        (OF_PRESENT, 0, 0, 3, None, None, False, False),
        (OF_PRESENT, 0, 0, 0, 5, None, False, False),
        (OF_PRESENT, 5, 5, 0, None, None, False, True),
        # casting vote ignored under of_present, tied or not
        (OF_PRESENT, 5, 5, 0, None, "for", False, True),
        (OF_PRESENT, 5, 5, 0, 10, "for", False, True),
        (OF_PRESENT_NO_CASTING, 5, 5, 0, None, "for", False, True),
        (OF_PRESENT, 6, 5, 1, None, "for", False, False),  # 6 of 12, needed 7
        (OF_PRESENT, 7, 5, 0, None, "against", True, False),
    ],
)
def test_motion_result(rule, votes_for, votes_against, abstentions, present, casting_vote, carried, tied):
    result = motion_result(
        rule, votes_for, votes_against, abstentions, present=present, casting_vote=casting_vote
    )
    assert isinstance(result, Result)
    assert (result.carried, result.tied) == (carried, tied)


def test_motion_result_keyword_arguments():
    result = motion_result(
        rule=SIMPLE, votes_for=4, votes_against=4, abstentions=1, present=9, casting_vote="for"
    )
    assert (result.carried, result.tied) == (True, True)


def test_present_equal_to_all_counts_is_allowed():
    result = motion_result(SIMPLE, 5, 4, 1, present=10)
    assert result.carried is True


@pytest.mark.parametrize(
    "rule,votes_for,votes_against,abstentions,present,casting_vote,reason",
    [
        (SIMPLE, 12, 5, 2, None, None, "Carried: 12 for, 5 against, 2 abstentions."),
        (SIMPLE, 12, 5, 1, None, None, "Carried: 12 for, 5 against, 1 abstention."),
        (SIMPLE, 5, 12, 0, None, None, "Not carried: 5 for, 12 against, 0 abstentions."),
        (
            SIMPLE,
            7,
            7,
            0,
            None,
            "for",
            "Carried on the chair's casting vote: 7 for, 7 against, 0 abstentions.",
        ),
        (
            SIMPLE,
            7,
            7,
            2,
            None,
            "against",
            "Not carried on the chair's casting vote: 7 for, 7 against, 2 abstentions.",
        ),
        (
            SIMPLE,
            7,
            7,
            1,
            None,
            None,
            "Not carried: the votes were tied (7 for, 7 against, 1 abstention) and no casting vote was given.",
        ),
        (
            SIMPLE_NO_CASTING,
            4,
            4,
            0,
            None,
            "for",
            "Not carried: the votes were tied (4 for, 4 against, 0 abstentions) and the chair has no casting vote.",
        ),
        (SIMPLE, 0, 0, 3, None, None, "Not carried: no votes were cast (0 for, 0 against, 3 abstentions)."),
        (
            TWO_THIRDS,
            0,
            0,
            1,
            None,
            None,
            "Not carried: no votes were cast (0 for, 0 against, 1 abstention).",
        ),
        (
            TWO_THIRDS,
            10,
            5,
            0,
            None,
            None,
            "Carried by a two-thirds majority: 10 for, 5 against, 0 abstentions.",
        ),
        (
            TWO_THIRDS,
            9,
            5,
            1,
            None,
            None,
            "Not carried: 9 for, 5 against, 1 abstention; a two-thirds majority needed 10 votes for.",
        ),
        (
            TWO_THIRDS,
            0,
            1,
            0,
            None,
            None,
            "Not carried: 0 for, 1 against, 0 abstentions; a two-thirds majority needed 1 vote for.",
        ),
        (
            OF_PRESENT,
            7,
            4,
            1,
            None,
            None,
            "Carried by a majority of the members present: 7 for, 4 against, 1 abstention.",
        ),
        (
            OF_PRESENT,
            6,
            4,
            2,
            None,
            None,
            "Not carried: 6 for, 4 against, 2 abstentions; "
            "a majority of the 12 members present needed 7 votes for.",
        ),
        (
            OF_PRESENT,
            10,
            3,
            0,
            20,
            None,
            "Not carried: 10 for, 3 against, 0 abstentions; "
            "a majority of the 20 members present needed 11 votes for.",
        ),
        (
            OF_PRESENT,
            0,
            1,
            0,
            1,
            None,
            "Not carried: 0 for, 1 against, 0 abstentions; "
            "a majority of the 1 member present needed 1 vote for.",
        ),
    ],
)
def test_motion_reason(rule, votes_for, votes_against, abstentions, present, casting_vote, reason):
    result = motion_result(
        rule, votes_for, votes_against, abstentions, present=present, casting_vote=casting_vote
    )
    assert result.reason == reason


@pytest.mark.parametrize(
    "rule,votes_for,votes_against,abstentions,present,casting_vote,match",
    [
        # negative counts
        (SIMPLE, -1, 0, 0, None, None, "votes for cannot be negative"),
        (SIMPLE, 0, -1, 0, None, None, "votes against cannot be negative"),
        (SIMPLE, 3, 2, -1, None, None, "abstentions cannot be negative"),
        (SIMPLE, 0, 0, 0, -1, None, "members present cannot be negative"),
        (TWO_THIRDS, -5, 10, 0, None, None, "cannot be negative"),
        (OF_PRESENT, 5, -1, 0, 10, None, "cannot be negative"),
        # more votes and abstentions than members present
        (
            SIMPLE,
            5,
            5,
            1,
            10,
            None,
            "There are 11 votes and abstentions but only 10 members present.",
        ),
        (SIMPLE, 6, 0, 0, 5, None, "only 5 members present"),
        (SIMPLE, 1, 1, 0, 1, None, "only 1 member present"),
        (TWO_THIRDS, 10, 5, 0, 14, None, "only 14 members present"),
        (OF_PRESENT, 6, 5, 2, 12, None, "only 12 members present"),
        (SIMPLE, 0, 0, 1, 0, None, "only 0 members present"),
        # bools and floats are not counts
        (SIMPLE, True, 0, 0, None, None, "votes for must be a whole number"),
        (SIMPLE, 0, False, 0, None, None, "votes against must be a whole number"),
        (SIMPLE, 1, 0, True, None, None, "abstentions must be a whole number"),
        (SIMPLE, 1.0, 0, 0, None, None, "votes for must be a whole number"),
        (SIMPLE, 0, 2.5, 0, None, None, "votes against must be a whole number"),
        (SIMPLE, 3, 1, 0.0, None, None, "abstentions must be a whole number"),
        (SIMPLE, 3, 1, 0, 10.0, None, "members present must be a whole number"),
        (SIMPLE, 3, 1, 0, True, None, "members present must be a whole number"),
        (SIMPLE, "3", 1, 0, None, None, "whole number"),
        # a casting vote must be "for" or "against"
        (SIMPLE, 5, 5, 0, None, "yes", "casting vote"),
        (SIMPLE, 5, 5, 0, None, "For", "casting vote"),
        (SIMPLE, 6, 5, 0, None, True, "casting vote"),
    ],
)
def test_motion_result_rejects(rule, votes_for, votes_against, abstentions, present, casting_vote, match):
    with pytest.raises(ValueError, match=match):
        motion_result(rule, votes_for, votes_against, abstentions, present=present, casting_vote=casting_vote)


# ---------------------------------------------------------------------------------------------
# Two-thirds of the members present: abstentions and members who did not vote count against
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "votes_for,votes_against,abstentions,present,casting_vote,carried,tied",
    [
        (14, 7, 0, 21, None, True, False),  # exactly two-thirds of 21
        (13, 8, 0, 21, None, False, False),  # one short
        (14, 0, 7, 21, None, True, False),  # abstentions do not stop it at two-thirds
        (13, 0, 8, 21, None, False, False),  # nor help it: 13 of 21 present
        (13, 0, 0, 21, None, False, False),  # 13 of 13 cast but 21 present
        (10, 5, 0, 15, None, True, False),  # exactly two-thirds of 15
        (9, 0, 0, 15, None, False, False),
        (10, 0, 0, 14, None, True, False),  # 9.33 rounds up to 10
        (9, 0, 5, 14, None, False, False),
        (2, 1, 0, 3, None, True, False),
        (1, 0, 0, 1, None, True, False),
        (0, 0, 0, 0, None, False, False),  # nobody present carries nothing
        (0, 0, 0, 5, None, False, False),
        (3, 3, 0, 6, None, False, True),  # tied and short
        (3, 3, 0, 6, "for", False, True),  # no casting vote under this kind
        (14, 7, 0, 21, "against", True, False),
    ],
)
def test_two_thirds_of_present(votes_for, votes_against, abstentions, present, casting_vote, carried, tied):
    result = motion_result(
        TWO_THIRDS_OF_PRESENT, votes_for, votes_against, abstentions, present=present, casting_vote=casting_vote
    )
    assert (result.carried, result.tied) == (carried, tied)


@pytest.mark.parametrize(
    "votes_for,votes_against,abstentions,present,reason",
    [
        (14, 5, 2, 21, "Carried by two-thirds of the members present: 14 for, 5 against, 2 abstentions."),
        (
            13,
            5,
            3,
            21,
            "Not carried: 13 for, 5 against, 3 abstentions; "
            "two-thirds of the 21 members present needed 14 votes for.",
        ),
        (
            0,
            0,
            0,
            1,
            "Not carried: 0 for, 0 against, 0 abstentions; two-thirds of the 1 member present needed 1 vote for.",
        ),
    ],
)
def test_two_thirds_of_present_reason(votes_for, votes_against, abstentions, present, reason):
    assert motion_result(TWO_THIRDS_OF_PRESENT, votes_for, votes_against, abstentions, present=present).reason == reason


@pytest.mark.parametrize("votes", [(14, 7, 0), (0, 0, 0), (-1, 0, 0)])
def test_two_thirds_of_present_needs_present(votes):
    with pytest.raises(ValueError, match="needs the number of members present"):
        motion_result(TWO_THIRDS_OF_PRESENT, *votes)


def test_two_thirds_of_present_counts_against_present():
    with pytest.raises(ValueError, match="only 20 members present"):
        motion_result(TWO_THIRDS_OF_PRESENT, 14, 7, 0, present=20)


# ---------------------------------------------------------------------------------------------
# Elections
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "seats,votes,elected",
    [
        (1, {"Ann Reid": None}, {"Ann Reid"}),
        (1, {"Ann Reid": 12}, {"Ann Reid"}),
        (8, {"Ann": None, "Bob": None, "Cat": None}, {"Ann", "Bob", "Cat"}),
        (2, {"Ann": 3, "Bob": 0}, {"Ann", "Bob"}),
    ],
)
def test_election_unopposed(seats, votes, elected):
    result = election_result(seats, votes)
    assert isinstance(result, ElectionResult)
    assert set(result.elected) == elected
    assert result.unopposed is True
    assert result.tied == ()
    assert result.needs_chair is False


@pytest.mark.parametrize(
    "seats,votes,elected,tied",
    [
        # contested single seat
        (1, {"Ann": 14, "Bob": 9}, {"Ann"}, set()),
        (1, {"Ann": 9, "Bob": 14}, {"Bob"}, set()),
        (1, {"Ann": 0, "Bob": 1}, {"Bob"}, set()),
        # multi-seat committee: most votes win
        (3, {"Ann": 20, "Bob": 31, "Cat": 12, "Dev": 25, "Eve": 19}, {"Bob", "Dev", "Ann"}, set()),
        (2, {"Ann": 20, "Bob": 20, "Cat": 5}, {"Ann", "Bob"}, set()),  # level, but both get in
        (1, {"Ann": 10, "Bob": 5, "Cat": 5}, {"Ann"}, set()),  # level below the last seat
        # a tie on the last seat is flagged for the chair
        (2, {"Ann": 30, "Bob": 18, "Cat": 18}, {"Ann"}, {"Bob", "Cat"}),
        (1, {"Ann": 7, "Bob": 7, "Cat": 7}, set(), {"Ann", "Bob", "Cat"}),
        (
            3,
            {"Ann": 9, "Bob": 8, "Cat": 4, "Dev": 4, "Eve": 4, "Fay": 1},
            {"Ann", "Bob"},
            {"Cat", "Dev", "Eve"},
        ),
        (1, {"Ann": 0, "Bob": 0}, set(), {"Ann", "Bob"}),
    ],
)
def test_election_contested(seats, votes, elected, tied):
    result = election_result(seats, votes)
    assert set(result.elected) == elected
    assert set(result.tied) == tied
    assert result.unopposed is False
    assert result.needs_chair is bool(tied)


def test_election_elected_in_order_of_votes():
    result = election_result(3, {"Ann": 20, "Bob": 31, "Cat": 12, "Dev": 25, "Eve": 19})
    assert result.elected == ("Bob", "Dev", "Ann")


@pytest.mark.parametrize(
    "seats,votes,match",
    [
        (1, {"Ann": 10, "Bob": None}, "Bob"),
        (1, {"Ann": None, "Bob": None}, "contested election needs a count"),
        (2, {"Ann": 10, "Bob": 4, "Cat": None}, "Cat"),
        (1, {"Ann": 10, "Bob": -1}, "cannot be negative"),
        (1, {"Ann": 10, "Bob": 2.5}, "whole number"),
        (0, {"Ann": None}, "at least one seat"),
        (-1, {"Ann": 3, "Bob": 2}, "at least one seat"),
    ],
)
def test_election_rejects(seats, votes, match):
    with pytest.raises(ValueError, match=match):
        election_result(seats, votes)
