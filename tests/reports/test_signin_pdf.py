"""The paper sign-in sheet: members by surname, room to sign, rows for newcomers."""

from __future__ import annotations

from app.reports import signin_pdf


def test_members_listed_by_surname(general_meeting, tmp_path, text):
    path = tmp_path / "signin.pdf"
    signin_pdf(
        general_meeting.association, general_meeting.meeting, list(general_meeting.members.values()), path
    )
    words = text(path)
    order = [
        "Ahmed, Fatima",
        "Docherty, Zoë",
        "Khan, Tariq",
        "MacLeod, Agnes",
        "MacLeod, Siobhán",
        "Nowak, Łukasz",
        "O'Brien, Andrew",
        "Ó Dónaill, Seán",
        "Wilson, Kirsty",
    ]
    positions = [words.index(name) for name in order]
    assert positions == sorted(positions)
    assert "1 Wellhouse Crescent, Glasgow, G33 4AB" in words
    assert "New members and guests" in words


def test_header_row_and_page_header_on_every_page(large_agm, tmp_path, pages):
    path = tmp_path / "signin.pdf"
    signin_pdf(large_agm.association, large_agm.meeting, list(large_agm.members.values()), path)
    texts = pages(path)
    assert len(texts) > 10
    for number, page in enumerate(texts, start=1):
        assert "Name Address Signature" in page
        assert "Wellhouse and District Tenants' and Residents' Association" in page
        assert "Sign-in sheet: Annual General Meeting, 24 November 2026" in page
        assert f"Page {number} of {len(texts)}" in page


def test_an_empty_roll_still_gives_rows_for_newcomers(general_meeting, tmp_path, text):
    path = tmp_path / "signin.pdf"
    signin_pdf(general_meeting.association, general_meeting.meeting, [], path)
    words = text(path)
    assert "Please write your name and address, and sign." in words
    assert "New members and guests Name Address Signature" in words
