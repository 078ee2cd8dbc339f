"""The digest for members: plain words, readable, no member named but office bearers, and its outputs."""

from __future__ import annotations

import io
from datetime import date

import pytest
import textstat
from pypdf import PdfReader

from app import digest
from app.errors import QuorumError, RuleError
from app.model import OFFICE_BEARERS, Motion
from app.store import inbox
from tests.conftest import DEMO_DAY

READING_EASE = 60  # Flesch: 60 to 70 is plain English, read easily by 13 to 15 year olds


@pytest.mark.parametrize(("wording", "carried", "plain"), [
    ("That the association applies to the Community Grant Fund for £1,500 towards the Balornock Road "
     "community garden.", True,
     "We agreed to apply to the Community Grant Fund for £1,500 towards the Balornock Road community garden."),
    ("That the association supports the landlord's proposal to move the bin stores to the back courts.", False,
     "We decided not to support the landlord's plan to move the bin stores to the back courts."),
    ("That the association buys a gazebo.", True, "We agreed to buy a gazebo."),
    ("That the association formally reports the broken door to the landlord and asks that it is repaired.", True,
     "We agreed to report the broken door to the landlord and ask that it is repaired."),
    ("That the committee reaches out to the council.", True, "We agreed to reach out to the council."),
    ("That clause 3 of the constitution be amended.", True, "We agreed that clause 3 of the constitution should "
     "be amended."),
    ("That clause 3 of the constitution be amended.", False, "We did not agree that clause 3 of the constitution "
     "should be amended."),
    ("That the association responds to the consultation, and that the secretary writes to the council.", True,
     "We agreed to respond to the consultation. We also agreed that our secretary will write to the council."),
])
def test_motions_become_everyday_words(wording, carried, plain):
    assert digest.plain_decision(Motion("m", wording, carried=carried), {}) == plain


def test_a_vote_without_quorum_is_no_decision():
    motion = Motion("m", "That the association buys a gazebo.", carried=False, votes_for=5, votes_against=1,
                    result_text="No decision: the meeting was not quorate.")
    assert digest.plain_decision(motion, {}) == "Not enough members were there to decide whether to buy a gazebo."


@pytest.mark.parametrize("time_of_day, spoken", [("19:00", "7pm"), ("18:30", "6.30pm"), ("12:15", "12.15pm"),
                                                 ("10:00", "10am")])
def test_times_are_spoken(time_of_day, spoken):
    assert digest.spoken_time(time_of_day) == spoken


def _closed(book):
    return [m for m in book.meetings.meetings() if m.status == "closed"]


def test_the_latest_meetings_digest_reads_easily(demo):
    latest = _closed(demo)[-1]
    text = demo.documents.digest_draft(latest.id, DEMO_DAY)
    assert textstat.flesch_reading_ease(text) >= READING_EASE, text
    assert "We decided not to support the landlord's plan to move the bin stores" in text
    assert "We have asked the landlord to repair the controlled entry door at 14 Kelvin Way again." in text
    assert "Our secretary, Robert Ahmed, will tell the landlord" in text
    iain = next(m for m in demo.offices.members_on(latest.date) if m.name == "Iain Ahmed")  # as the AGM left him
    assert f"{'A committee member' if iain.role == 'committee member' else 'A member'} will put up notices" in text
    assert "Tuesday 15 December 2026 at 7pm" in text
    assert "That the association" not in text


def test_no_member_is_named_but_office_bearers(demo):
    people = demo.register.members(include_left=True)
    private = [m for m in people if m.role not in OFFICE_BEARERS]
    for meeting in _closed(demo):
        text = demo.documents.digest_draft(meeting.id, DEMO_DAY)
        assert textstat.flesch_reading_ease(text) >= READING_EASE, (meeting.date, text)
        for member in private:
            assert member.name not in text, (meeting.date, member.name)
        for member in people:
            for detail in (member.address, member.phone, member.email):
                assert not detail or detail not in text, (meeting.date, detail)


def test_member_names_are_taken_out_of_the_wording(demo):
    latest = _closed(demo)[-1]
    member = next(m for m in demo.register.members() if m.role == "member")
    demo.actions.add_action(latest.id, f"Visit {member.name} about the damp", owner_member_id=member.id)
    text = demo.documents.digest_draft(latest.id, DEMO_DAY)
    assert member.name not in text and "A member will visit a member about the damp." in text


