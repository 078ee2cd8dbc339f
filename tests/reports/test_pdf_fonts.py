"""Every font in every document is embedded, so names print exactly on any printer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.reports import actions_pdf, agenda_pdf, ballots_pdf, minutes_pdf, signin_pdf

STANDARD_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


@pytest.fixture
def documents(general_meeting, agm, action_book, tmp_path) -> list[Path]:
    """One of each document, in normal and large print."""
    association, actions, meetings, members = action_book
    election = agm.elections[2]
    candidates = [c for c in agm.candidates if c.election_id == election.id]
    paths = []
    for large in (False, True):
        suffix = "-large" if large else ""
        jobs = {
            "minutes": lambda p, lp=large: minutes_pdf(general_meeting, p, large_print=lp),
            "agm": lambda p, lp=large: minutes_pdf(agm, p, large_print=lp),
            "agenda": lambda p, lp=large: agenda_pdf(agm, p, large_print=lp),
            "actions": lambda p, lp=large: actions_pdf(
                association,
                actions,
                meetings,
                members,
                date(2026, 11, 25),
                date(2026, 10, 1),
                p,
                large_print=lp,
            ),
            "signin": lambda p, lp=large: signin_pdf(
                association, agm.meeting, list(members.values()), p, large_print=lp
            ),
        }
        for name, job in jobs.items():
            path = tmp_path / f"{name}{suffix}.pdf"
            job(path)
            paths.append(path)
    ballots = tmp_path / "ballots.pdf"
    ballots_pdf(agm.association, agm.meeting, election, candidates, 7, ballots)
    return [*paths, ballots]


def fonts_in(resources) -> list:
    """Fonts used on a page, including those inside form XObjects."""
    resources = resources.get_object() if resources is not None else {}
    found = list(resources.get("/Font", {}).get_object().values()) if "/Font" in resources else []
    for xobject in resources.get("/XObject", {}).get_object().values() if "/XObject" in resources else []:
        xobject = xobject.get_object()
        if "/Resources" in xobject:
            found += fonts_in(xobject["/Resources"])
    return found


def descriptor(font):
    font = font.get_object()
    if font["/Subtype"] == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    return font.get("/FontDescriptor")


def test_every_font_is_embedded(documents):
    for path in documents:
        reader = PdfReader(path)
        for number, page in enumerate(reader.pages, start=1):
            fonts = fonts_in(page.get("/Resources"))
            assert fonts, f"{path.name} page {number} has no fonts"
            for font in fonts:
                name = str(font.get_object()["/BaseFont"])
                assert not any(standard in name for standard in STANDARD_14), f"{path.name}: {name}"
                described = descriptor(font)
                assert described is not None, f"{path.name}: {name} has no descriptor"
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(described.get_object()), (
                    f"{path.name}: {name} is not embedded"
                )


def test_no_standard_font_is_named_anywhere(documents):
    for path in documents:
        assert b"Helvetica" not in path.read_bytes(), path.name


def test_accented_names_survive_in_every_document(documents, text):
    for path in documents:
        words = text(path)
        if path.name.startswith("ballots"):
            assert "Fatima Ahmed" in words
            continue
        assert "Wellhouse and District Tenants' and Residents' Association" in words, path.name
        if not path.name.startswith("agenda"):
            assert any(name in words for name in ("Siobhán", "Zoë", "Ó Dónaill", "Łukasz")), path.name


def test_every_pdf_declares_its_language(documents):
    for path in documents:
        assert PdfReader(path).trailer["/Root"]["/Lang"] == "en-GB", path.name


def test_names_in_every_script_print_in_the_minutes_from_embedded_fonts(general_meeting, tmp_path):
    import subprocess
    from dataclasses import replace

    from app.model import Attendance
    from tests.reports.test_signin_pdf import INTERNATIONAL

    record = replace(general_meeting, members={**general_meeting.members, **{m.id: m for m in INTERNATIONAL}},
                     attendance=[*general_meeting.attendance,
                                 *(Attendance("g1", "present", m.id) for m in INTERNATIONAL)])
    path = tmp_path / "minutes.pdf"
    assert minutes_pdf(record, path) == []
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert len(rows) >= 4 and all(" yes yes yes " in row for row in rows), fonts
    extracted = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                        check=True).stdout.split())
    for name in ("王秀英", "김민준", "Łukasz Wiśniewski", "Thị Hoa Nguyễn"):
        assert name in extracted


def test_an_arabic_name_followed_by_latin_in_brackets_prints(general_meeting, tmp_path):
    """reportlab shapes a word in the font of its first part: "(Urdu:" starts in the Arabic font after an
    Arabic word, and setting the Arabic font's glyphs in the main font broke the PDF (IndexError on save)."""
    import subprocess
    from dataclasses import replace

    from app.model import Attendance, Member

    member = Member("عائشة", "خان (Urdu: عائشہ)", id="mixed")
    record = replace(general_meeting, members={**general_meeting.members, member.id: member},
                     attendance=[*general_meeting.attendance, Attendance("g1", "present", member.id)])
    path = tmp_path / "minutes.pdf"
    assert minutes_pdf(record, path) == []
    extracted = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Urdu:" in extracted


@pytest.mark.parametrize(("written", "seen"), [
    ("محمد الأحمد", "الأحمد محمد"),  # words in the order seen, each word's letters as written for HarfBuzz
    ("Ahmed محمد الأحمد Smith", "Ahmed الأحمد محمد Smith"),
    ("Apologies: محمد الأحمد, Łukasz", "Apologies: الأحمد ,محمد Łukasz"),  # HarfBuzz puts the comma back
    ("Łukasz Wiśniewski", "Łukasz Wiśniewski"),
])
def test_right_to_left_words_are_put_in_the_order_they_are_seen(written, seen):
    from app.reports.scripts import visual_order

    assert visual_order(written) == seen
