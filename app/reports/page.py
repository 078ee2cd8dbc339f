"""The A4 page every document shares: header, "Page 2 of 5" footer, DRAFT watermark, safe saving.

The footer needs the number of pages before the last page exists, so pages are kept by a
canvas that draws the footers only when the document is complete (reportlab's NumberedCanvas
recipe); this is one pass instead of building the document twice.

Before a document is saved its text is checked for letters no font can draw; ``save`` returns a
warning for each such name, so the chair hears about it before the sheet goes round the hall.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Table
from reportlab.platypus.doctemplate import ActionFlowable

from app.reports.paragraph import Paragraph
from app.reports.scripts import unprintable
from app.reports.styles import BOLD, LANGUAGE, LARGE_PRINT, MUTED, REGULAR, RULE, register_fonts
from app.reports.words import markup
from app.saving import Output, write_atomically  # noqa: F401 - the reports save through it

PAGE_WIDTH, PAGE_HEIGHT = A4
SIDE_MARGIN = 20 * mm
TOP_MARGIN = 24 * mm
BOTTOM_MARGIN = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * SIDE_MARGIN



@dataclass(frozen=True)
class Page:
    """What is printed around the text of every page of one document."""

    association: str
    label: str
    title: str
    draft: bool = False
    large_print: bool = False

    @property
    def furniture_size(self) -> float:
        """Header and footer: small and grey normally, but never under 16 pt in large print."""
        return LARGE_PRINT if self.large_print else 8.5

    def furniture_style(self, name: str, **kw: object) -> ParagraphStyle:
        size = self.furniture_size
        base = {"fontName": REGULAR, "fontSize": size, "leading": size * 1.2, "textColor": MUTED, "shaping": 1}
        return ParagraphStyle(name, **(base | kw))


class NumberedCanvas(Canvas):
    """Holds every page until the end so each footer can say "Page n of N"."""

    def __init__(self, *args, page: Page, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._page = page
        self._held_pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        footer = Paragraph(f"Page {number} of {total}", self._page.furniture_style("footer", alignment=TA_CENTER))
        footer.wrap(FRAME_WIDTH, PAGE_HEIGHT)
        footer.drawOn(self, SIDE_MARGIN, 9 * mm)


class Rows(Table):
    """A table that never leaves a single row alone at the foot or the top of a page when it splits."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = super().split(available_width, available_height)
        if len(parts) != 2:
            return parts
        if len(self._cellvalues) - self.repeatRows < 4 or len(parts[0]._cellvalues) - self.repeatRows < 2:
            return []  # too short to part well: the whole table goes over
        if len(parts[1]._cellvalues) - self.repeatRows < 2:  # carry one more row over with the last
            return super().split(available_width, available_height - self._rowHeights[len(parts[0]._cellvalues) - 1])
        return parts


class KeepWithStart(KeepTogether):
    """Keep a heading with the first lines or rows of what follows, not with all of it.

    reportlab's own keepWithNext moves a heading and a whole long table or paragraph to the next
    page, leaving most of a page blank; splitting what follows is enough to avoid an orphaned heading.
    """

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        *heads, body = self._content
        if isinstance(body, Paragraph | Table | KeepWithEnd):
            used = (
                sum(_height(f, available_width, available_height) for f in heads) + body.getSpaceBefore() + 1
            )
            parts = body.split(available_width, available_height - used) if available_height > used else []
            if len(parts) > 1 and not isinstance(parts[0], ActionFlowable):  # not "start a new page"
                return [*heads, *parts]
        return super().split(available_width, available_height)


class KeepWithEnd(KeepTogether):
    """Keep the end of a document (a signature) with the last lines before it, never on a page alone.

    When the whole does not fit, the flowables before the end are parted so that at least ``least``
    points of text (two lines) go over with the end: a paragraph or table is split, anything else
    goes over whole. So signed minutes can never have a page slipped in before the signature.
    """

    def __init__(self, content: list[Flowable], least: float) -> None:
        super().__init__(content)
        self.least = least

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        *lead, end = self._content
        heights = [_height(f, available_width, available_height, self.canv) for f in lead]
        fits = sum(heights) + _height(end, available_width, available_height, self.canv) <= available_height
        if fits or not lead:
            return list(self._content)
        for index in range(len(lead) - 1, -1, -1):
            parted = self._part_at(index, heights, available_width, available_height)
            if parted:
                return parted
        at_top = getattr(getattr(self, "_frame", None), "_atTop", False)
        return super().split(available_width, available_height) if at_top else []

    def _part_at(self, index: int, heights: list[float], width: float, height: float) -> list[Flowable]:
        """Keep lead[:index] here, and part lead[index] so enough of the lead goes over with the end."""
        *lead, end = self._content
        before, flowable, after = lead[:index], lead[index], lead[index + 1 :]
        kept, moving = sum(heights[:index]), sum(heights[index + 1 :])
        if moving >= self.least and kept + heights[index] <= height:
            # a heading is never the last thing kept: it goes over with what it heads
            return [] if _heading(flowable) else [*before, flowable, KeepWithEnd([*after, end], self.least)]
        room = min(height - kept, heights[index] - (self.least - moving))
        if room <= 0 or not isinstance(flowable, Paragraph | Table):
            return []
        parts = flowable.splitOn(self.canv, width, room)
        if len(parts) != 2:
            return []
        return [*before, parts[0], KeepWithEnd([parts[1], *after, end], self.least)]


