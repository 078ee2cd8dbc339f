"""The rules in force on a date: old meetings keep the constitution of their day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.model import ConstitutionRules


def rules_on(history: Iterable[tuple[date, ConstitutionRules]], day: date) -> ConstitutionRules:
    """The latest rules that had started by ``day``; before the first, the first; none at all, the defaults."""
    dated = sorted(history, key=lambda pair: pair[0])
    in_force = [rules for start, rules in dated if start <= day]
    if in_force:
        return in_force[-1]
    return dated[0][1] if dated else ConstitutionRules()
