"""Is a change well formed for the record it names? Checked before anything is written.

A bad value here would otherwise reach every other laptop of the association on its next pull,
so head office refuses it with a reason instead. Fields that hold JSON (a constitution's settings,
a statement's sections) are read with the parsers the laptop reads them with, and a new record
must make the laptop's own dataclass, so nothing head office keeps can stop a laptop opening its file.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from collections.abc import Callable
from datetime import date

from app import model
from app.rows import ENTITIES, NOT_COLUMNS, from_row, rules_from_json

HLC = re.compile(r"^\d{16}-\d{4,}-[A-Za-z0-9-]{1,64}\Z")  # \Z: a "$" lets a stamp end in a newline
LONGEST_TEXT = 100_000
LONGEST = {("minutes", "snapshot"): 20_000_000}  # approved minutes of a meeting of hundreds, frozen

ENUMS = {
    ("meeting", "kind"): model.MEETING_KINDS,
    ("meeting", "status"): model.MEETING_STATUSES,
    ("meeting", "minutes_status"): model.MINUTES_STATUSES,
    ("minutes", "status"): model.MINUTES_STATUSES,
    ("action", "status"): model.ACTION_STATUSES,
    ("attendance", "kind"): model.ATTENDANCE_KINDS,
    ("member", "role"): model.ROLES,
    ("office_term", "role"): model.ROLES,
    ("agenda_item", "kind"): model.AGENDA_KINDS,
    ("action", "answer_status"): ("", *model.ANSWER_STATUSES),
}
HEAD_OFFICE_ONLY = ("Only head office answers an ask of the landlord, so a laptop's change to the answer "
                    "was not kept.")


@dataclasses.dataclass(frozen=True)
class Shape:
    types: dict[str, type]  # field -> str, int, bool or date
    required: frozenset[str]  # fields a new record must have, never None


def _base(hint) -> type:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    return hint


def _shape(cls: type) -> Shape:
    hints = typing.get_type_hints(cls, vars(model))
    fields = [f for f in dataclasses.fields(cls) if f.name not in NOT_COLUMNS]
    required = {f.name for f in fields
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    return Shape({f.name: _base(hints[f.name]) for f in fields}, frozenset(required))


SHAPES = {entity: _shape(cls) for entity, (_, cls) in ENTITIES.items()}
SHAPES["rules"] = Shape({"id": str, "effective_from": date, "settings": str},
                        frozenset({"effective_from", "settings"}))


def _statement_section(text: str) -> None:
    for _, pence in model.Statement(year=2000, income=text).lines("income"):
        if not isinstance(pence, int) or isinstance(pence, bool):
            raise ValueError("pence are whole numbers")


def _rules(text: str) -> None:
    if not isinstance(json.loads(text), dict):
        raise ValueError("settings are an object")
    rules_from_json(text)


# Fields holding JSON, read here with the laptop's own parser: each raises on what the laptop could not read.
PARSED = {("rules", "settings"): _rules,
          **{("statement", section): _statement_section
             for section in ("income", "expenditure", "assets", "liabilities")}}
UNREADABLE = (ValueError, TypeError, KeyError, AttributeError, ZeroDivisionError)


def problem(op) -> tuple[str, str] | None:
    """(code, reason) when the change cannot be applied as sent; None when it is well formed.

    Of several faults the first of these is told: an unknown kind of record, a bad stamp, two ids,
    fields head office does not know, an answer to an ask, a new record's missing fields, the first
    field (as sent) whose value does not fit, a record the laptop could not read. The fields are
    walked once: when all of them fit, no field is unknown and no required one is None.
    """
    fields = FIELDS.get(op.entity)
    if fields is None:
        return "unknown_entity", f"Head office does not know records of the kind “{op.entity}”."
    if not HLC.match(op.hlc):
        return "bad_op", "The change's clock stamp is not in Quorum's format."
    if op.kind == "tombstone":
        return None
    payload = op.payload
    if payload.get("id", op.record_id) != op.record_id or (op.kind == "patch" and "id" in payload):
        return "bad_op", "The change names two different records."
    misfit, required = None, SHAPES[op.entity].required  # the first field unknown or whose value does not fit
    for name, value in payload.items():
        fits = fields.get(name, _unknown)
        if (fits is _unknown or name in required) if value is None else not (
                fits(value) if fits else isinstance(value, str) and len(value) <= LONGEST_TEXT):
            misfit = name
            break
    if misfit is not None and not payload.keys() <= fields.keys():
        unknown = sorted(payload.keys() - fields.keys())
        return "unknown_field", f"Head office does not know the field {', '.join(unknown)} of a {op.entity}."
    if op.entity == "action" and _answers_an_ask(op):
        return "head_office_only", HEAD_OFFICE_ONLY
    new = op.kind in ("create", "append")
    if new and (misfit is not None or not payload.keys() >= required):
        missing = [f for f in required if payload.get(f) is None]
        if missing:
            return "bad_value", f"A new {op.entity.replace('_', ' ')} needs {', '.join(sorted(missing))}."
    if misfit is not None:
        return "bad_value", (f"The {misfit.replace('_', ' ')} of a {op.entity.replace('_', ' ')} cannot be "
                             f"{payload[misfit]!r:.60}.")
    if new and op.entity in MADE_TO_CHECK and not _makes_a_record(op):
        return "bad_value", f"Quorum could not read this {op.entity.replace('_', ' ')} as a record."
    return None


def _parses(parse: Callable[[str], None]) -> Callable[[object], bool]:
    def check(value) -> bool:
        try:
            parse(value)  # a string by now: its kind is checked first
        except UNREADABLE:
            return False
        return True
    return check


# A dataclass refuses values in its __post_init__ only (its __init__ takes any value): the checks above
# already refused a missing, unknown or malformed field, so only those records are made to see that the
# laptop can read them; today none, and a record is not walked a second time to make it.
MADE_TO_CHECK = frozenset(entity for entity, (_, cls) in ENTITIES.items() if hasattr(cls, "__post_init__"))


def _makes_a_record(op) -> bool:
    """A new record must make the laptop's dataclass, read the way the laptop reads it."""
    try:
        row = op.payload if "id" in op.payload else {**op.payload, "id": op.record_id}  # the same id: checked first
        from_row(ENTITIES[op.entity][1], row)
    except UNREADABLE:
        return False
    return True


