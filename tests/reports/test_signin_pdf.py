"""The paper sign-in sheet: names by surname, who may vote, room to sign, rows for others; no addresses."""

from __future__ import annotations

import re
import subprocess

import pytest

from app.model import Meeting, Member
from app.reports import signin_pdf
from app.reports.signin import where
from tests.conftest import DEMO_DAY

INTERNATIONAL = [
    Member("", "王秀英", id="wang"),
    Member("", "김민준", id="kim"),
    Member("محمد", "الأحمد", id="ahmad"),
    Member("Łukasz", "Wiśniewski", id="lukasz"),
    Member("Thị Hoa", "Nguyễn", id="hoa"),
]


def test_members_listed_by_surname_with_no_address(general_meeting, tmp_path, text):
    path = tmp_path / "signin.pdf"
    members = list(general_meeting.members.values())
    signin_pdf(general_meeting.association, general_meeting.meeting, members, path)
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
    assert "Wellhouse Crescent" not in words and "G33" not in words and "Glasgow" not in words
    assert "New members and guests" in words


def test_the_chair_may_choose_the_street_or_the_flat_but_never_the_number(general_meeting, tmp_path, text):
    members = [*general_meeting.members.values(),
               Member("Ann", "Zed", address="Flat 2/1, 14 Wellhouse Road, Glasgow", postcode="G33 4AD", id="z")]
    for choice, heading in (("street", "Street"), ("flat", "Flat and street")):
        path = tmp_path / f"{choice}.pdf"
        signin_pdf(general_meeting.association, general_meeting.meeting, members, path, address=choice)
        words = text(path).replace(general_meeting.meeting.venue, "")
        assert f"Vote Name {heading} Signature" in words
        assert "Wellhouse Crescent" in words
        assert not re.search(r"\d+ Wellhouse (Road|Crescent)", words) and "G33" not in words
        assert "Glasgow" not in words
        assert ("Flat 2/1, Wellhouse Road" in words) == (choice == "flat")


@pytest.mark.parametrize("address, show, expected", [
    ("Flat 2/1, 14 Wellhouse Road, Glasgow", "street", "Wellhouse Road"),
    ("Flat 2/1, 14 Wellhouse Road, Glasgow", "flat", "Flat 2/1, Wellhouse Road"),
    ("14a Wellhouse Road", "flat", "Wellhouse Road"),
    ("14 Wellhouse Road", "", ""),
    ("The Old School House, Glasgow", "street", "The Old School House"),
    ("G33 4AB", "street", ""),
])
def test_where_never_gives_a_number(address, show, expected):
    assert where(address, show) == expected


def test_who_may_vote_is_marked(general_meeting, tmp_path, pages):
    path = tmp_path / "signin.pdf"
    members = list(general_meeting.members.values())
    signin_pdf(general_meeting.association, general_meeting.meeting, members, path, voters={"m-zoe"})
    page = pages(path)[0]
    assert "✓ Docherty, Zoë" in page
    assert "✓ Khan, Tariq" not in page and page.count("✓") == 2  # the explanation, and Zoë


def test_header_row_and_page_header_on_every_page(large_agm, tmp_path, pages):
    path = tmp_path / "signin.pdf"
    signin_pdf(large_agm.association, large_agm.meeting, list(large_agm.members.values()), path)
    texts = pages(path)
    assert len(texts) > 10
    for number, page in enumerate(texts, start=1):
        assert "Vote Name Signature" in page
        assert "Wellhouse and District Tenants' and Residents' Association" in page
        assert "Sign-in sheet: Annual General Meeting, 24 November 2026" in page
        assert f"Page {number} of {len(texts)}" in page