def _heading(flowable: Flowable) -> bool:
    """Its style keeps it with the next (Platypus clears the flowable's own flag once it has grouped it)."""
    return isinstance(flowable, Paragraph) and bool(getattr(flowable.style, "keepWithNext", 0))


def hold_headings(story: list[Flowable]) -> list[Flowable]:
    """A heading followed by a group kept together (a motion, an election) joins that group.

    Platypus's keepWithNext never groups a heading with a ``KeepTogether`` (it will not nest them),
    so without this a heading can be left alone at the foot of a page above its motion.
    """
    held: list[Flowable] = []
    for flowable in story:
        if held and _heading(held[-1]) and type(flowable) is KeepTogether:
            flowable = KeepTogether([held.pop(), *flowable._content])
        held.append(flowable)
    return held


def keep_with_end(story: list[Flowable], end: Flowable, least: float, lead: int = 6) -> list[Flowable]:
    """``story`` with ``end`` appended and held to at least ``least`` points of its last lines.

    The last ``lead`` flowables are held (groups among them are opened up), so a single stray
    line is never all that shares the last page with the end.
    """
    start = max(len(story) - lead, 0)
    while start > 0 and _heading(story[start - 1]):  # a heading goes with what it heads
        start -= 1
    held: list[Flowable] = []
    for flowable in story[start:]:
        held += list(flowable._content) if isinstance(flowable, KeepTogether) else [flowable]
    return [*story[:start], KeepWithEnd([*held, end], least)]


def _height(flowable: Flowable, width: float, height: float, canvas: Canvas | None = None) -> float:
    """A flowable's height with the space around it; groups need the canvas to measure their parts."""
    size = flowable.wrapOn(canvas, width, height) if canvas is not None else flowable.wrap(width, height)
    tall = flowable._H if isinstance(flowable, KeepTogether) else size[1]  # its wrap says "too tall" to force a split
    return tall + flowable.getSpaceBefore() + flowable.getSpaceAfter()


HEADER_TOP = 10 * mm
HEADER_GAP = 6 * mm


def header(page: Page) -> list[tuple[Paragraph, float]]:
    """The header's paragraphs and their heights: the association on the left and what the document is
    on the right, on one line when both fit, else one under the other, wrapping rather than overlapping.
    """
    left = Paragraph(markup(page.association), page.furniture_style("header_left", fontName=BOLD))
    right = Paragraph(markup(page.label), page.furniture_style("header_right", alignment=TA_RIGHT))
    side_by_side = _natural_width(left) + _natural_width(right) + 8 * mm <= FRAME_WIDTH
    left.wrap(FRAME_WIDTH, PAGE_HEIGHT)
    right.wrap(FRAME_WIDTH, PAGE_HEIGHT)
    return [(left, 0.0), (right, 0.0 if side_by_side else left.height)]


def _natural_width(paragraph: Paragraph) -> float:
    """The width of a paragraph set on one line, however long."""
    paragraph.wrap(100 * PAGE_WIDTH, PAGE_HEIGHT)
    return max(paragraph.getActualLineWidths0(), default=0.0)


def header_height(page: Page) -> float:
    """How far the header reaches below the top of the page, its rule included."""
    return _reach(header(page))


def _reach(parts: list[tuple[Paragraph, float]]) -> float:
    return HEADER_TOP + max(offset + p.height for p, offset in parts) + 2 * mm


def text_top(page: Page, top: float) -> float:
    """Where the text may start: the margin asked for, or lower where a long header needs the room."""
    return max(top, header_height(page) + HEADER_GAP)


