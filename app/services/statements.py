"""The treasurer's statement of each year, kept in the association file for the landlord's pack."""

from __future__ import annotations

from app import model
from app.errors import NotFoundError, QuorumError
from app.money import pounds
from app.services.changes import Changes

Lines = list[tuple[str, int]]


class Statements:
    store: object

    def statement(self, year: int) -> model.Statement | None:
        """The year's statement; if two laptops each entered one before syncing, the later one."""
        found = self.store.find(model.Statement, order_by=("hlc",), year=year)
        return found[-1] if found else None

    def save_statement(self, year: int, opening_balance: int, sections: dict[str, Lines]) -> Changes:
        """Enter or correct a year's figures: amounts in pence, each line with a description."""
        _check(year, sections)
        fields = {"opening_balance": opening_balance}
        for name in model.STATEMENT_SECTIONS:
            fields[name] = model.Statement.encode([(text.strip(), pence) for text, pence in sections.get(name, [])])
        existing = self.statement(year)
        if existing is None:
            self.store.add(model.Statement(year, **fields))
        else:
            self.store.patch(model.Statement, existing.id, **fields)
        return Changes.of("statement")

    def _describe_statement(self, kind, record_id, payload) -> str | None:
        """For the history of changes."""
        try:
            year = payload.get("year") or self.store.get(model.Statement, record_id).year
        except NotFoundError:
            return None
        verb = {"create": "entered", "tombstone": "removed"}.get(kind, "changed")
        return f"{verb} the treasurer's statement for {year}"


def _check(year: int, sections: dict[str, Lines]) -> None:
    if not 1900 <= year <= 2999:
        raise QuorumError(f"{year} is not a year Quorum can keep a statement for.")
    unknown = set(sections) - set(model.STATEMENT_SECTIONS)
    if unknown:
        raise QuorumError(f"A treasurer's statement has no section called {', '.join(sorted(unknown))}.")
    for name, lines in sections.items():
        for text, pence in lines:
            if not text.strip():
                raise QuorumError(f"Each line of {name} needs a description of what the {pounds(pence)} was.")
            if pence < 0:
                raise QuorumError(f"“{text.strip()}” is below zero; put money paid out under expenditure "
                                  "and money owed under liabilities.")
