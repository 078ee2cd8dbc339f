"""The A4 page every document shares: header, "Page 2 of 5" footer, DRAFT watermark, safe saving.

The footer needs the number of pages before the last page exists, so pages are kept by a
canvas that draws the footers only when the document is complete (reportlab's NumberedCanvas
recipe); this is one pass instead of building the document twice.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Table

from app.reports.styles import BOLD, MUTED, REGULAR, RULE, register_fonts
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
        return 12.0 if self.large_print else 8.5


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
        self.saveState()
        self.setFont(REGULAR, self._page.furniture_size)
        self.setFillColor(MUTED)
        self.drawCentredString(PAGE_WIDTH / 2, 11 * mm, f"Page {number} of {total}")
        self.restoreState()


class KeepWithStart(KeepTogether):
    """Keep a heading with the first lines or rows of what follows, not with all of it.

    reportlab's own keepWithNext moves a heading and a whole long table or paragraph to the next
    page, leaving most of a page blank; splitting what follows is enough to avoid an orphaned heading.
    """

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        *heads, body = self._content
        if isinstance(body, Paragraph | Table):
            used = (
                sum(_height(f, available_width, available_height) for f in heads) + body.getSpaceBefore() + 1
            )
            parts = body.split(available_width, available_height - used) if available_height > used else []
            if len(parts) > 1:
                return [*heads, *parts]
        return super().split(available_width, available_height)


def _height(flowable: Flowable, width: float, height: float) -> float:
    return flowable.wrap(width, height)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def draw_header(canvas: Canvas, page: Page) -> None:
    """Association name on the left, what the document is on the right, a hairline below."""
    size = page.furniture_size
    y = PAGE_HEIGHT - 13 * mm
    left, right = page.association, page.label
    while (
        size > 6 and stringWidth(left, BOLD, size) + stringWidth(right, REGULAR, size) + 8 * mm > FRAME_WIDTH
    ):
        size -= 0.5
    canvas.saveState()
    canvas.setFillColor(MUTED)
    canvas.setFont(BOLD, size)
    canvas.drawString(SIDE_MARGIN, y, left)
    canvas.setFont(REGULAR, size)
    canvas.drawRightString(PAGE_WIDTH - SIDE_MARGIN, y, right)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(SIDE_MARGIN, y - 2.5 * mm, PAGE_WIDTH - SIDE_MARGIN, y - 2.5 * mm)
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


def _decorate(canvas: Canvas, _doc: BaseDocTemplate, page: Page) -> None:
    if page.draft:
        draw_watermark(canvas)
    draw_header(canvas, page)


def _build(target: str | BinaryIO, story: list[Flowable], page: Page, margins: tuple[float, float]) -> None:
    top, bottom = margins
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
    doc.addPageTemplates(PageTemplate("page", [frame], onPage=functools.partial(_decorate, page=page)))
    doc.build(story, canvasmaker=functools.partial(NumberedCanvas, page=page))


def save(
    out: Output,
    story: list[Flowable],
    page: Page,
    margins: tuple[float, float] = (TOP_MARGIN, BOTTOM_MARGIN),
) -> None:
    """Write the PDF to a file object, or to a path atomically so a crash never leaves half a PDF."""
    register_fonts()
    write_atomically(out, lambda file: _build(file, story, page, margins))
