"""Quorum's Paragraph breaks its lines once per width, and lays out exactly as reportlab's own does."""

from __future__ import annotations

import io

import pypdfium2
from pypdf import PdfReader
from reportlab.lib.pagesizes import A6
from reportlab.platypus import Paragraph as BareParagraph
from reportlab.platypus import SimpleDocTemplate

from app.reports.paragraph import Paragraph
from app.reports.styles import make_styles
from app.reports.words import markup

TEXT = ("<b>Motion:</b> That the association writes to Wellhouse Housing Association about the "
        "repairs to the close doors of Siobhán MacLeod and Łukasz Nowak's block. ") * 6


def test_a_second_wrap_at_the_same_width_keeps_the_lines_it_broke():
    paragraph = Paragraph(TEXT, make_styles().body)
    paragraph.wrap(300, 1000)
    lines = paragraph.blPara
    paragraph.wrap(300, 1000)
    assert paragraph.blPara is lines


def test_heights_match_reportlabs_paragraph_at_each_width_in_turn():
    style = make_styles().body
    ours, bare = Paragraph(TEXT, style), BareParagraph(TEXT, style)
    for width in (300, 150, 300, 420, 150):
        assert ours.wrap(width, 1000) == bare.wrap(width, 1000)
        assert ours.getActualLineWidths0() == bare.getActualLineWidths0()


def test_parts_of_a_split_and_the_paragraph_rewrapped_match_reportlabs():
    style = make_styles().body
    ours, bare = Paragraph(TEXT, style), BareParagraph(TEXT, style)
    ours.wrap(200, 1000), bare.wrap(200, 1000)
    ours_parts, bare_parts = ours.split(200, 100), bare.split(200, 100)
    assert len(ours_parts) == len(bare_parts) == 2
    for mine, theirs in zip(ours_parts, bare_parts, strict=True):
        assert mine.wrap(200, 1000) == theirs.wrap(200, 1000)
        assert mine.getPlainText() == theirs.getPlainText()
    assert ours.wrap(200, 1000) == bare.wrap(200, 1000)


def pages(paragraph_class, text: str) -> list[tuple[str, bytes]]:
    """``text`` run over small pages, as each page's text and its pixels (pypdfium2, as the preview draws)."""
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A6).build([paragraph_class(text, make_styles().body)])
    document = pypdfium2.PdfDocument(out.getvalue())
    try:
        pixels = [bytes(page.render(scale=1.5).to_pil().tobytes()) for page in document]
    finally:
        document.close()
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages]
    return list(zip(texts, pixels, strict=True))


def test_a_paragraph_over_several_pages_prints_as_reportlabs_does():
    ours = pages(Paragraph, TEXT * 3)
    assert len(ours) > 2
    assert ours == pages(BareParagraph, TEXT * 3)


def test_a_paragraph_in_one_font_is_set_without_shaping_and_prints_the_same():
    plain = Paragraph("Siobhán MacLeod and Łukasz Nowak", make_styles().body)
    assert make_styles().body.shaping and not plain.style.shaping
    assert pages(Paragraph, TEXT) == pages(BareParagraph, TEXT)


def test_arabic_words_are_still_shaped():
    text = markup("Apologies: محمد الأحمد (Urdu: عائشہ), Łukasz Nowak. ") * 4
    assert Paragraph(text, make_styles().body).style.shaping
    assert pages(Paragraph, text) == pages(BareParagraph, text)