def test_answers_from_the_landlord_are_in_the_digest(demo):
    latest = _closed(demo)[-1]
    ask = next(a for a in demo.actions.actions() if a.ask_of_landlord)
    inbox.acknowledge(demo.store, [c["op_id"] for c in demo.store.pending_changes()])  # as if sent to head office
    inbox.apply_records(demo.store, [{"entity": "action", "record_id": ask.id, "hlc": "", "doc": {
        "answer_status": "in progress", "answer_text": "A joiner is booked.", "answer_due": "2026-12-11",
        "answered_on": "2026-11-20", "first_answered_on": "2026-11-20"}}])
    text = demo.documents.digest_draft(latest.id, DEMO_DAY)
    assert ("We asked the landlord to repair the controlled entry door at 14 Kelvin Way again. They say they are "
            "working on it and expect to finish by 11 December. A joiner is booked.") in text


def test_the_short_text_fits_a_group_message(demo):
    latest = _closed(demo)[-1]
    text = demo.documents.digest_draft(latest.id, DEMO_DAY)
    short = digest.short_text(text, demo.association().name, "https://ho.example/digest/" + "x" * 32)
    assert len(short) < 600
    assert short.startswith("Wellhouse and District Tenants' and Residents' Association: What we decided")
    assert "• We decided not to support" in short and short.endswith("x" * 32)
    many = text.replace("What we decided\n", "What we decided\n" + "- We agreed to paint every close door.\n" * 40)
    assert len(digest.short_text(many, demo.association().name)) < 600


def test_the_chair_edits_what_is_printed(demo, tmp_path):
    latest = _closed(demo)[-1]
    edited = demo.documents.digest_draft(latest.id, DEMO_DAY).replace("bin stores", "bins")
    changes = demo.documents.save_digest(latest.id, edited)
    saved = demo.documents.digest(latest.id)
    assert changes.id == saved.id and changes.touches("digest")
    assert len(saved.token) >= 32 and not saved.published
    assert demo.documents.digest_text(latest.id) == edited and demo.documents.digest_link(latest.id) is None
    demo.documents.print_poster(latest.id, edited, tmp_path / "poster.pdf")
    reader = PdfReader(tmp_path / "poster.pdf")
    printed = " ".join(reader.pages[0].extract_text().split())
    assert len(reader.pages) == 1
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "What we decided at our General Meeting" in printed and "move the bins" in printed
    assert "Read this on your phone" not in printed  # no page published, so no QR code


def test_a_published_digest_has_a_link_and_a_qr_code(demo, tmp_path):
    latest = _closed(demo)[-1]
    text = demo.documents.digest_draft(latest.id, DEMO_DAY)
    with pytest.raises(QuorumError, match="not connected to head office"):
        demo.documents.save_digest(latest.id, text, publish=True)
    inbox.set_state(demo.store, url="https://head-office.example", association_id="a1")
    demo.documents.save_digest(latest.id, text, publish=True)
    saved = demo.documents.digest(latest.id)
    link = demo.documents.digest_link(latest.id)
    assert link == f"https://head-office.example/digest/{saved.token}"
    out = io.BytesIO()
    demo.documents.print_poster(latest.id, text, out)
    printed = " ".join(PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text().split())
    assert "Read this on your phone" in printed and saved.token in printed.replace(" ", "")
    assert link in demo.documents.digest_short_text(latest.id, text)


def test_no_digest_before_the_meeting_closes(demo):
    planned = demo.meetings.find_meeting("next", today=DEMO_DAY)
    with pytest.raises(RuleError, match="once the meeting has closed"):
        demo.documents.digest_draft(planned.id, date(2026, 11, 25))


def test_the_text_is_read_back_as_written():
    text = ("What we decided at our General Meeting\nWe met on Tuesday.\n\nWhat we decided\n- One.\n- Two.\n\n"
            "Our next meeting\nSoon. Everyone is welcome.\n")
    found = digest.parse(text)
    assert (found.title, found.intro) == ("What we decided at our General Meeting", ["We met on Tuesday."])
    assert [(s.heading, s.lines, s.bullets) for s in found.sections] == [
        ("What we decided", ["One.", "Two."], True), ("Our next meeting", ["Soon. Everyone is welcome."], False)]
    assert digest.as_text(found) == text
