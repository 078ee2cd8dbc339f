"""Asks of the landlord on the laptop: who is asked, the answer in words, waiting figures, noting answers."""

from __future__ import annotations

from datetime import date

import pytest

from app import asks, model
from app.errors import QuorumError
from app.store import inbox

ASKED = date(2026, 10, 13)
TODAY = date(2026, 11, 25)


def _ask(**fields) -> model.Action:
    return model.Action("m1", "Repair the close door", "The landlord", ask_of_landlord=True, **fields)


@pytest.mark.parametrize(("fields", "words"), [
    ({}, "No answer yet"),
    ({"answer_status": "acknowledged", "answered_on": date(2026, 10, 20)},
     "Acknowledged (answered 20 October 2026)"),
    ({"answer_status": "in progress", "answer_due": date(2026, 12, 4), "answered_on": date(2026, 11, 1),
      "answer_text": "A joiner is booked."},
     "In progress, expected by 4 December 2026 (answered 1 November 2026): A joiner is booked."),
    ({"answer_status": "declined", "answered_on": date(2026, 11, 2), "answer_text": "The door is not ours."},
     "Declined (answered 2 November 2026): The door is not ours."),
])
def test_the_answer_in_words(fields, words):
    assert asks.answer_line(_ask(**fields)) == words


def test_who_is_asked():
    assert asks.who_is_asked(_ask(landlord_department="Repairs team")) == "The landlord (Repairs team)"
    assert asks.who_is_asked(_ask()) == "The landlord"


@pytest.mark.parametrize(("fields", "days"), [
    ({"first_answered_on": date(2026, 10, 23)}, 10),  # to the first answer, however many followed
    ({}, 43),  # still waiting: so far
    ({"status": "dropped"}, None),  # closed by the association before any answer: not a wait
])
def test_days_waited(fields, days):
    assert asks.days_waited(_ask(**fields), ASKED, TODAY) == days


def test_waiting_figures():
    found = asks.waiting([(_ask(first_answered_on=date(2026, 10, 23)), ASKED),
                          (_ask(first_answered_on=date(2026, 10, 27)), ASKED),
                          (_ask(), date(2026, 11, 5)), (_ask(), ASKED),
                          (model.Action("m1", "Not an ask"), ASKED)], TODAY)
    assert found == asks.Waiting(asks=4, answered=2, average_days=12, waiting=2, longest_days=43)
    assert found.sentence == ("2 asks answered, on average 12 days after the meeting; "
                              "2 still waiting, the longest for 43 days.")
    assert asks.waiting([], TODAY).sentence == "No asks of the landlord yet."
    one = asks.waiting([(_ask(), date(2026, 11, 24))], TODAY)
    assert one.sentence == "1 still waiting, for 1 day."


def test_an_ask_is_owned_by_the_landlord(book, members):
    meeting = book.meetings.plan_meeting("general", date(2026, 11, 3))
    ask = book.actions.action(book.actions.add_action(meeting.id, "Fix the lift", owner_member_id=members[0].id,
                                                      ask_of_landlord=True, landlord_department=" Repairs team ").id)
    assert (ask.owner_name, ask.owner_member_id, ask.landlord_department) == ("The landlord", None, "Repairs team")
    plain = book.actions.action(book.actions.add_action(meeting.id, "Book the hall", landlord_department="ignored").id)
    assert (plain.ask_of_landlord, plain.landlord_department) == (False, "")
    assert [a.id for a in book.actions.asks_of_landlord()] == [ask.id]


def _answered(book, action: model.Action, **answer) -> model.Action:
    """As a pull from head office writes it (the laptop never edits the answer itself)."""
    inbox.acknowledge(book.store, [c["op_id"] for c in book.store.pending_changes()])
    inbox.apply_records(book.store, [{"entity": "action", "record_id": action.id, "hlc": "", "doc": answer}])
    return book.store.get(model.Action, action.id)


def test_the_chair_notes_an_answer_under_matters_arising(book, members):
    first = book.meetings.plan_meeting("general", date(2026, 10, 13))
    ask = book.actions.add_action(first.id, "Fix the lift at 2 Royston Road", ask_of_landlord=True)
    book.meetings.close_meeting(first.id, backup=False)
    following = book.meetings.plan_meeting("general", date(2026, 11, 10))
    with pytest.raises(QuorumError, match="no answer"):
        book.actions.note_landlord_answer(following.id, ask.id)
    _answered(book, ask, answer_status="done", answer_text="The motor was replaced.", answered_on="2026-11-02",
              first_answered_on="2026-10-20")
    assert [a.answer_status for a in book.actions.matters_arising(following.id)] == ["done"]
    book.actions.note_landlord_answer(following.id, ask.id)
    book.actions.note_landlord_answer(following.id, ask.id)  # twice notes it once
    item = next(i for i in book.meetings.agenda(following.id) if i.kind == "matters arising")
    assert item.notes.count("The landlord's answer to the ask “Fix the lift at 2 Royston Road”, received on "
                            "2 November 2026, was noted: done. The motor was replaced.") == 1
    assert book.actions.asks_waiting(TODAY).sentence == "1 ask answered, on average 7 days after the meeting."


def test_an_answer_never_alters_approved_minutes(book, members):
    meeting = book.meetings.plan_meeting("committee", date(2026, 10, 13))
    ask = book.actions.add_action(meeting.id, "Fix the lift", ask_of_landlord=True)
    book.meetings.close_meeting(meeting.id, backup=False)
    book.minutes.approve_minutes(meeting.id)
    _answered(book, ask, answer_status="declined", answer_text="Not our lift.", answered_on="2026-11-02")
    assert book.minutes.altered_minutes() == []