def _answers_an_ask(op) -> bool:
    """A laptop may create an action with the answer empty, but never write the answer itself."""
    if op.entity != "action":
        return False
    written = [name for name in model.LANDLORD_ANSWER_FIELDS if name in op.payload]
    return any(op.payload[name] not in (None, "") for name in written) or (op.kind == "patch" and bool(written))


def _fits(entity: str, name: str, kind: type) -> Callable[[object], bool] | None:
    """The check of one field's value (never None here) by its kind, then by the laptop's parser if it has one;
    None for plain text, most fields, which ``problem`` checks (a text no longer than LONGEST_TEXT) without a call."""
    if (entity, name) in ENUMS:
        allowed = ENUMS[(entity, name)]
        return lambda value: value in allowed
    if kind is bool:
        return lambda value: value in (0, 1) and isinstance(value, int)
    if kind is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**53
    if kind is date:
        return _is_a_date
    longest = LONGEST.get((entity, name), LONGEST_TEXT)
    parse = PARSED.get((entity, name))
    if parse is None:
        return None if longest == LONGEST_TEXT else lambda value: isinstance(value, str) and len(value) <= longest
    parses = _parses(parse)
    return lambda value: isinstance(value, str) and len(value) <= longest and parses(value)


def _is_a_date(value) -> bool:
    try:
        return isinstance(value, str) and len(value) == 10 and bool(date.fromisoformat(value))
    except ValueError:
        return False


# entity -> field -> the check of a value that is not None, or None for plain text: made once, checked for
# every change (a None is refused for a field the shape requires)
FIELDS = {entity: {name: _fits(entity, name, kind) for name, kind in shape.types.items()}
          for entity, shape in SHAPES.items()}


def _unknown(value) -> bool:
    """The check of a field head office does not know: no value fits."""
    return False
