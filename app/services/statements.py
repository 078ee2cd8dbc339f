"""The treasurer's statement of each year, kept in the association file for the landlord's pack."""

from __future__ import annotations

from app import model
from app.errors import QuorumError
from app.money import pounds

Lines = list[tuple[str, int]]




def check_statement(year: int, sections: dict[str, Lines]) -> None:
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
