"""From a table to members: each row read (or a reason it cannot be), duplicates flagged, and the
chair's report."""

from __future__ import annotations

from collections.abc import Iterable

from app.imports.cells import (
    address_of,
    birth_year_of,
    clean,
    consent_of,
    joined_on,
    names_of,
    phone_of,
    postcode_of,
    role_of,
    squeezed,
)
from app.imports.columns import guess_mapping, ignored_columns
from app.imports.values import FIELD_LABELS, Cell, ImportRow, Preview, Problem, Table
from app.model import Member
from app.words import plural


def preview(table: Table, mapping: dict[str, int] | None = None, existing: Iterable[Member] = ()) -> Preview:
    """Turn each row into a Member (or a reason it cannot be one), flagging likely duplicates."""
    mapping = guess_mapping(table.headers) if mapping is None else _checked_mapping(mapping, table)
    held = {duplicate_key(member): member for member in existing}
    seen: dict[str, int] = {}
    rows = [_import_row(line, cells, mapping, held, seen) for line, cells in table.rows]
    return Preview(table, dict(mapping), rows, ignored_columns(table, mapping))


def _checked_mapping(mapping: dict[str, int], table: Table) -> dict[str, int]:
    """A mapping from the UI must name known fields and real columns; anything else is a bug."""
    for name, index in mapping.items():
        if name not in FIELD_LABELS or not 0 <= index < len(table.headers):
            raise ValueError(f"bad column mapping {name!r} -> {index!r}")
    return mapping


def _import_row(
    line: int, cells: list[Cell], mapping: dict[str, int], held: dict[str, Member], seen: dict[str, int]
) -> ImportRow:
    values = {name: cells[index] for name, index in mapping.items()}
    member, problems = _read_member(line, values)
    row = ImportRow(line, member, problems)
    if member is None:
        return row
    key = duplicate_key(member)
    if key in held:
        message = f"{_who(member)} is already in the member list; skipped"
    elif key in seen:
        message = f"{_who(member)} looks like a duplicate of line {seen[key]}; skipped"
    else:
        seen[key] = line
        return row
    row.problems.append(Problem(line, message, "duplicate"))
    row.duplicate = True
    return row


def _who(member: Member) -> str:
    return f"{member.name} ({member.address})" if member.address else member.name


def _read_member(line: int, values: dict[str, Cell]) -> tuple[Member | None, list[Problem]]:
    first_name, surname = names_of(values)
    if not (first_name or surname):
        return None, [Problem(line, "no name given; not imported", "missing name")]
    if any(char.isdigit() for char in first_name + surname):  # a "Total: 60" row, or a stray number
        name = f"{first_name} {surname}".strip()
        return None, [Problem(line, f"'{name}' does not look like a name; not imported", "missing name")]
    problems: list[Problem] = []

    def note(kind: str, message: str) -> None:
        problems.append(Problem(line, message, kind))

    if not (first_name and surname):
        missing = "surname" if first_name else "first name"
        note("one name", f"only one name, {first_name or surname}; imported with no {missing}, which can be added "
                         "on the Members page")

    member = Member(
        first_name=first_name,
        surname=surname,
        address=address_of(values),
        postcode=postcode_of(clean(values.get("postcode"))),
        phone=phone_of(clean(values.get("phone"))),
        email="".join(clean(values.get("email")).removeprefix("mailto:").split()),
        contact_consent=consent_of(values.get("contact_consent"), note),
        joined=joined_on(values.get("joined"), note),
        role=role_of(values.get("role"), note),
        birth_year=birth_year_of(values.get("birth_year"), note),
        notes=clean(values.get("notes")),
    )
    return member, problems



def duplicate_key(member: Member) -> str:
    """Name and address, ignoring case, spaces, punctuation and accents: equal keys are likely one person."""
    return f"{squeezed(member.first_name + ' ' + member.surname)}|{squeezed(member.address)}"


def summary(preview: Preview, imported: int, dry_run: bool = False) -> str:
    """The chair's report: counts on the first line, then each problem with its line number."""
    if not preview.mapping.keys() & {"first_name", "surname", "name"}:
        headings = ", ".join(heading for heading in preview.table.headers if heading)
        return (
            "No column holds the members' names, so no members can be imported "
            f"(the headings are: {headings})."
        )
    did, skip = ("Would import", "would skip") if dry_run else ("Imported", "skipped")
    lines_with_problems = len({problem.line for problem in preview.problems})
    head = f"{did} {plural(imported, 'member')}; {skip} {plural(len(preview.duplicates), 'duplicate')}; "
    if not lines_with_problems:
        report = [head + "no rows had problems."]
    else:
        report = [head + f"{plural(lines_with_problems, 'row')} had problems:"]
        report += [f"  {problem}" for problem in preview.problems]
    if preview.ignored_columns:
        report.append("Columns not imported: " + ", ".join(preview.ignored_columns) + ".")
    return "\n".join(report)
