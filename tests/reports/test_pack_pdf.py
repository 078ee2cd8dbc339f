"""The landlord's yearly pack: who holds office, the rules in words, the AGM minutes, members, money."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from app.errors import QuorumError
from tests.conftest import DEMO_DAY
from tests.reports.conftest import text_above
from tests.reports.test_pdf_fonts import STANDARD_14, descriptor, fonts_in

FIGURES = {
    "income": [("Grant from Wellhouse Housing Association", 50000), ("Community Grant Fund (garden)", 150000),
               ("Raffle at the summer fun day", 21250)],
    "expenditure": [("Hall hire, 12 meetings", 36000), ("Gazebo for community events", 17999),
                    ("Printing and postage", 8420), ("Insurance", 14500)],
    "assets": [("Bank account", 268648), ("Gazebo", 17999)],
    "liabilities": [("Hall hire for November, not yet invoiced", 3000)],
}


@pytest.fixture
def pack(demo, tmp_path):
    demo.documents.save_statement(2026, 124317, FIGURES)
    out = tmp_path / "pack.pdf"
    demo.documents.print_pack(2026, out, today=DEMO_DAY)
    return out


@pytest.fixture
def words(pack, text) -> str:
    return text(pack)


@pytest.mark.parametrize("expected", [
    "Yearly pack for the landlord: 2026",
    "Registered tenant organisation number RTO-GLA-0417.",
    "As elected at the AGM of 19 May 2026.",
    "Chair Ewan Brown",
    "Vice-chair Agnes MacLeod",
    "Secretary Robert Ahmed",
    "Treasurer Piotr McLaughlin",
    "The association has 119 members on 25 November 2026; the year is not over yet.",
    "A general meeting is quorate when 10 members or one quarter of the membership, whichever is fewer, are present.",
    "A committee meeting is quorate when half of the committee plus one are present.",
    "Decisions are taken by a simple majority of votes cast; when the votes are tied, the chair has a casting vote.",
    "Changes to the constitution need a two-thirds majority of votes cast.",
    "Members may vote from the age of 16.",
    "Proxy votes are not allowed.",
    "Members are given at least 14 days' notice of an annual or special general meeting, and at least 7 days' "
    "notice of any other general meeting.",
    "The committee has up to 12 members.",
])
def test_the_pack_says(words, expected):
    assert expected in words


def test_elected_committee_is_listed(demo, words):
    agm = next(m for m in demo.meetings.meetings() if m.kind == "annual general")
    committee = next(e for e in demo.decisions.elections(agm.id) if e.post == "Committee members")
    elected = [c.name for c in demo.decisions.candidates(committee.id) if c.elected]
    assert len(elected) == 8
    for name in elected:
        assert f"Committee member {name}" in words


def test_the_statement_adds_up(words):
    for line in ["Total income £2,212.50", "Total expenditure £769.19", "Balance on 1 January 2026 £1,243.17",
                 "Balance on 31 December 2026 £2,686.48", "Total assets £2,866.47", "Total liabilities £30.00",
                 "Net assets £2,836.47", "Raffle at the summer fun day £212.50", "Signed by the Treasurer"]:
        assert line in words


def test_the_agm_minutes_follow_on_a_page_of_their_own(pack, pages):
    printed = pages(pack)
    start = next(n for n, page in enumerate(printed) if "Minutes of the Annual General Meeting Held on" in page)
    assert "The minutes of the Annual General Meeting held on 19 May 2026 follow. They were approved" in \
        printed[start - 1]
    assert "Ewan Brown was elected unopposed." in " ".join(printed[start:])
    assert "The meeting was quorate with 40 members present; 10 were required." in printed[start]
    assert all(f"Page {n} of {len(printed)}" in page for n, page in enumerate(printed, 1))
    assert not any("DRAFT" in page for page in printed)


def test_a_year_without_agm_or_statement_says_so_plainly(demo, tmp_path, text):
    out = tmp_path / "pack-2025.pdf"
    demo.documents.print_pack(2025, out, today=DEMO_DAY)
    words = text(out)
    assert "Quorum has no record of an Annual General Meeting held in 2025." in words
    assert "No treasurer's statement for 2025 has been entered in Quorum." in words
    assert "As recorded in the member register." in words
    assert "The association had 111 members on 31 December 2025." in words


def test_large_print_pack(pack, demo, tmp_path, text):
    out = tmp_path / "large.pdf"
    demo.documents.print_pack(2026, out, large_print=True, today=DEMO_DAY)
    assert len(PdfReader(out).pages) > len(PdfReader(pack).pages)
    assert "Net assets £2,836.47" in text(out)


def test_every_font_in_the_pack_is_embedded(pack):
    for number, page in enumerate(PdfReader(pack).pages, start=1):
        fonts = fonts_in(page.get("/Resources"))
        assert fonts, f"page {number} has no fonts"
        for font in fonts:
            name = str(font.get_object()["/BaseFont"])
            assert not any(standard in name for standard in STANDARD_14), name
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor(font).get_object()), name
    assert b"Helvetica" not in pack.read_bytes()


def test_pack_on_new_year_counts_members_at_the_end_of_the_year(demo):
    later = demo.documents.yearly_pack(2026, today=date(2027, 3, 1))
    assert later.counted_on == date(2026, 12, 31)
    assert later.member_count == len(demo.register.members())


def test_secretary_address_and_two_office_bearers_certify(words):
    assert re.search(r"Secretary, for letters: Robert Ahmed, [^.]+\.", words)
    certify = words[words.index("5. Certification"):]
    assert "certify that this pack is a true account of the association for 2026" in certify
    assert "Signed: Ewan Brown, Chair Date" in certify and "Signed: Robert Ahmed, Secretary Date" in certify


def test_the_certification_shares_its_page_with_the_figures(pack):
    above = text_above(pack, "Signed: Robert Ahmed, Secretary")
    assert any("Net assets" in line or "Total" in line or "certify" in line for line in above)


def test_without_a_constitution_attached_the_pack_says_so(words):
    assert "The constitution as adopted has not been attached in Quorum" in words


def test_the_constitution_text_as_adopted_is_printed(demo, tmp_path, text):
    source = tmp_path / "constitution.txt"
    source.write_text("1. Name\n\nThe association shall be called Wellhouse TRA.\n\n2. Aims\n\nTo improve "
                      "the area for all its residents.", encoding="utf-8")
    demo.documents.attach_constitution(source)
    out = tmp_path / "pack.pdf"
    demo.documents.print_pack(2026, out, today=DEMO_DAY)
    words = text(out)
    assert "The constitution as adopted by the association (from constitution.txt):" in words
    assert "The association shall be called Wellhouse TRA." in words
    assert "The rules Quorum worked by on 25 November 2026:" in words


def test_an_attached_constitution_pdf_follows_the_pack(demo, tmp_path, pages):
    from reportlab.platypus import Paragraph

    from app.reports.page import Page, save
    from app.reports.styles import make_styles

    source = tmp_path / "adopted.pdf"
    save(source, [Paragraph("CONSTITUTION OF WELLHOUSE TRA, ADOPTED 2019", make_styles().body)],
         Page("Wellhouse TRA", "Constitution", "Constitution"))
    demo.documents.attach_constitution(source)
    out = tmp_path / "pack.pdf"
    demo.documents.print_pack(2026, out, today=DEMO_DAY)
    texts = pages(out)
    assert "CONSTITUTION OF WELLHOUSE TRA, ADOPTED 2019" in texts[-1]
    assert "(adopted.pdf) is attached after the last numbered page" in " ".join(texts)
    assert PdfReader(out).trailer["/Root"]["/Lang"] == "en-GB"


@pytest.mark.parametrize("content, name", [(b"", "empty.txt"), (b"\xff\xfe\x00garbage\xff", "x.doc"),
                                           (b"not a pdf", "c.pdf")])
def test_a_file_that_is_not_a_constitution_is_refused_and_nothing_is_kept(demo, tmp_path, content, name):
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(QuorumError):
        demo.documents.attach_constitution(source)
    assert demo.documents.constitution_document() is None


@pytest.mark.parametrize("typed, printed", [
    ("3. The AGM is held within 15 months of the last one,\n   with at least 14 days' notice.",
     "3. The AGM is held within 15 months of the last one, with at least 14 days' notice."),
    ("A Special General Meeting may be called by the Committee or by ten\nmembers in writing.",
     "A Special General Meeting may be called by the Committee or by ten members in writing."),
    ("A Special General Meeting may be called by the secretary of the\nCommittee at any time.",
     "A Special General Meeting may be called by the secretary of the Committee at any time."),
    ("1. Name\nThe association shall be called Wellhouse TRA.", "1. Name\nThe association shall be called Wellhouse TRA."),
    ("The office bearers of the association shall be the following four:\n(a) the Chair\n(b) the Secretary",
     "The office bearers of the association shall be the following four:\n(a) the Chair\n(b) the Secretary"),
    ("2. Aims\n\n2.1 To represent the tenants and residents of the whole area covered\n2.2 To work with the landlord",
     "2. Aims\n\n2.1 To represent the tenants and residents of the whole area covered\n2.2 To work with the landlord"),
    ("Signed on behalf of the association at its meeting held in the hall.\nChair",
     "Signed on behalf of the association at its meeting held in the hall.\nChair"),
])
def test_a_constitution_typed_with_broken_lines_fills_the_page(typed, printed):
    from app.reports.pack import unwrapped

    assert unwrapped(typed) == printed
