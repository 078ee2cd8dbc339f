"""Ballot slips for a contested election: several to an A4 sheet, cut apart along dashed lines."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Table, TableStyle

from app.model import Association, Candidate, Election, Meeting
from app.reports.page import FRAME_WIDTH, PAGE_HEIGHT, Output, Page, save, text_top
from app.reports.paragraph import Paragraph
from app.reports.styles import MUTED, REGULAR, RULE, Styles, make_styles
from app.reports.words import markup
from app.words import long_date, surname_order

# (columns, rows) of slips per sheet, most slips first; the first that fits the candidates wins.
LAYOUTS = ((2, 3), (2, 2), (1, 2), (1, 1))
TOP, BOTTOM = 19 * mm, 17 * mm
SLIP_PADDING = 3.5 * mm
BOX = 7 * mm
CUT = (0.45, 0.45, 0.45)


class MarkBox(Flowable):
    """An empty box: a square for the voter's cross, or a wider one for the tellers' stamp."""

    def __init__(self, width: float = BOX, height: float = BOX, line: float = 1.2) -> None:
        super().__init__()
        self.box = (width, height)
        self.line = line

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.box

    def draw(self) -> None:
        self.canv.setLineWidth(self.line)
        self.canv.rect(0, 0, *self.box)


class StampBox(MarkBox):
    """The tellers' stamp or initials, put on each slip as it is handed out, so no other slip counts."""

    def __init__(self, width: float, height: float, style) -> None:
        super().__init__(width, height, line=0.6)
        self.caption = Paragraph("Stamp or initials", style.clone("stamp", fontSize=min(style.fontSize, 7) if
                                                                   style.fontSize < 16 else style.fontSize))

    def draw(self) -> None:
        super().draw()
        self.caption.wrapOn(self.canv, self.box[0] - 4, self.box[1])
        self.caption.drawOn(self.canv, 2, self.box[1] - self.caption.height - 1)


@dataclass(frozen=True)
class Ballot:
    """What every slip of one election says."""

    association: Association
    meeting: Meeting
    election: Election
    names: list[str]
    styles: Styles


def ballots_pdf(
    association: Association,
    meeting: Meeting,
    election: Election,
    candidates: list[Candidate],
    count: int,
    out: Output,
    large_print: bool = False,
) -> list[str]:
    """Print ``count`` numbered slips; numbers let the tellers check that none were added or lost.

    Each slip has a box for the tellers' stamp or initials, so a slip not handed out cannot be used.
    """
    if count < 1:
        raise ValueError("At least one ballot slip must be printed.")
    if not candidates:
        raise ValueError(f"There are no candidates for {election.post}, so there is nothing to vote on.")
    names = [c.name for c in sorted(candidates, key=lambda c: surname_order(c.name))]
    page = Page(
        association.name,
        f"Ballot slips: {election.post}",
        f"Ballot slips for {election.post}, {meeting.heading}, {long_date(meeting.date)}",
        large_print=large_print,
    )
    sheet_height = PAGE_HEIGHT - text_top(page, TOP) - BOTTOM
    ballot = Ballot(association, meeting, election, names, make_styles(large_print))
    columns, rows = _layout(ballot, sheet_height)
    width, height = FRAME_WIDTH / columns, sheet_height / rows - 0.5
    story: list[Flowable] = []
    per_sheet = columns * rows
    for start in range(1, count + 1, per_sheet):
        slips = [_slip(ballot, n, width, height) for n in range(start, min(start + per_sheet, count + 1))]
        story += [PageBreak()] if story else []
        story.append(_sheet(slips, columns, rows, width, height))
    return save(out, story, page, margins=(TOP, BOTTOM))


def _instruction(seats: int) -> tuple[str, str]:
    if seats == 1:
        return "Vote for 1 candidate only", "Put a cross (X) in the box beside the candidate you vote for."
    return (
        f"Vote for up to {seats}",
        f"Put a cross (X) in the box beside each candidate you vote for, no more than {seats} in all.",
    )


def _sizes(styles: Styles) -> dict[str, float]:
    """Type sizes on a slip: small print at 8.5 pt normally, and nothing under 16 pt in large print."""
    if styles.large_print:
        return {"small": 16, "title": 22, "vote": 19, "how": 16, "name": 19}
    return {"small": 8.5, "title": 13, "vote": 12, "how": 9.5, "name": 12}


