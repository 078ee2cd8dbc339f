"""Property tests for app.rules, bounded and derandomised so they run the same everywhere."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules import MajorityRule, QuorumRule, is_quorate, more_needed, motion_result, quorum_required

PROPERTY_SETTINGS = settings(max_examples=200, derandomize=True, deadline=None)

counts = st.integers(min_value=0, max_value=300)
members = st.integers(min_value=0, max_value=1000)
fractions = st.fractions(min_value=0, max_value=1, max_denominator=20)
quorum_rules = st.builds(
    QuorumRule,
    minimum=st.none() | st.integers(min_value=0, max_value=100),
    fraction=st.none() | fractions,
    combine=st.sampled_from(["lesser", "greater"]),
)
majority_rules = st.builds(
    MajorityRule,
    kind=st.sampled_from(["simple", "two_thirds", "of_present"]),
    chair_casting_vote=st.booleans(),
)
casting_votes = st.sampled_from([None, "for", "against"])
FLIP = {None: None, "for": "against", "against": "for"}


@PROPERTY_SETTINGS
@given(quorum_rules, members, counts, counts)
def test_is_quorate_is_monotonic_in_present(rule, member_count, a, b):
    fewer, more = sorted((a, b))
    if is_quorate(rule, fewer, member_count):
        assert is_quorate(rule, more, member_count)


@PROPERTY_SETTINGS
@given(quorum_rules, members)
def test_quorum_required_is_bounded(rule, member_count):
    required = quorum_required(rule, member_count)
    assert 0 <= required <= max(rule.minimum or 0, member_count)
    if rule.minimum is None:
        assert required <= member_count
    if rule.fraction is None:
        assert required == (rule.minimum or 0)


@PROPERTY_SETTINGS
@given(st.integers(min_value=0, max_value=100), fractions, members)
def test_lesser_never_exceeds_greater(minimum, fraction, member_count):
    lesser = quorum_required(QuorumRule(minimum, fraction, "lesser"), member_count)
    greater = quorum_required(QuorumRule(minimum, fraction, "greater"), member_count)
    assert lesser <= greater
    assert {lesser, greater} <= {minimum, quorum_required(QuorumRule(fraction=fraction), member_count)}


@PROPERTY_SETTINGS
@given(fractions, members)
def test_fraction_is_rounded_up_not_down(fraction, member_count):
    required = quorum_required(QuorumRule(fraction=fraction), member_count)
    assert required >= fraction * member_count > required - 1


@PROPERTY_SETTINGS
@given(quorum_rules, members, counts)
def test_more_needed_agrees_with_is_quorate(rule, member_count, present):
    needed = more_needed(rule, present, member_count)
    assert needed >= 0
    assert (needed == 0) == is_quorate(rule, present, member_count)
    assert is_quorate(rule, present + needed, member_count)
    if needed > 0:
        assert not is_quorate(rule, present + needed - 1, member_count)


@PROPERTY_SETTINGS
@given(st.booleans(), counts, counts, counts, casting_votes)
def test_simple_majority_swapping_never_carries_both(
    chair_casting_vote, votes_for, votes_against, abstentions, casting
):
    rule = MajorityRule("simple", chair_casting_vote)
    one = motion_result(rule, votes_for, votes_against, abstentions, casting_vote=casting)
    other = motion_result(rule, votes_against, votes_for, abstentions, casting_vote=FLIP[casting])
    assert not (one.carried and other.carried)
    assert one.tied == other.tied
    if votes_for != votes_against:
        assert one.carried != other.carried


@PROPERTY_SETTINGS
@given(majority_rules, counts, counts, counts, st.integers(min_value=0, max_value=50), casting_votes)
def test_motion_result_never_raises_for_valid_counts(
    rule, votes_for, votes_against, abstentions, absent, casting
):
    present = votes_for + votes_against + abstentions + absent
    result = motion_result(rule, votes_for, votes_against, abstentions, present=present, casting_vote=casting)
    assert isinstance(result.carried, bool)
    assert result.tied == (votes_for == votes_against > 0)
    assert result.reason.startswith("Carried") == result.carried
    assert result.reason.endswith(".")
    if result.carried:
        assert votes_for >= votes_against
        assert votes_for > 0


@PROPERTY_SETTINGS
@given(counts, counts, counts, st.integers(min_value=0, max_value=50))
def test_stricter_majorities_imply_simple(votes_for, votes_against, abstentions, absent):
    present = votes_for + votes_against + abstentions + absent
    simple = motion_result(MajorityRule("simple"), votes_for, votes_against, abstentions, present=present)
    for kind in ("two_thirds", "of_present"):
        if motion_result(MajorityRule(kind), votes_for, votes_against, abstentions, present=present).carried:
            assert simple.carried


@PROPERTY_SETTINGS
@given(counts, counts, counts, st.integers(min_value=0, max_value=50))
def test_majority_thresholds(votes_for, votes_against, abstentions, absent):
    present = votes_for + votes_against + abstentions + absent
    cast = votes_for + votes_against
    two_thirds = motion_result(MajorityRule("two_thirds"), votes_for, votes_against, abstentions)
    assert two_thirds.carried == (cast > 0 and Fraction(votes_for, cast) >= Fraction(2, 3))
    of_present = motion_result(
        MajorityRule("of_present"), votes_for, votes_against, abstentions, present=present
    )
    assert of_present.carried == (2 * votes_for > present)
