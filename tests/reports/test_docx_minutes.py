"""Draft minutes as an editable Word file: the PDF's words, in the PDF's order; never for approved minutes."""

from __future__ import annotations

import re
from io import BytesIO

import docx
import pytest
from docx.oxml.ns import qn

from app.errors import RuleError
from app.reports import minutes_pdf
from app.reports.docx_minutes import minutes_docx
from tests.conftest import DEMO_DAY


def paragraphs(source) -> list[str]:
    """Every paragraph of the body and of its tables, whitespace made single spaces."""
    document = docx.Document(source)
    found = [p.text for p in document.paragraphs]
    found += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [re.sub(r"\s+", " ", text).strip() for text in found if text.strip()]


@pytest.fixture
def draft(general_meeting, tmp_path) -> list[str]:
    path = tmp_path / "minutes.docx"
    minutes_docx(general_meeting, path)
    return paragraphs(path)


@pytest.mark.parametrize(
    "expected",
    [
        "Minutes of the General Meeting",
        "Apologies: Janet Boyle, Isobel Hunter and Frank McGuire.",
        "In attendance: Fiona Grant (Wellhouse Housing Association) and Craig Lennox (Police Scotland).",
        "Proposed by Zoë Docherty, seconded by Łukasz Nowak.",
        "Not carried: 8 for, 12 against, 3 abstentions.",
        "Action: Ask the council about close lighting – Łukasz Nowak, by 15 December 2026",
        "Seán Ó Dónaill reported a balance of £1,234.56 & thanked the Co-op for its grant.",
        "There was no other competent business.",
    ],
)
def test_the_word_file_says(draft, expected):
    assert expected in draft


def test_quorum_statement_with_its_changes(draft):
    quorum = next(p for p in draft if p.startswith("Quorum:"))
    assert "The meeting was quorate with 23 members present; 10 were required." in quorum
    assert "At 20:50 quorum was regained with 10 members present." in quorum


def test_present_names_office_bearers_in_surname_order(draft):
    present = next(p for p in draft if p.startswith("Present:"))
    assert present.index("Zoë Docherty (Secretary)") < present.index("Siobhán MacLeod (Chair")
    assert "Seán Ó Dónaill (Treasurer)" in present


def test_same_words_in_the_same_order_as_the_pdf(general_meeting, draft, tmp_path, text):
    path = tmp_path / "minutes.pdf"
    minutes_pdf(general_meeting, path)
    printed = text(path)
    position = 0
    for paragraph in draft:
        if paragraph.startswith("Signed by the Chair"):
            continue  # dotted lines in Word, ruled lines in the PDF
        found = printed.find(paragraph, position)
        assert found >= 0, f"not in the PDF, or out of order: {paragraph}"
        position = found


def test_heading_and_page_numbers_say_draft(general_meeting):
    out = BytesIO()
    minutes_docx(general_meeting, out)
    document = docx.Document(BytesIO(out.getvalue()))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert header.startswith("Wellhouse and District") and "Draft minutes: General Meeting, 24 November 2026" in header
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "NUMPAGES" in footer and " PAGE " in footer


def test_contested_election_has_its_vote_table(agm, tmp_path):
    path = tmp_path / "agm.docx"
    minutes_docx(agm, path)
    document = docx.Document(path)
    heads = [[c.text for c in table.rows[0].cells] for table in document.tables]
    assert ["Candidate", "Votes", "Result"] in heads


def test_approved_minutes_are_refused(demo, tmp_path):
    agm = next(m for m in demo.meetings.meetings() if m.kind == "annual general")
    out = tmp_path / "agm.docx"
    with pytest.raises(RuleError, match="only the locked PDF is offered"):
        demo.documents.minutes_docx(agm.id, out)
    assert not out.exists()
    assert demo.documents.minutes_docx_refusal(agm.id)


def test_draft_minutes_from_the_demo(demo, tmp_path):
    latest = demo.meetings.find_meeting("latest", today=DEMO_DAY)
    out = tmp_path / "latest.docx"
    demo.documents.minutes_docx(latest.id, out)
    words = paragraphs(out)
    assert demo.documents.minutes_docx_refusal(latest.id) == ""
    assert any(p.startswith("Quorum: The meeting was quorate with 21 members present") for p in words)
    approval = demo.store.find(type(demo.minutes.minutes(latest.id)), approved_at_meeting_id=latest.id)[0]
    assert {approval.proposer_id, approval.seconder_id} <= demo.door.present_ids(latest.id)
    record = demo.minutes.meeting_record(latest.id)  # namesakes are told apart by their flat
    movers = record.member_name(approval.proposer_id), record.member_name(approval.seconder_id)
    assert f"Proposed by {movers[0]}, seconded by {movers[1]}." in " ".join(words)
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".quorum" and p.is_file()] == ["latest.docx"]


def test_british_english_fitted_columns_and_a_header_that_cannot_wrap(agm, tmp_path):
    path = tmp_path / "agm.docx"
    minutes_docx(agm, path)
    document = docx.Document(path)
    languages = {lang.get(qn("w:val")) for lang in document.styles.element.iter(qn("w:lang"))}
    assert languages == {"en-GB"}
    assert document.core_properties.language == "en-GB"
    votes = next(t for t in document.tables if t.rows[0].cells[0].text == "Candidate")
    widths = [cell.width for cell in votes.rows[0].cells]
    assert widths[0] > 3 * widths[1]  # names wide, numbers narrow
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header == ["Wellhouse and District Tenants' and Residents' Association",
                      "Draft minutes: Annual General Meeting, 24 November 2026"]