def _slip_content(ballot: Ballot, number: int, width: float) -> list[Flowable]:
    styles = ballot.styles
    size = _sizes(styles)
    small = styles.body.clone("slip_small", fontSize=size["small"], leading=size["small"] * 1.25, spaceAfter=0,
                              textColor=MUTED)
    title = styles.title.clone("slip_title", fontSize=size["title"], leading=size["title"] * 1.2, spaceAfter=2)
    vote, how = _instruction(ballot.election.seats)
    number_width = (50 if styles.large_print else 26) * mm
    stamp = StampBox(number_width, (16 if styles.large_print else 10) * mm, small)
    top = Table(
        [
            [
                [Paragraph(markup(ballot.association.name), small),
                 Paragraph(f"{markup(ballot.meeting.heading)}, {long_date(ballot.meeting.date)}", small)],
                [Paragraph(f"No. {number}", small.clone("slip_number", alignment=TA_RIGHT)), stamp],
            ]
        ],
        colWidths=[width - number_width - 2 * mm, number_width + 2 * mm],
    )
    top.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 2 * mm),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [
        top,
        Paragraph(f"Election of {markup(ballot.election.post)}", title),
        Paragraph(f"<b>{vote}</b>", styles.body.clone("slip_vote", fontSize=size["vote"],
                                                        leading=size["vote"] * 1.25, spaceAfter=1)),
        Paragraph(how, styles.body.clone("slip_how", fontSize=size["how"], leading=size["how"] * 1.25, spaceAfter=4)),
        _candidates(ballot.names, styles, width),
    ]


def _candidates(names: list[str], styles: Styles, width: float) -> Table:
    size = _sizes(styles)["name"]
    name_style = styles.cell.clone("slip_name", fontSize=size, leading=size * 1.2)
    box = BOX * (1.4 if styles.large_print else 1)
    table = Table(
        [[Paragraph(markup(name), name_style), MarkBox(box, box)] for name in names],
        colWidths=[width - box - 4, box + 4],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LINEBELOW", (0, 0), (0, -2), 0.3, RULE),
            ]
        )
    )
    return table


def _slip(ballot: Ballot, number: int, width: float, height: float) -> Flowable:
    """A slip that always fits its cell: shrunk only if the candidates outgrow a whole sheet."""
    inner_width, inner_height = width - 2 * SLIP_PADDING, height - 2 * SLIP_PADDING
    return KeepInFrame(inner_width, inner_height, _slip_content(ballot, number, inner_width), mode="shrink")


def _height(content: list[Flowable], width: float) -> float:
    total = 0.0
    for flowable in content:
        total += flowable.wrap(width, 10_000)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _layout(ballot: Ballot, sheet_height: float) -> tuple[int, int]:
    """As many slips per sheet as leave the candidate list comfortably readable."""
    for columns, rows in LAYOUTS[1:] if ballot.styles.large_print else LAYOUTS:
        width, height = FRAME_WIDTH / columns - 2 * SLIP_PADDING, sheet_height / rows
        if _height(_slip_content(ballot, 1, width), width) <= height - 2 * SLIP_PADDING - 1:
            return columns, rows
    return LAYOUTS[-1]


def _sheet(slips: list[Flowable], columns: int, rows: int, width: float, height: float) -> Table:
    """One A4 sheet of slips with dashed cut lines round each one that is printed."""
    cells = slips + [""] * (columns * rows - len(slips))
    grid = [cells[r * columns : (r + 1) * columns] for r in range(rows)]
    commands: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), REGULAR)]
    commands += [
        ("LEFTPADDING", (0, 0), (-1, -1), SLIP_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), SLIP_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), SLIP_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), SLIP_PADDING),
    ]
    for index in range(len(slips)):
        cell = (index % columns, index // columns)
        commands.append(("BOX", cell, cell, 0.6, CUT, None, (4, 3)))
    table = Table(grid, colWidths=[width] * columns, rowHeights=[height] * rows)
    table.setStyle(TableStyle(commands))
    return table