def draw_header(canvas: Canvas, parts: list[tuple[Paragraph, float]]) -> None:
    """Association name on the left, what the document is on the right, a hairline below.

    ``parts`` is ``header(page)``, laid out once for the whole document rather than on every page.
    """
    for paragraph, offset in parts:
        paragraph.drawOn(canvas, SIDE_MARGIN, PAGE_HEIGHT - HEADER_TOP - offset - paragraph.height)
    y = PAGE_HEIGHT - _reach(parts) + 0.5 * mm
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(SIDE_MARGIN, y, PAGE_WIDTH - SIDE_MARGIN, y)
    canvas.restoreState()


def draw_watermark(canvas: Canvas) -> None:
    """A pale diagonal DRAFT under the text, so unapproved minutes are never taken as final."""
    canvas.saveState()
    canvas.setFillGray(0.9)
    canvas.setFont(BOLD, 130)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(50)
    canvas.drawCentredString(0, -45, "DRAFT")
    canvas.restoreState()


def _decorate(canvas: Canvas, _doc: BaseDocTemplate, page: Page, parts: list[tuple[Paragraph, float]]) -> None:
    if page.draft:
        draw_watermark(canvas)
    draw_header(canvas, parts)


# One document is laid out at a time: reportlab shapes text through HarfBuzz fonts it caches and shares,
# which are not safe to use from two threads at once (a preview drawing while another is saved crashed).
BUILDING = threading.Lock()


def _build(target: str | BinaryIO, story: list[Flowable], page: Page, margins: tuple[float, float]) -> None:
    top, bottom = margins
    top = text_top(page, top)
    doc = BaseDocTemplate(
        target,
        pagesize=A4,
        leftMargin=SIDE_MARGIN,
        rightMargin=SIDE_MARGIN,
        topMargin=top,
        bottomMargin=bottom,
        title=page.title,
        author=page.association,
        creator="Quorum",
        lang=LANGUAGE,
        initialFontName=REGULAR,  # otherwise every page names Helvetica, unembedded
    )
    doc.keepTogetherClass = KeepWithStart
    frame = Frame(
        SIDE_MARGIN,
        bottom,
        FRAME_WIDTH,
        PAGE_HEIGHT - top - bottom,
        id="text",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(PageTemplate("page", [frame], onPage=functools.partial(_decorate, page=page, parts=header(page))))
    with BUILDING:
        doc.build(hold_headings(story), canvasmaker=functools.partial(NumberedCanvas, page=page))


def save(
    out: Output,
    story: list[Flowable],
    page: Page,
    margins: tuple[float, float] = (TOP_MARGIN, BOTTOM_MARGIN),
    appendix: bytes = b"",
) -> list[str]:
    """Write the PDF to a file object, or to a path atomically so a crash never leaves half a PDF.
    The pages of ``appendix`` (a PDF, such as the constitution the chair attached) follow its own.

    Returns a sentence for the chair about each name that holds letters no font can print.
    """
    register_fonts()
    warnings = missing_letters([page.association, page.label, *story_texts(story)])
    if not appendix:
        write_atomically(out, lambda file: _build(file, story, page, margins))
        return warnings
    built = io.BytesIO()
    _build(built, story, page, margins)
    joined = append_pdf(built.getvalue(), appendix)
    write_atomically(out, lambda file: file.write(joined))
    return warnings


def append_pdf(pdf: bytes, appendix: bytes) -> bytes:
    """``pdf`` with the pages of ``appendix`` after its own (pypdfium2, which the preview uses already)."""
    import pypdfium2

    document, extra = pypdfium2.PdfDocument(pdf), pypdfium2.PdfDocument(appendix)
    try:
        document.import_pages(extra)
        joined = io.BytesIO()
        document.save(joined)
        return joined.getvalue()
    finally:
        extra.close()
        document.close()


def missing_letters(texts: list[str]) -> list[str]:
    """"…cannot be printed" for each text holding letters no font has: the name itself where it is short."""
    found: dict[str, None] = {}
    for text in texts:
        words = unprintable(text)
        if words:
            found[text.strip() if len(text) <= 60 else " ".join(words)] = None
    return [
        f"“{name}” has letters Quorum has no font for, so they print as empty boxes; please write it in by hand."
        for name in found
    ]


def story_texts(flowables: list) -> Iterator[str]:
    """The words of every paragraph and table cell in a story, nested ones included."""
    for flowable in flowables:
        if isinstance(flowable, Paragraph):
            yield flowable.getPlainText()
        elif isinstance(flowable, str):
            yield flowable
        elif isinstance(flowable, list | tuple):
            yield from story_texts(list(flowable))
        elif isinstance(flowable, Table):
            yield from story_texts([cell for row in flowable._cellvalues for cell in row])
        elif hasattr(flowable, "_content"):
            yield from story_texts(flowable._content)
