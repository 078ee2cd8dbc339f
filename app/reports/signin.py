"""The paper sign-in sheet, for when the laptop is not at the door or the battery dies.

The sheet goes round a public hall, so it shows names only: no house number, no postcode. Where
two members share a name the chair can choose to print the street, or the flat and the street.
Who may vote is worked out by the services (the one rule in the core) and only marked here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from app.model import SIGNIN_ADDRESSES, Association, Meeting, Member
from app.reports.blocks import title_block
from app.reports.minutes_text import when_and_where
from app.reports.page import FRAME_WIDTH, PAGE_HEIGHT, Output, Page, save
from app.reports.paragraph import Paragraph
from app.reports.scripts import right_to_left
from app.reports.styles import RULE, Styles, make_styles, table_style
from app.reports.words import markup
from app.words import long_date

VOTES = "\u2713"  # a tick
LEAST_BLANK_ROWS, MOST_BLANK_ROWS = 3, 15  # fewer than three go over with their heading


def signin_pdf(
    association: Association,
    meeting: Meeting,
    members: list[Member],
    out: Output,
    large_print: bool = False,
    voters: Collection[str] = (),
    address: str = "",
) -> list[str]:
    """Print members by surname with room to sign, then blank rows for others down to the foot of the page.

    ``voters`` are the ids of members who may vote at this meeting; ``address`` is one of
    SIGNIN_ADDRESSES. A committee meeting's sheet is given the committee only.
    """
    if address not in SIGNIN_ADDRESSES:
        raise ValueError(f"The sign-in sheet can show the street or the flat, not “{address}”.")
    styles = make_styles(large_print)
    listed = sorted(members, key=lambda m: m.sort_key)
    committee = meeting.kind == "committee"
    story = [
        *title_block(
            association.name,
            f"Sign-in sheet: {meeting.heading}",
            styles,
            [markup(when_and_where(meeting)) + ".", _how(bool(listed), committee)],
        )
    ]
    columns = _Columns(styles, address)
    if listed:
        story.append(columns.table([columns.member_row(m, m.id in voters) for m in listed]))
    story += [
        Paragraph("Others attending" if committee else "New members and guests", styles.heading),
        RowsToFoot(lambda n: columns.table([columns.blank_row() for _ in range(n)], blank=True), columns),
    ]
    page = Page(
        association.name,
        f"Sign-in sheet: {meeting.heading}, {long_date(meeting.date)}",
        f"Sign-in sheet, {meeting.heading}, {long_date(meeting.date)}",
        large_print=large_print,
    )
    return save(out, story, page)


def _how(listed: bool, committee: bool) -> str:
    if not listed:
        return "Please write your name and sign."
    who = "Committee members are" if committee else "Members are"
    return (
        f"Please sign beside your name. {who} listed by surname; {VOTES} in the Vote column means "
        "entitled to vote at this meeting. If you are not listed, please write your name at the end."
    )


def where(address: str, show: str) -> str:
    """The street ('Wellhouse Crescent'), or the flat and street ('Flat 1/2, Wellhouse Crescent'),
    never the house number, town or postcode."""
    if not show:
        return ""
    parts = [part.strip() for part in address.split(",") if part.strip()]
    flat = [p for p in parts if re.match(r"(?i)flat\b", p)]
    street = next((re.sub(r"^[\d/\-]+[a-zA-Z]?\s+", "", p) for p in parts if p not in flat), "")
    street = "" if re.search(r"\d", street) else street
    return ", ".join((flat if show == "flat" else []) + ([street] if street else []))


class _Columns:
    """Vote mark, name, (where), signature: widths, row heights and the table for one sheet."""

    def __init__(self, styles: Styles, address: str) -> None:
        self.styles, self.address = styles, address
        large = styles.large_print
        # with a street column, large print's name narrows so a signature still has 50 mm and its heading one line
        self.widths = [(22 if large else 14) * mm, (56 if large and address else 70 if large else 62) * mm]
        if address:
            self.widths.append((42 if large else 48) * mm)
        self.widths.append(FRAME_WIDTH - sum(self.widths))
        self.row = (15 if large else 10) * mm

    def heads(self) -> list[Paragraph]:
        titles = ["Vote", "Name", *(["Street"] if self.address == "street" else ["Flat and street"] * bool(self.address))]
        return [Paragraph(t, self.styles.cell_head) for t in [*titles, "Signature"]]

    def member_row(self, member: Member, votes: bool) -> list:
        """Surname first, as people look themselves up on a printed list; a name written right to left
        is printed whole, as it is written, since "surname, first name" has no order in it."""
        if right_to_left(member.name):
            name = markup(member.name)
        else:
            name = f"<b>{markup(member.surname)}</b>" + (f", {markup(member.first_name)}" if member.first_name else "")
        row = [Paragraph(VOTES if votes else "", self.styles.cell), Paragraph(name, self.styles.cell)]
        if self.address:
            row.append(Paragraph(markup(where(member.address, self.address)), self.styles.cell))
        return [*row, ""]

    def blank_row(self) -> list:
        return [Paragraph("&nbsp;", self.styles.cell)] + [""] * (len(self.widths) - 1)

    def table(self, rows: list[list], blank: bool = False) -> Table:
        """Rows tall enough to sign in, taller still to write a name; a rule before the writing columns."""
        row = self.row + (2 * mm if blank else 0)
        padding = (row - self.styles.cell.leading) / 2
        table = Table([self.heads(), *rows], colWidths=self.widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    *table_style(),
                    ("LINEBEFORE", (1, 0), (-1, -1), 0.4, RULE),
                    ("ALIGN", (0, 0), (0, -1), "CENTER"),
                    ("TOPPADDING", (0, 1), (-1, -1), padding),
                    ("BOTTOMPADDING", (0, 1), (-1, -1), padding),
                ]
            )
        )
        return table


class RowsToFoot(Flowable):
    """Blank rows down to the foot of the page: at least a few, so they never sit alone on a page."""

    def __init__(self, make: Callable[[int], Table], columns: _Columns) -> None:
        super().__init__()
        self._make, self._columns = make, columns
        self._table: Table | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        one = self._make(1).wrap(available_width, available_height)[1]
        two = self._make(2).wrap(available_width, available_height)[1]
        fits = int((available_height - (2 * one - two)) // (two - one))
        if available_height > PAGE_HEIGHT:  # measured for keeping with its heading, not for drawing
            fits = LEAST_BLANK_ROWS
        self._table = self._make(max(LEAST_BLANK_ROWS, min(MOST_BLANK_ROWS, fits)))
        return self._table.wrap(available_width, available_height)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        if self._table is not None:
            self._table.drawOn(self.canv, 0, 0)
