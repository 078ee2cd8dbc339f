"""The paper sign-in sheet, for when the laptop is not at the door or the battery dies."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from app.model import Association, Meeting, Member
from app.reports.blocks import title_block
from app.reports.minutes_text import when_and_where
from app.reports.page import FRAME_WIDTH, Output, Page, save
from app.reports.styles import RULE, Styles, make_styles, table_style
from app.reports.words import markup
from app.words import long_date

BLANK_ROWS = 15


def signin_pdf(
    association: Association, meeting: Meeting, members: list[Member], out: Output, large_print: bool = False
) -> None:
    """Print members by surname with room to sign, then blank rows for newcomers."""
    styles = make_styles(large_print)
    listed = sorted(members, key=lambda m: m.sort_key)
    how = (
        (
            "Please sign beside your name; members are listed by surname. If you are not listed, "
            "please write your details at the end."
        )
        if listed
        else "Please write your name and address, and sign."
    )
    story = [
        *title_block(
            association.name,
            f"Sign-in sheet: {meeting.heading}",
            styles,
            [markup(when_and_where(meeting)) + ".", how],
        )
    ]
    if listed:
        story.append(_table([_member_row(m, styles) for m in listed], styles))
    story += [
        Paragraph("New members and guests", styles.heading),
        _table([[Paragraph("&nbsp;", styles.cell), "", ""] for _ in range(BLANK_ROWS)], styles, blank=True),
    ]
    page = Page(
        association.name,
        f"Sign-in sheet: {meeting.heading}, {long_date(meeting.date)}",
        f"Sign-in sheet, {meeting.heading}, {long_date(meeting.date)}",
        large_print=large_print,
    )
    save(out, story, page)


def _member_row(member: Member, styles: Styles) -> list[Flowable]:
    """Surname first, as people look themselves up on a printed list."""
    name = f"<b>{markup(member.surname)}</b>, {markup(member.first_name)}"
    address = ", ".join(part for part in (member.address, member.postcode) if part)
    return [Paragraph(name, styles.cell), Paragraph(markup(address), styles.cell), ""]


def _table(rows: list[list], styles: Styles, blank: bool = False) -> Table:
    """Name, address and a wide signature column; rows tall enough to sign, taller still to write in."""
    head = [Paragraph(text, styles.cell_head) for text in ("Name", "Address", "Signature")]
    name, address = (54 if styles.large_print else 46) * mm, (60 if styles.large_print else 64) * mm
    row = (15 if styles.large_print else 10) * mm + (3 * mm if blank else 0)
    padding = (row - styles.cell.leading) / 2
    table = Table([head, *rows], colWidths=[name, address, FRAME_WIDTH - name - address], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                *table_style(),
                ("LINEBEFORE", (1 if blank else 2, 0), (2, -1), 0.4, RULE),
                ("TOPPADDING", (0, 1), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 1), (-1, -1), padding),
            ]
        )
    )
    return table
