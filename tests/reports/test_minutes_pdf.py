"""The minutes say what real minutes say, with names exactly as members spell them."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import pytest

from app.model import Candidate, Election
from app.reports import minutes_pdf


@pytest.fixture
def minutes_text(general_meeting, tmp_path, text) -> str:
    path = tmp_path / "minutes.pdf"
    minutes_pdf(general_meeting, path)
    return text(path)


@pytest.mark.parametrize(
    "expected",
    [
        "Wellhouse and District Tenants' and Residents' Association",
        "Minutes of the General Meeting",
        "Held on Tuesday 24 November 2026 at 19:30 in Wellhouse Community Centre, 2 Wellhouse Road.",
        "Apologies: Janet Boyle, Isobel Hunter and Frank McGuire.",
        "In attendance: Fiona Grant (Wellhouse Housing Association) and Craig Lennox (Police Scotland).",
        "The meeting was quorate with 23 members present; 10 were required.",
        "At 20:40 the meeting lost quorum, with 9 members present and 10 required;",
        "At 20:50 quorum was regained with 10 members present.",
        "Minutes of the General Meeting held on 8 September 2026.",
        "Proposed by Agnes MacLeod, seconded by Tariq Khan.",
        "Carried: 19 for, 0 against, 2 abstentions.",
        "Proposed by Zoë Docherty, seconded by Łukasz Nowak.",
        "Not carried: 8 for, 12 against, 3 abstentions.",
        "Seán Ó Dónaill reported a balance of £1,234.56 & thanked the Co-op",
        "Action: Write to the housing association about the lift – Zoë Docherty, by 12 January 2027",
        "There was no other competent business.",
        "The next General Meeting will be held on Tuesday 26 January 2027 at 19:00",
        "Signed by the Chair",
    ],
)
def test_minutes_say(minutes_text, expected):
    assert expected in minutes_text


def test_items_are_numbered_in_order(minutes_text):
    headings = [
        "1. Welcome and apologies",
        "2. Minutes of the last meeting",
        "3. Matters arising",
        "4. Treasurer's report",
        "5. Repairs to the lift",
        "6. Any other competent business",
        "7. Date of next meeting",
    ]
    positions = [minutes_text.index(h) for h in headings]
    assert positions == sorted(positions)


def test_actions_sit_under_their_item(minutes_text):
    matters, treasurer = minutes_text.index("3. Matters arising"), minutes_text.index("4. Treasurer's report")
    assert matters < minutes_text.index("Action: Ask the council about close lighting") < treasurer


def test_present_is_sorted_by_surname_with_office_bearers_named(minutes_text):
    present = minutes_text[minutes_text.index("Present:") : minutes_text.index("Apologies:")]
    order = [
        "Fatima Ahmed",
        "Zoë Docherty (Secretary)",
        "Tariq Khan",
        "Agnes MacLeod",
        "Siobhán MacLeod (Chair)",
        "Łukasz Nowak",
        "Andrew O'Brien",
        "Seán Ó Dónaill (Treasurer)",
        "Kirsty Wilson",
    ]
    positions = [present.index(name) for name in order]
    assert positions == sorted(positions)
    assert "Janet Boyle" not in present


def test_late_arrival_is_noted(minutes_text):
    assert "(arrived 19:50)" in minutes_text


def test_draft_minutes_carry_a_watermark_on_every_page(general_meeting, tmp_path, pages):
    path = tmp_path / "draft.pdf"
    minutes_pdf(general_meeting, path)
    assert all("DRAFT" in page for page in pages(path))


def test_approved_minutes_have_no_watermark(approved_meeting, tmp_path, text):
    path = tmp_path / "approved.pdf"
    minutes_pdf(approved_meeting, path)
    assert "DRAFT" not in text(path)
    assert "These minutes were approved as a true record on 26 January 2027." in text(path)
    assert "Proposed by Tariq Khan, seconded by Agnes MacLeod." in text(path)


def test_minutes_without_a_minutes_record_are_draft(general_meeting, tmp_path, text):
    path = tmp_path / "none.pdf"
    minutes_pdf(replace(general_meeting, minutes=None), path)
    assert "DRAFT" in text(path)


def test_every_page_has_header_and_page_of_total(general_meeting, tmp_path, pages):
    path = tmp_path / "minutes.pdf"
    minutes_pdf(general_meeting, path, large_print=True)
    texts = pages(path)
    assert len(texts) > 1
    for number, page in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in page
        assert "Wellhouse and District Tenants' and Residents' Association" in page


def test_inquorate_meeting_says_so(general_meeting, tmp_path, text):
    path = tmp_path / "inquorate.pdf"
    minutes_pdf(replace(general_meeting, quorum_required=30, quorum_events=[]), path)
    assert "The meeting was not quorate: 23 members were present and 30 were required." in text(path)


def test_agm_minutes_give_election_results(agm, tmp_path, text):
    path = tmp_path / "agm.pdf"
    minutes_pdf(agm, path)
    words = text(path)
    assert "Minutes of the Annual General Meeting" in words
    assert "Election of Chair (1 place) Siobhán MacLeod was elected unopposed." in words
    assert "Election of Treasurer (1 place)" in words
    assert "Seán Ó Dónaill 25 Elected" in words
    assert "Łukasz Nowak 14" in words
    assert "Election of Committee members (3 places)" in words
    assert "Fatima Ahmed, Tariq Khan and Agnes MacLeod were elected." in words
    assert "Carried by a two-thirds majority: 20 for, 3 against, 0 abstentions." in words


def test_counts_are_printed_when_the_result_does_not_give_them(general_meeting, tmp_path, text):
    general_meeting.motions[1].result_text = "Carried."
    path = tmp_path / "counts.pdf"
    minutes_pdf(general_meeting, path)
    assert "Votes: 18 for, 3 against, 2 abstentions. Carried." in text(path)


def test_undecided_motion_says_no_vote(general_meeting, tmp_path, text):
    motion = general_meeting.motions[2]
    motion.votes_for = motion.votes_against = motion.abstentions = motion.carried = None
    motion.result_text = ""
    path = tmp_path / "undecided.pdf"
    minutes_pdf(general_meeting, path)
    assert "No vote has been recorded." in text(path)


def test_markup_characters_in_notes_are_printed_as_typed(general_meeting, tmp_path, text):
    general_meeting.agenda[2].notes = "Rent <review> & the <b>landlord</b>"
    path = tmp_path / "markup.pdf"
    minutes_pdf(general_meeting, path)
    assert "Rent <review> & the <b>landlord</b>" in text(path)


def test_writes_to_a_file_object(general_meeting, text):
    buffer = BytesIO()
    minutes_pdf(general_meeting, buffer)
    assert buffer.getvalue().startswith(b"%PDF")
    assert "Proposed by Agnes MacLeod" in text(BytesIO(buffer.getvalue()))


def test_large_print_takes_more_pages(general_meeting, tmp_path, pages):
    normal, large = tmp_path / "normal.pdf", tmp_path / "large.pdf"
    minutes_pdf(general_meeting, normal)
    minutes_pdf(general_meeting, large, large_print=True)
    assert len(pages(large)) > len(pages(normal))


@pytest.mark.parametrize(
    "candidates, expected",
    [
        ([], "Election of Secretary (1 place) There were no nominations; the post remains vacant."),
        (
            [Candidate("e-sec", "Zoë Docherty", elected=True, unopposed=True)],
            "Election of Secretary (1 place) Zoë Docherty was elected unopposed.",
        ),
        (
            [Candidate("e-sec", "Zoë Docherty"), Candidate("e-sec", "Tariq Khan")],
            "Candidates: Zoë Docherty and Tariq Khan. No result has been recorded.",
        ),
    ],
)
def test_election_outcomes(agm, tmp_path, text, candidates, expected):
    record = replace(
        agm, elections=[Election("agm", "Secretary", 1, "agm-i6", id="e-sec")], candidates=candidates
    )
    path = tmp_path / "election.pdf"
    minutes_pdf(record, path)
    assert expected in text(path)


def test_unfilled_places_are_reported(agm, tmp_path, text):
    election = Election("agm", "Committee members", 4, "agm-i6", id="e-c")
    chosen = [Candidate("e-c", "Tariq Khan", elected=True, unopposed=True)]
    path = tmp_path / "vacant.pdf"
    minutes_pdf(replace(agm, elections=[election], candidates=chosen), path)
    assert "Tariq Khan was elected unopposed. 3 places remain vacant." in text(path)


def test_arrivals_before_the_start_are_not_minuted_as_quorum_changes(minutes_text):
    assert "19:10" not in minutes_text and "19:22" not in minutes_text
    assert "2026-11-24T" not in minutes_text
