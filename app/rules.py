"""Constitution rules: quorum, majorities and elections, as pure functions.

Scottish law sets no quorum or majority for a tenants' association; each constitution does,
so every number here comes from the association's settings. Nothing in this module does I/O,
which is why the rest of Quorum (console, minutes, head-office server) can trust one answer.

The public interface (``__all__``) is relied on by outside checks; keep it exactly, and add new
decisions beside it in ``app/core/`` (docs/architecture.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from app.core.motions import casting_vote_applies

__all__ = [
    "QuorumRule",
    "MajorityRule",
    "Result",
    "ElectionResult",
    "quorum_required",
    "is_quorate",
    "more_needed",
    "motion_result",
    "election_result",
]

COMBINES = ("lesser", "greater")
MAJORITY_KINDS = ("simple", "two_thirds", "of_present", "two_thirds_of_present")
MAJORITY_NAMES = {
    "simple": "a simple majority of votes cast",
    "two_thirds": "a two-thirds majority of votes cast",
    "of_present": "a majority of the members present",
    "two_thirds_of_present": "two-thirds of the members present",
}


@dataclass(frozen=True)
class QuorumRule:
    """A minimum number present and/or a fraction of the membership."""

    minimum: int | None = None
    fraction: Fraction | None = None
    combine: str = "lesser"

    def __post_init__(self) -> None:
        if self.combine not in COMBINES:
            raise ValueError(f'Quorum must combine as "lesser" or "greater", not "{self.combine}".')
        if self.minimum is not None and (not isinstance(self.minimum, int) or self.minimum < 0):
            raise ValueError("The minimum number for a quorum must be a whole number, zero or more.")
        if self.fraction is not None:
            value = self.fraction
            fraction = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
            if not 0 <= fraction <= 1:
                raise ValueError("The fraction of members for a quorum must be between 0 and 1.")
            object.__setattr__(self, "fraction", fraction)


@dataclass(frozen=True)
class MajorityRule:
    """How many votes a motion needs, and whether the chair breaks a tie."""

    kind: str = "simple"
    chair_casting_vote: bool = True

    def __post_init__(self) -> None:
        if self.kind not in MAJORITY_KINDS:
            raise ValueError(
                'A majority must be "simple", "two_thirds", "of_present" or "two_thirds_of_present", '
                f'not "{self.kind}".'
            )


@dataclass(frozen=True)
class Result:
    """The outcome of a vote; ``reason`` is written into the minutes as it stands."""

    carried: bool
    tied: bool
    reason: str


def _check_count(value: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"The number of {what} must be a whole number.")
    if value < 0:
        raise ValueError(f"The number of {what} cannot be negative.")


def quorum_required(rule: QuorumRule, member_count: int) -> int:
    """How many members must be present; the fraction part is rounded up."""
    _check_count(member_count, "members")
    parts = []
    if rule.minimum is not None:
        parts.append(rule.minimum)
    if rule.fraction is not None:
        parts.append(math.ceil(rule.fraction * member_count))
    if not parts:
        return 0
    return min(parts) if rule.combine == "lesser" else max(parts)


def is_quorate(rule: QuorumRule, present: int, member_count: int) -> bool:
    _check_count(present, "members present")
    return present >= quorum_required(rule, member_count)


def more_needed(rule: QuorumRule, present: int, member_count: int) -> int:
    """How many more members must arrive before the meeting is quorate (0 when it is)."""
    _check_count(present, "members present")
    return max(0, quorum_required(rule, member_count) - present)


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _counts(votes_for: int, votes_against: int, abstentions: int) -> str:
    return f"{votes_for} for, {votes_against} against, {_plural(abstentions, 'abstention')}"


def motion_result(
    rule: MajorityRule,
    votes_for: int,
    votes_against: int,
    abstentions: int = 0,
    present: int | None = None,
    casting_vote: str | None = None,
) -> Result:
    """Decide a motion from its counts under the association's majority rule.

    A casting vote ("for" or "against") decides only a tie under a simple majority, and only
    when the rule gives the chair one; otherwise a tie falls. Two-thirds of the members present
    cannot be judged without knowing how many were present, so ``present`` is required for it.
    """
    if rule.kind == "two_thirds_of_present" and present is None:
        raise ValueError("Two-thirds of the members present needs the number of members present.")
    _check_count(votes_for, "votes for")
    _check_count(votes_against, "votes against")
    _check_count(abstentions, "abstentions")
    if casting_vote not in (None, "for", "against"):
        raise ValueError('A casting vote must be "for" or "against".')
    total = votes_for + votes_against + abstentions
    if present is not None:
        _check_count(present, "members present")
        if total > present:
            raise ValueError(
                f"There are {total} votes and abstentions but only {_plural(present, 'member')} present."
            )
    counts = _counts(votes_for, votes_against, abstentions)
    cast = votes_for + votes_against
    tied = cast > 0 and votes_for == votes_against
    if cast == 0 and rule.kind not in ("of_present", "two_thirds_of_present"):
        return Result(False, False, f"Not carried: no votes were cast ({counts}).")
    if rule.kind == "two_thirds_of_present":
        return _two_thirds_of_present(votes_for, present or 0, counts, tied)
    if rule.kind == "simple":
        return _simple(rule, votes_for, votes_against, counts, tied, casting_vote)
    if rule.kind == "two_thirds":
        needed = math.ceil(Fraction(2, 3) * cast)
        if votes_for >= needed:
            return Result(True, tied, f"Carried by a two-thirds majority: {counts}.")
        return Result(
            False, tied, f"Not carried: {counts}; a two-thirds majority needed {_plural(needed, 'vote')} for."
        )
    members = total if present is None else present
    return _of_present("a majority", members // 2 + 1, votes_for, members, counts, tied)


def _two_thirds_of_present(votes_for: int, present: int, counts: str, tied: bool) -> Result:
    """Abstentions and members who did not vote count against, as under a majority of those present."""
    needed = max(1, math.ceil(Fraction(2, 3) * present))
    return _of_present("two-thirds", needed, votes_for, present, counts, tied)


def _of_present(share: str, needed: int, votes_for: int, members: int, counts: str, tied: bool) -> Result:
    """A motion judged against the members present ("a majority" or "two-thirds" of them)."""
    if votes_for >= needed:
        return Result(True, tied, f"Carried by {share} of the members present: {counts}.")
    return Result(
        False,
        tied,
        f"Not carried: {counts}; {share} of the {_plural(members, 'member')} present "
        f"needed {_plural(needed, 'vote')} for.",
    )


def _simple(
    rule: MajorityRule, votes_for: int, votes_against: int, counts: str, tied: bool, casting_vote: str | None
) -> Result:
    if votes_for > votes_against:
        return Result(True, False, f"Carried: {counts}.")
    if votes_for < votes_against:
        return Result(False, False, f"Not carried: {counts}.")
    if not casting_vote_applies(rule.kind, rule.chair_casting_vote, votes_for, votes_against):
        return Result(False, True, f"Not carried: the votes were tied ({counts}) and the chair has no casting vote.")
    if casting_vote == "for":
        return Result(True, True, f"Carried on the chair's casting vote: {counts}.")
    if casting_vote == "against":
        return Result(False, True, f"Not carried on the chair's casting vote: {counts}.")
    return Result(False, True, f"Not carried: the votes were tied ({counts}) and no casting vote was given.")


@dataclass(frozen=True)
class ElectionResult:
    """Who fills the seats; ``tied`` names candidates level on the last seat, for the chair."""

    elected: tuple[str, ...]
    unopposed: bool
    tied: tuple[str, ...] = ()

    @property
    def needs_chair(self) -> bool:
        return bool(self.tied)


def election_result(seats: int, votes: dict[str, int | None]) -> ElectionResult:
    """Most votes win; as many candidates as seats (or fewer) are elected unopposed.

    ``votes`` maps each candidate's name to their count (None when uncontested).
    """
    if not isinstance(seats, int) or seats < 1:
        raise ValueError("An election needs at least one seat.")
    names = list(votes)
    if len(names) <= seats:
        return ElectionResult(tuple(names), unopposed=True)
    counts: dict[str, int] = {}
    for name, count in votes.items():
        if count is None:
            raise ValueError(f"A contested election needs a count of votes for {name}.")
        _check_count(count, f"votes for {name}")
        counts[name] = count
    ranked = sorted(names, key=lambda n: -counts[n])
    cut = counts[ranked[seats - 1]]
    sure = [n for n in ranked if counts[n] > cut]
    level = [n for n in ranked if counts[n] == cut]
    if len(sure) + len(level) == seats:
        return ElectionResult(tuple(sure + level), unopposed=False)
    return ElectionResult(tuple(sure), unopposed=False, tied=tuple(level))
