"""How each domain dataclass maps to a row and back: the one record format of the laptop's store,
the changes sent to head office, and head office's copy.

Dates travel as ISO text, booleans as 0/1, the constitution as JSON. Keeping the mapping in
one place means the outbox payload, the local row and the head-office copy always agree. It
speaks no SQL, so the store, the sync client, head office and the core all share it.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from fractions import Fraction
from functools import lru_cache

from app import model
from app.rules import MajorityRule, QuorumRule

ENTITIES: dict[str, tuple[str, type]] = {
    "association": ("associations", model.Association),
    "member": ("members", model.Member),
    "meeting": ("meetings", model.Meeting),
    "agenda_item": ("agenda_items", model.AgendaItem),
    "attendance": ("attendance", model.Attendance),
    "motion": ("motions", model.Motion),
    "election": ("elections", model.Election),
    "candidate": ("candidates", model.Candidate),
    "action": ("actions", model.Action),
    "minutes": ("minutes", model.Minutes),
    "quorum_event": ("quorum_events", model.QuorumEvent),
    "statement": ("statements", model.Statement),
    "digest": ("digests", model.Digest),
    "office_term": ("office_terms", model.OfficeTerm),
}
ENTITY_OF_CLASS = {cls: name for name, (_, cls) in ENTITIES.items()}
NOT_COLUMNS = {"rules"}  # Association.rules lives in its own dated table


def entity_of(record_or_class) -> str:
    cls = record_or_class if isinstance(record_or_class, type) else type(record_or_class)
    return ENTITY_OF_CLASS[cls]


def table_of(record_or_class) -> str:
    return ENTITIES[entity_of(record_or_class)][0]


def _base_type(hint) -> type:
    """``date | None`` -> date; the store only needs to know how to turn text back."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if args else str
    return hint


def _hints(cls: type) -> dict[str, type]:
    return {name: _base_type(hint) for name, hint in typing.get_type_hints(cls, vars(model)).items()}


_HINTS = {cls: _hints(cls) for _, cls in ENTITIES.values()}


def to_value(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_row(record) -> dict:
    return {
        f.name: to_value(getattr(record, f.name))
        for f in dataclasses.fields(record)
        if f.name not in NOT_COLUMNS
    }


def _columns(cls: type) -> list[tuple[str, type, object]]:
    """Each column's field name, the type its text turns back into, and what NULL reads as."""
    hints = _HINTS[cls]
    return [(f.name, hints[f.name], None if f.default is dataclasses.MISSING else f.default)
            for f in dataclasses.fields(cls) if f.name not in NOT_COLUMNS]


_COLUMNS = {cls: _columns(cls) for _, cls in ENTITIES.values()}  # worked out once: a register is read often


def from_row(cls: type, row: dict):
    """The record a row holds; NULL text columns read back as the dataclass default."""
    values = {}
    for name, kind, default in _COLUMNS[cls]:
        if name not in row:
            continue
        value = row[name]
        if value is None:
            value = default
        elif kind is date:
            value = date.fromisoformat(value)
        elif kind is bool:
            value = bool(value)
        values[name] = value
    return cls(**values)


def rules_to_json(rules: model.ConstitutionRules) -> str:
    def plain(value):
        if isinstance(value, Fraction):
            return f"{value.numerator}/{value.denominator}"
        if dataclasses.is_dataclass(value):
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return value

    return json.dumps(plain(rules), sort_keys=True)


@lru_cache(maxsize=256)
def rules_from_json(text: str) -> model.ConstitutionRules:
    """The rules a settings text holds. Kept for the next call with the same text (the rules are frozen):
    head office reads an association's settings for every change to them and every decision it checks."""
    data = json.loads(text)
    known = {f.name for f in dataclasses.fields(model.ConstitutionRules)}
    values = {k: v for k, v in data.items() if k in known}
    for key in ("general_quorum", "committee_quorum"):
        if key in values:
            quorum = dict(values[key])
            if quorum.get("fraction"):
                quorum["fraction"] = Fraction(quorum["fraction"])
            values[key] = QuorumRule(**quorum)
    if "majority" in values:
        values["majority"] = MajorityRule(**values["majority"])
    return model.ConstitutionRules(**values)
