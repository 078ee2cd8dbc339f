"""Head office's minutes PDF: rendered from the records it holds, the same minutes the chair prints."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from app.store import inbox
from tests.server.staff import logged_in, quick_passwords  # noqa: F401


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def test_minutes_download_through_the_real_server(head_office, chair, tmp_path):
    client = logged_in(head_office)
    association_id = inbox.state(chair.store, "association_id")
    page = client.get(f"/associations/{association_id}").text
    links = re.findall(rf'href="(/associations/{association_id}/meetings/([^/]+)/minutes.pdf)"', page)
    held = [m for m in chair.meetings.meetings() if m.status == "closed"]
    assert {meeting_id for _, meeting_id in links} == {m.id for m in held}

    agm = next(m for m in held if m.kind == "annual general")
    answer = client.get(f"/associations/{association_id}/meetings/{agm.id}/minutes.pdf")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert "attachment" in answer.headers["content-disposition"]
    text = _text(answer.content)
    assert "Minutes of the Annual General Meeting" in text and "Present:" in text
    assert "Election of Chair" in text and "These minutes were approved as a true record" in text
    assert "DRAFT" not in text

    for meeting in (agm, held[-1]):  # approved, and still draft
        chair.documents.print_document("minutes", meeting.id, tmp_path / "laptop.pdf")
        pdf = client.get(f"/associations/{association_id}/meetings/{meeting.id}/minutes.pdf").content
        assert _text(pdf) == _text((tmp_path / "laptop.pdf").read_bytes())


def test_minutes_of_an_unknown_meeting_or_without_a_login(head_office, chair):
    association_id = inbox.state(chair.store, "association_id")
    client = logged_in(head_office)
    assert client.get(f"/associations/{association_id}/meetings/nothing/minutes.pdf").status_code == 404
    stranger = logged_in(head_office)
    stranger.cookies.clear()
    meeting = chair.meetings.meetings()[0]
    answer = stranger.get(f"/associations/{association_id}/meetings/{meeting.id}/minutes.pdf")
    assert (answer.status_code, answer.headers["location"]) == (303, "/login")
