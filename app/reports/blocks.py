"""Pieces of page that several documents share: the title block, notes, a signature line."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table, TableStyle

from app.reports.paragraph import Paragraph
from app.reports.styles import MUTED, REGULAR, RULE, Styles
from app.reports.words import markup


def title_block(association: str, heading: str, styles: Styles, details: list[str]) -> list[Flowable]:
    """Association name, what the document is, then lines such as the date and venue."""
    return [
        Paragraph(markup(association), styles.title),
        Paragraph(markup(heading), styles.subtitle),
        *(Paragraph(line, styles.tight) for line in details),
        HRFlowable(
            width="100%",
            thickness=0.6,
            color=RULE,
            spaceBefore=styles.body_size * 0.5,
            spaceAfter=styles.body_size * 0.8,
        ),
    ]


def notes(text: str, styles: Styles) -> list[Flowable]:
    """A secretary's notes as paragraphs: blank lines part paragraphs, single line breaks stay."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(markup(block).replace("\n", "<br/>"), styles.body) for block in blocks if block]


def labelled(label: str, text: str, styles: Styles) -> Paragraph:
    """'Present: ...' with the label in bold; ``text`` is already markup."""
    return Paragraph(f"<b>{markup(label)}:</b> {text}", styles.body)


def signature_lines(captions: tuple[str, str], styles: Styles, before: Sequence[Flowable] = ()) -> Flowable:
    """Two lines to sign and date by hand, kept with ``before`` so they never split over a page."""
    width = styles.body_size * 1.0
    table = Table(
        [["", "", ""], [captions[0], "", captions[1]]],
        colWidths=[95 * mm, 15 * mm, 50 * mm],
        rowHeights=[width * 2.6, None],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("FONTSIZE", (0, 1), (-1, 1), styles.body_size if styles.large_print else styles.body_size * 0.85),
                ("TEXTCOLOR", (0, 1), (-1, 1), MUTED),
                ("LINEBELOW", (0, 0), (0, 0), 0.8, RULE),
                ("LINEBELOW", (2, 0), (2, 0), 0.8, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([Spacer(1, styles.body_size * 1.5), *before, table])
