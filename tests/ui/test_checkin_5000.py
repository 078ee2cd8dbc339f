"""Finding members at the door among 5,000: the right people, whatever way the chair types."""

from __future__ import annotations

from datetime import date

import pytest

from app.model import Member
from app.words import fold
from ui.console.checkin_panel import CheckInPanel

FIRST = ["Siobhán", "Zoë", "Ewan", "Agnes", "Łukasz", "Tariq", "Morag", "Seán", "Fiona", "Kwame"]
LAST = ["MacLeod", "O'Neill", "Ó Dónaill", "Docherty", "Nowak", "Khan", "McLaughlin", "Brown", "Smith", "Okafor"]


@pytest.fixture(scope="module")
def five_thousand() -> list[Member]:
    return [Member(FIRST[n % 10], LAST[(n // 10) % 10], address=f"Flat {n % 4}/{n % 3 + 1}, {n // 12 + 1} Kelvin Way",
                   joined=date(2020, 1, 1), id=f"m{n}") for n in range(5000)]


def expected(members, words):
    """Worked out independently of the app's search: each word in the folded name or address."""
    return {m.id for m in members
            if all(w in fold(f"{m.first_name} {m.surname} {m.address}").replace(",", "") for w in words)}


@pytest.mark.parametrize("typed, words", [
    ("mac", ["mac"]),
    ("siob", ["siob"]),
    ("oneill", ["oneill"]),
    ("o dónaill", ["o", "donaill"]),
    ("lukasz nowak", ["lukasz", "nowak"]),
    ("2/1", ["2/1"]),
    ("zoe 12 kelvin", ["zoe", "12", "kelvin"]),
])
def test_typing_a_filter_finds_exactly_the_right_members(qtbot, five_thousand, typed, words):
    panel = CheckInPanel()
    qtbot.addWidget(panel)
    panel.set_members(five_thousand)
    panel.search.setText(typed)
    found = {panel.results_model.member_at(r).id for r in range(panel.results_model.rowCount())}
    assert found == expected(five_thousand, words)
    assert found, "each query should match someone"
    panel.search.clear()
    assert panel.results_model.rowCount() == 5000
