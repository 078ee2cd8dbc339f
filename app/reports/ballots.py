"""Ballot slips for a contested election: several to an A4 sheet, cut apart along dashed lines."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Paragraph, Table, TableStyle

from app.model import Association, Candidate, Election, Meeting
from app.reports.page import FRAME_WIDTH, PAGE_HEIGHT, Output, Page, save
from app.reports.styles import MUTED, REGULAR, RULE, Styles, make_styles
from app.reports.words import markup
from app.words import long_date, surname_order

# (columns, rows) of slips per sheet, most slips first; the first that fits the candidates wins.
LAYOUTS = ((2, 3), (2, 2), (1, 2), (1, 1))
TOP, BOTTOM = 19 * mm, 17 * mm
SLIP_PADDING = 4 * mm
BOX = 7 * mm
CUT = (0.45, 0.45, 0.45)


class MarkBox(Flowable):
    """An empty square for the voter's cross."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return BOX, BOX

    def draw(self) -> None:
        self.canv.setLineWidth(1.2)
        self.canv.rect(0, 0, BOX, BOX)


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
) -> None:
    """Print ``count`` numbered slips; numbers let the tellers check that none were added or lost."""
    if count < 1:
        raise ValueError("At least one ballot slip must be printed.")
    if not candidates:
        raise ValueError(f"There are no candidates for {election.post}, so there is nothing to vote on.")
    names = [c.name for c in sorted(candidates, key=lambda c: surname_order(c.name))]
    ballot = Ballot(association, meeting, election, names, make_styles(False))
    columns, rows = _layout(ballot)
    width, height = FRAME_WIDTH / columns, (PAGE_HEIGHT - TOP - BOTTOM) / rows - 0.5
    story: list[Flowable] = []
    per_sheet = columns * rows
    for start in range(1, count + 1, per_sheet):
        slips = [_slip(ballot, n, width, height) for n in range(start, min(start + per_sheet, count + 1))]
        story += [PageBreak()] if story else []
        story.append(_sheet(slips, columns, rows, width, height))
    page = Page(
        association.name,
        f"Ballot slips: {election.post}, {long_date(meeting.date)}",
        f"Ballot slips for {election.post}, {meeting.heading}, {long_date(meeting.date)}",
    )
    save(out, story, page, margins=(TOP, BOTTOM))


def _instruction(seats: int) -> tuple[str, str]:
    if seats == 1:
        return "Vote for 1 candidate only", "Put a cross (X) in the box beside the candidate you vote for."
    return (
        f"Vote for up to {seats}",
        f"Put a cross (X) in the box beside each candidate you vote for, no more than {seats} in all.",
    )


def _slip_content(ballot: Ballot, number: int, width: float) -> list[Flowable]:
    styles = ballot.styles
    small = styles.body.clone("slip_small", fontSize=8.5, leading=10.5, spaceAfter=0, textColor=MUTED)
    title = styles.title.clone("slip_title", fontSize=14, leading=17, spaceAfter=2)
    vote, how = _instruction(ballot.election.seats)
    top = Table(
        [
            [
                Paragraph(markup(ballot.association.name), small),
                Paragraph(f"No. {number}", small.clone("slip_number", alignment=TA_RIGHT)),
            ]
        ],
        colWidths=[width - 20 * mm, 20 * mm],
    )
    top.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [
        top,
        Paragraph(f"{markup(ballot.meeting.heading)}, {long_date(ballot.meeting.date)}", small),
        Paragraph(f"Election of {markup(ballot.election.post)}", title),
        Paragraph(f"<b>{vote}</b>", styles.body.clone("slip_vote", fontSize=12.5, leading=16, spaceAfter=1)),
        Paragraph(how, styles.body.clone("slip_how", fontSize=9.5, leading=12, spaceAfter=4)),
        _candidates(ballot.names, styles, width),
    ]


def _candidates(names: list[str], styles: Styles, width: float) -> Table:
    name_style = styles.cell.clone("slip_name", fontSize=12, leading=14.5)
    table = Table(
        [[Paragraph(markup(name), name_style), MarkBox()] for name in names],
        colWidths=[width - BOX - 4, BOX + 4],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
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


def _layout(ballot: Ballot) -> tuple[int, int]:
    """As many slips per sheet as leave the candidate list comfortably readable."""
    for columns, rows in LAYOUTS:
        width, height = FRAME_WIDTH / columns - 2 * SLIP_PADDING, (PAGE_HEIGHT - TOP - BOTTOM) / rows
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
