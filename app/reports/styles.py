"""Fonts, paragraph styles and table styles shared by every printed document.

All text is set in DejaVu Sans, shipped in resources/fonts and embedded in each PDF, so
Siobhán, Zoë, Ó Dónaill and Łukasz print exactly on any printer; names in other scripts take
their letters from the fallback fonts in app.reports.scripts. Nothing may fall back to
reportlab's built-in Helvetica, which has no Ł and is not embedded.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.reports.scripts import FONT_DIR, MAIN, register

REGULAR = MAIN.name
BOLD = MAIN.bold_name
ITALIC = "DejaVuSans-Oblique"
LANGUAGE = "en-GB"  # every PDF says so, for screen readers
LARGE_PRINT = 16.0  # RNIB's smallest size for large print: every word on the page, furniture included

INK = colors.black
MUTED = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.6, 0.6, 0.6)
SHADE = colors.Color(0.92, 0.92, 0.92)
WARNING_HEX = "#b00000"  # for Paragraph markup; words say "Overdue" too, never colour alone


@functools.cache
def register_fonts() -> None:
    """Register the fonts once per process; reportlab's registry is global and the files are large."""
    register(MAIN)
    pdfmetrics.registerFont(TTFont(ITALIC, str(FONT_DIR / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one document, at normal or large-print size."""

    large_print: bool
    body_size: float
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    tight: ParagraphStyle
    inset: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head_right: ParagraphStyle


def make_styles(large_print: bool = False) -> Styles:
    """Body text of 11 pt, or 16 pt for large print as RNIB guidance asks."""
    register_fonts()
    size = LARGE_PRINT if large_print else 11.0
    lead = size * 1.3

    def style(name: str, **kw: object) -> ParagraphStyle:
        # shaping joins Arabic letters; no widows keeps a paragraph's last line off a page of its own
        base = {"fontName": REGULAR, "fontSize": size, "leading": lead, "textColor": INK, "shaping": 1,
                "allowWidows": 0}
        return ParagraphStyle(name, **(base | kw))

    return Styles(
        large_print=large_print,
        body_size=size,
        title=style(
            "title",
            fontName=BOLD,
            fontSize=size * 1.6,
            leading=size * 2.0,
            spaceAfter=size * 0.2,
            keepWithNext=1,
        ),
        subtitle=style(
            "subtitle", fontSize=size * 1.15, leading=size * 1.5, spaceAfter=size * 0.2, keepWithNext=1
        ),
        heading=style(
            "heading",
            fontName=BOLD,
            fontSize=size * 1.2,
            leading=size * 1.5,
            spaceBefore=size * 1.1,
            spaceAfter=size * 0.35,
            keepWithNext=1,
        ),
        body=style("body", spaceAfter=size * 0.45),
        tight=style("tight", spaceAfter=size * 0.1),
        inset=style("inset", leftIndent=size * 1.6, spaceAfter=size * 0.15),
        cell=style("cell", leading=size * 1.2),
        cell_head=style("cell_head", fontName=BOLD, leading=size * 1.2),
        cell_right=style("cell_right", leading=size * 1.2, alignment=TA_RIGHT),
        cell_head_right=style("cell_head_right", fontName=BOLD, leading=size * 1.2, alignment=TA_RIGHT),
    )


def table_style() -> list[tuple]:
    """Light rules and a shaded header row: easy on the eye, and clear on a cheap printer."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
    ]
