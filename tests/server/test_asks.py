"""Asks of the landlord, end to end: made at a meeting on laptop A, answered by head-office staff
through the web pages (a real HTTP client: log in, CSRF token, form), back on laptops A and B,
under matters arising at the next meeting, in its minutes and on the action list."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from app import model
from app.server import apply
from app.server.asks import today
from app.store import inbox
from app.sync import sync
from tests.server.live import FAST, differences
from tests.server.staff import csrf, logged_in, quick_passwords  # noqa: F401

LIFT = "Fix the lift at 2 Royston Road"
MOTION = "That the association asks Wellhouse Housing Association to fix the lift at 2 Royston Road within a week."


def _pdf_text(book, document: str, meeting_id: str, tmp_path) -> str:
    path = tmp_path / f"{document}.pdf"
    book.documents.print_document(document, meeting_id, path, today=today())
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _meeting_with_an_ask(book) -> tuple[model.Meeting, model.Action]:
    """A committee meeting on laptop A that votes to ask the landlord to fix a lift, and records the ask."""
    meeting = book.meetings.meeting(book.meetings.plan_meeting("committee", date(2026, 11, 17), "18:30",
                                                               "Committee room").id)
    book.meetings.open_meeting(meeting.id, backup=False, at="18:25")
    for member in book.register.voting_members(meeting.date, committee=True):
        book.door.check_in(meeting.id, member.id, at="18:28")
    item = book.meetings.add_agenda_item(meeting.id, "Repairs", "report")
    motion = book.decisions.propose_motion(meeting.id, MOTION, agenda_item_id=item.id)
    book.decisions.record_acclaim(motion.id)
    ask = book.actions.action(book.actions.add_action(meeting.id, LIFT, due=date(2026, 11, 24), agenda_item_id=item.id,
                                                      ask_of_landlord=True, landlord_department="Repairs team").id)
    book.meetings.close_meeting(meeting.id, backup=False)
    return meeting, ask


def _answer(client, association_id: str, ask_id: str, **form):
    page = client.get(f"/associations/{association_id}/asks")
    return client.post(f"/associations/{association_id}/asks/{ask_id}", data={"csrf": csrf(page), **form})


def test_an_ask_is_answered_at_head_office_and_reaches_both_laptops(head_office, chair, secretary, tmp_path):
    meeting, ask = _meeting_with_an_ask(chair)
    assert ask.owner_name == "The landlord" and ask.owner_member_id is None
    for book in (chair, secretary):
        assert sync(book, policy=FAST).refused == []
    association_id = inbox.state(chair.store, "association_id")

    client = logged_in(head_office)
    queue = client.get(f"/associations/{association_id}/asks")
    assert queue.status_code == 200
    card = queue.text[queue.text.index(f'id="ask-{ask.id}"'):].split("</article>")[0]
    assert LIFT in card and "Repairs team" in card and "17 November 2026" in card
    assert "Motion (carried): That the association asks" in card  # where the ask came from
    assert "No answer yet" in card

    refused = client.post(f"/associations/{association_id}/asks/{ask.id}", data={"csrf": "forged",
                                                                                "status": "done"})
    assert refused.status_code == 403
    no_date = _answer(client, association_id, ask.id, status="in progress", due="", text="")
    assert no_date.status_code == 422 and "expected to be finished" in no_date.text
    no_reason = _answer(client, association_id, ask.id, status="declined", due="", text=" ")
    assert no_reason.status_code == 422 and "reasons for declining" in no_reason.text
    first = _answer(client, association_id, ask.id, status="in progress", due="2026-12-04",
                    text="An engineer is booked.")
    assert (first.status_code, first.headers["location"]) == (
        303, f"/associations/{association_id}/asks?saved={ask.id}#ask-{ask.id}")
    assert "The answer is saved" in client.get(first.headers["location"]).text
    done = _answer(client, association_id, ask.id, status="done", due="", text="The lift motor was replaced.")
    assert done.status_code == 303

    for book in (chair, secretary):
        assert sync(book, policy=FAST).refused == []
        got = book.store.get(model.Action, ask.id)
        assert (got.answer_status, got.answer_text, got.answered_on) == ("done", "The lift motor was replaced.",
                                                                         today())
        assert got.first_answered_on == today() and got.answer_due is None
        assert (got.description, got.owner_name, got.status, got.due) == (LIFT, "The landlord", "open",
                                                                          date(2026, 11, 24))
    assert differences(chair, secretary) == []

    upcoming = chair.meetings.find_meeting("next", today=date(2026, 11, 25))
    arising = {a.id: a for a in chair.actions.matters_arising(upcoming.id)}
    assert arising[ask.id].answer_status == "done"
    chair.actions.note_landlord_answer(upcoming.id, ask.id)
    chair.meetings.open_meeting(upcoming.id, backup=False, at="19:00")  # a meeting has minutes once it is held
    minutes = _pdf_text(chair, "minutes", upcoming.id, tmp_path)
    assert "The landlord's answer to the ask “Fix the lift at 2 Royston Road”" in minutes
    assert "The lift motor was replaced." in minutes
    actions = _pdf_text(chair, "actions", upcoming.id, tmp_path)
    section = actions[actions.index("Asks of the landlord"):]
    assert LIFT in section and "Done (answered" in section and "The lift motor was replaced." in section
    assert re.search(r"\d+ days? to answer", section)

    chair.actions.set_action_status(ask.id, "done", on=today())  # the association closes it; the answer stays
    sync(chair, policy=FAST)
    sync(secretary, policy=FAST)
    closed = secretary.store.get(model.Action, ask.id)
    assert (closed.status, closed.answer_status) == ("done", "done")
    queue = client.get(f"/associations/{association_id}/asks").text
    assert ask.id not in queue.split("Answered and no longer waiting")[0]


def test_waiting_times_are_the_same_at_head_office_and_in_the_app(head_office, chair):
    _, ask = _meeting_with_an_ask(chair)
    sync(chair, policy=FAST)
    association_id = inbox.state(chair.store, "association_id")
    client = logged_in(head_office)
    assert _answer(client, association_id, ask.id, status="acknowledged", due="", text="").status_code == 303
    sync(chair, policy=FAST)

    figure = chair.actions.asks_waiting(today())
    assert figure.asks == 2 and figure.answered == 1  # the demo's own ask still waits
    assert figure.sentence in client.get(f"/associations/{association_id}/asks").text.replace("&#39;", "'")
    overview = client.get("/asks").text
    assert "How long asks wait" in overview and "All associations" in overview
    rows = list(csv.reader(io.StringIO(client.get("/asks/waiting.csv").content.decode("utf-8-sig"))))
    name = inbox.state(chair.store, "association_name")
    ours = next(r for r in rows if r[0] == name)
    assert ours[1:] == [str(figure.asks), str(figure.answered), str(figure.average_days), str(figure.waiting),
                        str(figure.longest_days)]
    assert rows[-1][0] == "All associations"
    every = list(csv.reader(io.StringIO(client.get("/asks/asks.csv").content.decode("utf-8-sig"))))
    assert any(r[0] == name and r[2] == LIFT and r[6] == "Acknowledged" for r in every)


def test_only_head_office_writes_an_answer(head_office, chair):
    _, ask = _meeting_with_an_ask(chair)
    sync(chair, policy=FAST)
    chair.store.patch(model.Action, ask.id, answer_status="done", answer_text="We say so ourselves.")
    report = sync(chair, policy=FAST)
    assert [r["code"] for r in report.refused] == ["head_office_only"]
    back = chair.store.get(model.Action, ask.id)
    assert (back.answer_status, back.answer_text) == ("", "")  # head office's version came back


def test_an_answer_beats_a_laptop_clock_that_runs_fast(head_office, chair):
    """The answer's stamp is later than every stamp on the record, whatever the laptop's clock said."""
    _, ask = _meeting_with_an_ask(chair)
    chair.store.clock.observe("9999999999999999-0000-x")  # a laptop clock far in the future
    chair.actions.set_action_status(ask.id, "dropped")
    sync(chair, policy=FAST)
    association_id = inbox.state(chair.store, "association_id")
    with head_office.engine.begin() as conn:
        apply.answer_ask(conn, association_id, ask.id, {"answer_status": "done", "answer_text": ""}, today())
    sync(chair, policy=FAST)
    got = chair.store.get(model.Action, ask.id)
    assert (got.status, got.answer_status) == ("dropped", "done")


def test_only_asks_can_be_answered(head_office, chair):
    association_id = inbox.state(chair.store, "association_id")
    plain = next(a for a in chair.actions.actions() if not a.ask_of_landlord)
    with pytest.raises(apply.NotAnAsk), head_office.engine.begin() as conn:
        apply.answer_ask(conn, association_id, plain.id, {"answer_status": "done"}, today())
    client = logged_in(head_office)
    assert _answer(client, association_id, plain.id, status="done", due="", text="").status_code == 404
