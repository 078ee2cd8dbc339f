"""Getting ready for a meeting: motions written in advance, tidying the agenda, and the rules' history.

A motion written before the meeting is an ordinary undecided motion attached to its agenda item,
so the live console finds it waiting. Its wording may change until the meeting opens; after
that it is on the record and only an amendment can change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from app import model
from app.rules import MAJORITY_NAMES, QuorumRule
from app.words import long_date

FRACTION_WORDS = {
    Fraction(1, 10): "one tenth",
    Fraction(1, 5): "one fifth",
    Fraction(1, 4): "one quarter",
    Fraction(1, 3): "one third",
    Fraction(1, 2): "half",
    Fraction(2, 3): "two thirds",
    Fraction(3, 4): "three quarters",
}


@dataclass(frozen=True)
class RulesChange:
    """One dated entry in the history of the constitution's settings."""

    effective_from: date
    changes: list[str]

    @property
    def heading(self) -> str:
        return f"From {long_date(self.effective_from)}"




# -- the rules in words --------------------------------------------------------------------------


def fraction_words(fraction: Fraction) -> str:
    return FRACTION_WORDS.get(fraction, f"{fraction.numerator}/{fraction.denominator}")


def quorum_words(rule: QuorumRule, of: str = "the membership", plus_one: bool = False) -> str:
    """'10 members or one quarter of the membership, whichever is fewer'."""
    parts = []
    if rule.minimum is not None:
        parts.append(f"{rule.minimum} member{'' if rule.minimum == 1 else 's'}")
    if rule.fraction is not None:
        parts.append(f"{fraction_words(rule.fraction)} of {of}")
    if not parts:
        return "no quorum" + (" (just one member)" if plus_one else "")
    words = " or ".join(parts)
    if len(parts) == 2:
        words += ", whichever is fewer" if rule.combine == "lesser" else ", whichever is more"
    return words + (" plus one" if plus_one else "")


def rules_in_words(rules: model.ConstitutionRules) -> dict[str, str]:
    """Setting name -> 'Label: value', one line per thing a chair would look up."""
    age = rules.minimum_voting_age
    return {
        "general_quorum": f"Quorum at general meetings: {quorum_words(rules.general_quorum)}",
        "committee_quorum": "Quorum at committee meetings: "
        + quorum_words(rules.committee_quorum, "the committee", rules.committee_quorum_plus_one),
        "proxies_count_for_quorum": "Proxies count towards the quorum: " + _yes(rules.proxies_count_for_quorum),
        "inquorate_adjourn_minutes": f"A meeting not quorate after {rules.inquorate_adjourn_minutes} minutes "
        "stands adjourned",
        "majority": f"Decisions need {MAJORITY_NAMES[rules.majority.kind]}",
        "chair_casting_vote": "The chair has a casting vote on a tie: " + _yes(rules.majority.chair_casting_vote),
        "constitutional_majority": f"Changes to the constitution need {MAJORITY_NAMES[rules.constitutional_majority]}",
        "vote_per": f"One vote per {rules.vote_per}",
        "minimum_voting_age": f"Members may vote from age {age}" if age else "No minimum voting age",
        "proxies_allowed": "Proxy votes allowed: " + _yes(rules.proxies_allowed),
        "proxy_notice_days": f"Proxies must be given {_days(rules.proxy_notice_days)} before the meeting"
        if rules.proxy_notice_days else "Proxies may be given up to the start of the meeting",
        "agm_notice_days": f"Notice of an annual or special general meeting: {_days(rules.agm_notice_days)}",
        "general_notice_days": f"Notice of a general meeting: {_days(rules.general_notice_days)}",
        "committee_size": f"Committee size: up to {rules.committee_size}",
    }


def rules_differences(old: model.ConstitutionRules, new: model.ConstitutionRules) -> list[str]:
    """What changed between two sets of rules, as 'Label: new value (was old value)'."""
    before, after = rules_in_words(old), rules_in_words(new)
    return [_was(after[name], before[name]) for name in after if after[name] != before[name]]


def _was(now: str, then: str) -> str:
    if ": " in now:
        return f"{now} (was {then.partition(': ')[2]})"
    return f"{now} (was: {then})"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _days(count: int) -> str:
    return "no notice needed" if not count else f"{count} day{'' if count == 1 else 's'}"


__all__ = ["RulesChange", "quorum_words", "rules_in_words", "rules_differences"]
