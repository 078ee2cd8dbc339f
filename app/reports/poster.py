"""The digest as an A4 poster for the close notice board: large print, one page, a QR code to read it online.

Text starts at 22 pt and shrinks to fit one sheet (a notice board shows one), but never below the
16 pt RNIB asks for in large print: a digest too long even then runs onto a second sheet.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.flowables import KeepTogether

from app.digest import Summary
from app.reports.page import BUILDING, Output, missing_letters, story_texts, write_atomically
from app.reports.styles import BOLD, INK, LANGUAGE, MUTED, REGULAR, RULE, register_fonts
from app.reports.words import markup

MARGIN = 15 * mm
WIDTH, HEIGHT = A4
FRAME_WIDTH, FRAME_HEIGHT = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
SIZES = (22.0, 20.0, 18.0, 17.0, 16.0)
QR_SIDE = 38 * mm


class QRCode(Flowable):
    """A QR code drawn as squares, so it stays sharp at any printer's resolution."""

    def __init__(self, link: str, side: float = QR_SIDE) -> None:
        super().__init__()
        import segno  # only when a poster has a link

        self.matrix = segno.make(link, error="m").matrix
        self.side = side

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        count = len(self.matrix) + 8  # four modules of quiet zone each side
        module = self.side / count
        canvas = self.canv
        canvas.setFillColor(INK)
        for row, bits in enumerate(self.matrix):
            for column, bit in enumerate(bits):
                if bit:
                    x, y = (column + 4) * module, self.side - (row + 5) * module
                    canvas.rect(x, y, module, module, stroke=0, fill=1)


def _styles(size: float) -> dict[str, ParagraphStyle]:
    def style(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, **({"fontName": REGULAR, "fontSize": size, "leading": size * 1.22,
                                        "textColor": INK} | kw))

    small = max(size * 0.65, 10)
    return {
        "association": style("association", fontName=BOLD, textColor=MUTED, spaceAfter=size * 0.15),
        "title": style("title", fontName=BOLD, fontSize=size * 1.6, leading=size * 1.85, spaceAfter=size * 0.3),
        "intro": style("intro", spaceAfter=size * 0.25),
        "heading": style("heading", fontName=BOLD, fontSize=size * 1.15, leading=size * 1.4,
                         spaceBefore=size * 0.55, spaceAfter=size * 0.15),
        "body": style("body", spaceAfter=size * 0.25),
        # reportlab starts the text 0.6 em after the bullet: indent past that, so wrapped lines align
        "bullet": style("bullet", leftIndent=size * 1.45, bulletIndent=size * 0.15, spaceAfter=size * 0.2,
                        bulletFontName=BOLD, bulletFontSize=size),
        "small": style("small", fontSize=small, leading=small * 1.3, textColor=MUTED),
    }


def _section(heading: str, lines: list[Flowable], styles: dict[str, ParagraphStyle],
             keep: bool = True) -> list[Flowable]:
    """A heading ruled underneath, kept with the first line of what follows (not inside a table cell,
    where reportlab cannot keep things together)."""
    if not heading:
        return lines
    size = styles["body"].fontSize
    head = [Paragraph(markup(heading), styles["heading"]),
            HRFlowable(width="100%", thickness=1.2, color=RULE, spaceAfter=size * 0.3)]
    return [KeepTogether([*head, *lines[:1]]), *lines[1:]] if keep else [*head, *lines]


def _lines(section, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    if section.bullets:
        return [Paragraph(markup(line), styles["bullet"], bulletText="•") for line in section.lines]
    return [Paragraph(markup(line), styles["body"]) for line in section.lines]


def _story(found: Summary, association: str, link: str | None, size: float, band: bool = True) -> list[Flowable]:
    """Title and the decisions full width; with a link, the closing sections sit beside the QR code
    (``band``), or, for a digest too long for one sheet, flow on and end with the code."""
    styles = _styles(size)
    story: list[Flowable] = [Paragraph(markup(association), styles["association"]),
                             Paragraph(markup(found.title), styles["title"])]
    story += [Paragraph(markup(line), styles["intro"]) for line in found.intro]
    closing = [s for s in found.sections[-2:] if not s.bullets] if link and band else []
    for section in found.sections[:len(found.sections) - len(closing)]:
        story += _section(section.heading, _lines(section, styles), styles)
    if link:
        beside = [f for section in closing for f in _section(section.heading, _lines(section, styles), styles,
                                                             keep=False)]
        story += [Spacer(1, size * 0.4), _band(beside, link, styles)]
    return story


def _band(beside: list[Flowable], link: str, styles: dict[str, ParagraphStyle]) -> Table:
    """The closing words (if any) on the left; on the right the QR code, what it is for, and the address."""
    code = [QRCode(link), Paragraph("<b>Read this on your phone:</b> point the camera at the square.",
                                    styles["small"]), Paragraph(markup(link), styles["small"])]
    right = QR_SIDE + 8 * mm
    table = Table([[beside, code]], colWidths=[FRAME_WIDTH - right, right])
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0),
                    ("RIGHTPADDING", (0, 0), (0, 0), 6 * mm), ("LEFTPADDING", (1, 0), (1, 0), 4 * mm),
                    ("RIGHTPADDING", (1, 0), (1, 0), 0), ("TOPPADDING", (1, 0), (1, 0), 6 * mm),
                    ("LINEBEFORE", (1, 0), (1, 0), 1.2, RULE)])
    return table


def _build(file, story: list[Flowable], title: str, association: str) -> int:
    """Lay the poster out into ``file``; returns how many pages it took."""
    doc = BaseDocTemplate(file, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN, title=title, author=association, creator="Quorum",
                          initialFontName=REGULAR, lang=LANGUAGE)
    frame = Frame(MARGIN, MARGIN, FRAME_WIDTH, FRAME_HEIGHT, id="poster", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates(PageTemplate("poster", [frame]))
    with BUILDING:
        doc.build(story)
    return doc.page


def poster_pdf(found: Summary, association: str, link: str | None, out: Output) -> list[str]:
    """Write the poster at the largest text size at which the digest fits on one page; returns warnings
    for names with letters no font has, as every printed document does."""
    register_fonts()
    story = _story(found, association, link, SIZES[-1], band=False)  # too long for one sheet: let it flow
    for size in SIZES:
        candidate = _story(found, association, link, size)
        if _build(io.BytesIO(), candidate, found.title, association) == 1:
            story = _story(found, association, link, size)  # flowables are used up by a build
            break
    write_atomically(out, lambda file: _build(file, story, found.title, association))
    return missing_letters([association, *story_texts(story)])
