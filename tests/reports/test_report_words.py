"""Dates, lists and name order as a Scottish secretary writes them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from app.model import Member
from app.words import collation_key, join_names, long_date, surname_order, weekday_date


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2026, 11, 24), "24 November 2026"),
        (date(2027, 1, 2), "2 January 2027"),
        (date(2026, 5, 31), "31 May 2026"),
    ],
)
def test_long_date(day, expected):
    assert long_date(day) == expected


def test_day_and_date():
    assert weekday_date(date(2026, 11, 24)) == "Tuesday 24 November 2026"


@pytest.mark.parametrize(
    "names, expected", [([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C")]
)
def test_join_names(names, expected):
    assert join_names(names) == expected


def test_accented_surnames_sort_with_their_letter():
    surnames = ["Ó Dónaill", "Zuberi", "O'Brien", "Oakes", "Łukaszewicz", "Lamont", "MacLeod", "Mackay"]
    members = [Member("A", surname) for surname in surnames]
    ordered = [m.surname for m in sorted(members, key=lambda m: m.sort_key)]
    assert ordered == [
        "Lamont",
        "Łukaszewicz",
        "Mackay",
        "MacLeod",
        "Oakes",
        "O'Brien",
        "Ó Dónaill",
        "Zuberi",
    ]


@pytest.mark.parametrize(
    "name, surname",
    [
        ("Seán Ó Dónaill", "odonaill"),
        ("Tariq Khan", "khan"),
        ("Mary Ann Smith", "smith"),
        ("Cher", "cher"),
        ("Ludwig van Beethoven", "vanbeethoven"),
    ],
)
def test_surname_of_a_name_known_only_as_text(name, surname):
    assert surname_order(name)[0] == surname


def test_collation_ignores_case_and_accents():
    assert collation_key("Zoë") == collation_key("ZOE")


def test_the_core_does_not_load_reportlab():
    code = "import sys, app, app.model, app.rules; assert 'reportlab' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