@pytest.mark.parametrize("count", range(1, 60, 4))
def test_the_last_page_is_never_nearly_empty(general_meeting, tmp_path, count):
    """Blank rows fill the page the list ends on, and never spill a few rows onto a page alone."""
    members = [Member(f"First{n}", f"Surname{n:03d}", id=f"s{n}") for n in range(count)]
    path = tmp_path / "signin.pdf"
    signin_pdf(general_meeting.association, general_meeting.meeting, members, path)
    assert inked_down_to(path) > 0.7


def inked_down_to(path) -> float:
    """How far down the last page (above the footer) anything is drawn, as a fraction of its height."""
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True,
                                                             text=True).stdout).group(1))
    pgm = subprocess.run(["pdftoppm", "-gray", "-r", "30", "-f", str(pages), "-l", str(pages), str(path)],
                         capture_output=True, check=True).stdout
    _, size, _, pixels = pgm.split(b"\n", 3)
    width, height = map(int, size.split())
    footer = int(height * 0.93)
    inked = [row for row in range(footer) if min(pixels[row * width : (row + 1) * width]) < 200]  # grey rules too
    return max(inked) / height


def test_an_empty_roll_still_gives_rows_for_newcomers(general_meeting, tmp_path, text):
    path = tmp_path / "signin.pdf"
    signin_pdf(general_meeting.association, general_meeting.meeting, [], path)
    words = text(path)
    assert "Please write your name and sign." in words
    assert "New members and guests Vote Name Signature" in words


def test_the_committee_sheet_lists_the_committee_and_rows_for_others(demo, tmp_path, text):
    committee = next(m for m in demo.meetings.meetings() if m.kind == "committee")
    path = tmp_path / "committee.pdf"
    demo.documents.print_document("signin", committee.id, path, today=DEMO_DAY)
    words = text(path)
    on_the_day = demo.offices.members_on(committee.date, include_left=False)  # roles as they were that day
    bearers = [m for m in on_the_day if m.role not in ("member", "associate member")]
    assert bearers and all(f"{m.surname}, {m.first_name}" in words for m in bearers)
    ordinary = next(m for m in on_the_day if m.role == "member")
    assert f"{ordinary.surname}, {ordinary.first_name}" not in words
    assert "Others attending" in words
    assert "Page 1 of 1" in words


def test_the_demo_sheet_holds_no_postcode_or_street_number(demo, tmp_path, text):
    path = tmp_path / "signin.pdf"
    meeting = demo.meetings.find_meeting("next", DEMO_DAY)
    demo.documents.print_document("signin", meeting.id, path, today=DEMO_DAY)
    words = text(path).replace(meeting.venue, "")  # the hall's own address is public
    assert not re.search(r"\bG\d{1,2} \d[A-Z]{2}\b", words)  # a Glasgow postcode
    assert not re.search(r"\d+[a-z]? [A-Z][a-z]+ (Road|Street|Crescent|Drive|Avenue|Place|Court)", words)
    for member in demo.register.members():
        assert member.postcode not in words


def test_names_in_every_script_print_from_embedded_fonts(general_meeting, tmp_path):
    path = tmp_path / "signin.pdf"
    warnings = signin_pdf(general_meeting.association, general_meeting.meeting, INTERNATIONAL, path)
    assert warnings == []
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes yes yes " in row for row in rows), fonts
    assert any("NotoSansArabic" in row for row in rows) and any("WenQuanYi" in row for row in rows)
    extracted = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for name in ("王秀英", "김민준", "Wiśniewski, Łukasz", "Nguyễn, Thị Hoa"):
        assert name in extracted


def test_a_name_no_font_can_print_warns_the_chair_by_name(general_meeting, tmp_path):
    path = tmp_path / "signin.pdf"
    meeting = Meeting("general", general_meeting.meeting.date, id="m")
    warnings = signin_pdf(general_meeting.association, meeting, [Member("Ann", "\U00013000 Smith", id="x")], path)
    assert len(warnings) == 1
    assert "Ann" in warnings[0] or "\U00013000" in warnings[0]
    assert "write it in by hand" in warnings[0]
    assert path.exists()
