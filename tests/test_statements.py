"""The treasurer's statement: money in pence, kept per year, queued for head office like any record;
and what the yearly pack works out from the register, the AGM and the rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest

from app.errors import QuorumError
from app.model import (
    Association,
    Candidate,
    ConstitutionRules,
    Election,
    Meeting,
    MeetingRecord,
    Member,
    OfficeHolder,
    Statement,
)
from app.money import parse_pounds, pounds
from app.rules import MajorityRule, QuorumRule
from app.server.checks import problem
from app.server.protocol import Op
from app.services.yearly_pack import constitution_sentences, members_on, office_holders
from app.store import inbox


@pytest.mark.parametrize("text, pence", [
    ("1,243.17", 124317), ("£1,243.17", 124317), ("1243", 124300), ("60.5", 6050), (".75", 75),
    ("-60", -6000), ("(60.00)", -6000), (" £ 12 ", 1200), ("0", 0),
])
def test_amounts_as_treasurers_write_them(text, pence):
    assert parse_pounds(text) == pence


@pytest.mark.parametrize("text", ["", "twelve", "12.345", "1.2.3", "£", "12,34x"])
def test_what_is_not_money_is_refused_plainly(text):
    with pytest.raises(QuorumError, match="is not an amount of money; write it like 1,243.17"):
        parse_pounds(text)


@pytest.mark.parametrize("pence, text", [(124317, "£1,243.17"), (5, "£0.05"), (-6000, "−£60.00"),
                                         (123456789, "£1,234,567.89")])
def test_pounds(pence, text):
    assert pounds(pence) == text


def test_closing_balance_is_worked_out():
    statement = Statement(2026, 10000, income=Statement.encode([("Grant", 5000), ("Raffle", 1250)]),
                          expenditure=Statement.encode([("Hall", 3000)]))
    assert statement.total("income") == 6250
    assert statement.closing_balance == 10000 + 6250 - 3000
    assert statement.lines("assets") == []


def test_saved_corrected_and_queued_for_head_office(book):
    book.documents.save_statement(2026, 124317, {"income": [("  Grant from Wellhouse HA ", 50000)]})
    book.documents.save_statement(2026, 124317, {"income": [("Grant from Wellhouse HA", 50000)],
                                       "expenditure": [("Hall hire", 36000)]})
    statement = book.documents.statement(2026)
    assert statement.lines("income") == [("Grant from Wellhouse HA", 50000)]
    assert statement.closing_balance == 124317 + 50000 - 36000
    assert book.documents.statement(2025) is None
    queued = [c for c in book.store.pending_changes() if c["entity"] == "statement"]
    assert [c["kind"] for c in queued] == ["create", "patch"]
    assert '"expenditure"' in queued[1]["payload"] and '"opening_balance"' not in queued[1]["payload"]
    history = [entry.what for entry in book.history.history()]
    assert "changed the treasurer's statement for 2026" in history
    assert "entered the treasurer's statement for 2026" in history


def test_head_office_accepts_a_statement(book):
    book.documents.save_statement(2026, 0, {"assets": [("Gazebo", 17999)]})
    sent = [op for op in inbox.unsent(book.store) if op["entity"] == "statement"]
    op = Op(**{key: sent[0][key] for key in ("op_id", "entity", "record_id", "kind", "payload", "hlc",
                                               "base_rev", "schema_version")})
    assert problem(op) is None


@pytest.mark.parametrize("sections, message", [
    ({"income": [("", 500)]}, "needs a description"),
    ({"income": [("Refund", -500)]}, "is below zero"),
    ({"donations": [("Gift", 500)]}, "no section called donations"),
])
def test_a_line_that_cannot_be_saved(book, sections, message):
    with pytest.raises(QuorumError, match=message):
        book.documents.save_statement(2026, 0, sections)
    assert book.documents.statement(2026) is None


# -- what the pack works out ---------------------------------------------------------------------

REGISTER = [
    Member("Ewan", "Brown", role="chair"), Member("Agnes", "MacLeod", role="vice-chair"),
    Member("Zoë", "Docherty", role="committee member"), Member("Łukasz", "Nowak", role="committee member"),
    Member("Iain", "Ahmed"),
]


def _agm(elections: dict[str, list[str]]) -> MeetingRecord:
    record = MeetingRecord(Association("TRA"), Meeting("annual general", date(2026, 5, 19), id="agm"))
    for number, (post, names) in enumerate(elections.items()):
        record.elections.append(Election("agm", post, max(1, len(names)), id=f"e{number}"))
        record.candidates += [Candidate(f"e{number}", name, elected=True) for name in names]
    return record


def test_without_an_agm_the_register_says_who_holds_office():
    bearers, committee = office_holders(REGISTER, None)
    assert bearers == [OfficeHolder("Chair", "Ewan Brown", "Member register"),
                       OfficeHolder("Vice-chair", "Agnes MacLeod", "Member register"),
                       OfficeHolder("Secretary", "Vacant"), OfficeHolder("Treasurer", "Vacant")]
    assert [h.name for h in committee] == ["Zoë Docherty", "Łukasz Nowak"]


def test_the_agm_result_wins_and_fills_the_gaps_it_leaves():
    agm = _agm({"Vice Chair": ["Iain Ahmed"], "Secretary": ["Seán Ó Dónaill"], "Committee members": ["Tariq Khan"]})
    bearers, committee = office_holders(REGISTER, agm)
    assert [(h.office, h.name, h.source) for h in bearers] == [
        ("Chair", "Ewan Brown", "Member register"),
        ("Vice-chair", "Iain Ahmed", "AGM of 19 May 2026"),
        ("Secretary", "Seán Ó Dónaill", "AGM of 19 May 2026"),
        ("Treasurer", "Vacant", ""),
    ]
    assert committee == [OfficeHolder("Committee member", "Tariq Khan", "AGM of 19 May 2026")]


def test_members_counted_on_a_day():
    members = [Member("A", "One", joined=date(2020, 1, 1)), Member("B", "Two", joined=date(2027, 1, 5)),
               Member("C", "Three", left=date(2026, 6, 1)), Member("D", "Four", left=date(2027, 2, 1)),
               Member("E", "Five")]
    assert members_on(members, date(2026, 12, 31)) == 3


def test_other_rules_in_words():
    rules = replace(
        ConstitutionRules(),
        general_quorum=QuorumRule(minimum=15, fraction=None),
        majority=MajorityRule("of_present", chair_casting_vote=False),
        vote_per="household",
        minimum_voting_age=None,
        proxies_allowed=True,
        proxies_count_for_quorum=True,
        proxy_notice_days=1,
        committee_quorum=QuorumRule(fraction=Fraction(1, 3)),
        committee_quorum_plus_one=False,
    )
    sentences = constitution_sentences(rules)
    assert "A general meeting is quorate when 15 members are present." in sentences
    assert "A committee meeting is quorate when one third of the committee are present." in sentences
    assert ("Decisions are taken by a majority of the members present; when the votes are tied, the motion is "
            "not carried, as the chair has no casting vote.") in sentences
    assert "Each household has one vote." in sentences
    assert "There is no minimum age for voting." in sentences
    assert "Proxy votes are allowed if given at least 1 day before the meeting; they count towards the quorum." \
        in sentences
