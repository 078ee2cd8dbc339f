"""The agenda, with the formal notice of meeting that an AGM or special general meeting needs."""

from __future__ import annotations

from datetime import datetime, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.model import AgendaItem, MeetingRecord
from app.reports.blocks import title_block
from app.reports.minutes_text import when_and_where
from app.reports.page import FRAME_WIDTH, Output, Page, save
from app.reports.styles import Styles, make_styles, table_style
from app.reports.words import markup
from app.words import join_names, long_date, plural, weekday_date

NOTICE_KINDS = ("annual general", "special general")


def agenda_pdf(record: MeetingRecord, out: Output, large_print: bool = False) -> list[str]:
    """Print the agenda; general meetings of the members get the notice the constitution requires."""
    styles = make_styles(large_print)
    meeting = record.meeting
    heading = f"Notice of {meeting.heading}" if meeting.kind in NOTICE_KINDS else f"Agenda: {meeting.heading}"
    details = [f"<b>Date:</b> {weekday_date(meeting.date)}", f"<b>Time:</b> {markup(meeting.time)}"]
    if meeting.venue:
        details.append(f"<b>Venue:</b> {markup(meeting.venue)}")
    story = [
        *title_block(record.association.name, heading, styles, details),
        *_notice(record, styles),
        Paragraph("Agenda", styles.heading),
        *_items_table(record, styles),
        *_timing(record, styles),
        *_signed(record, styles),
    ]
    page = Page(
        record.association.name,
        f"Agenda: {meeting.heading}, {long_date(meeting.date)}",
        f"Agenda for the {meeting.heading}, {long_date(meeting.date)}",
        large_print=large_print,
    )
    return save(out, story, page)


def _notice(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    meeting = record.meeting
    if meeting.kind not in NOTICE_KINDS:
        return [Paragraph("All members are welcome.", styles.body)]
    days = record.association.rules.agm_notice_days
    text = (
        f"Notice is hereby given that the {meeting.heading} of {record.association.name} will be held on "
        f"{when_and_where(meeting)}. At least {days} days' notice has been given as the constitution requires."
    )
    return [
        Paragraph(markup(text), styles.body),
        Paragraph("All members are welcome and entitled to attend.", styles.body),
    ]


def _item_cell(record: MeetingRecord, item: AgendaItem, styles: Styles) -> list[Flowable]:
    """The item's title, and below it the motions and elections members will be asked to decide."""
    cell: list[Flowable] = [Paragraph(markup(item.title), styles.cell)]
    for motion in sorted(
        (m for m in record.motions if m.agenda_item_id == item.id), key=lambda m: m.position
    ):
        cell.append(Paragraph(f"<i>Motion:</i> {markup(motion.text)}", styles.cell))
    posts = [_post(e.post, e.seats) for e in record.elections if e.agenda_item_id == item.id]
    if posts:
        cell.append(Paragraph(f"<i>Elections:</i> {markup(join_names(posts))}", styles.cell))
    return cell


def _post(post: str, seats: int) -> str:
    return post if seats == 1 else f"{post} ({plural(seats, 'place')})"


def _items_table(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """Number, item, who leads it and how long it should take; empty columns are left out."""
    items = sorted(record.agenda, key=lambda i: i.position)
    if not items:
        return [Paragraph("The agenda has not been set yet.", styles.body)]
    large = styles.large_print
    columns = [
        ("", (14 if large else 10) * mm, lambda n, i: Paragraph(f"{n}.", styles.cell_right)),
        ("Item", 0, lambda n, i: _item_cell(record, i, styles)),
    ]
    if any(i.presenter for i in items):
        columns.append(
            ("Led by", (52 if large else 42) * mm, lambda n, i: Paragraph(markup(i.presenter), styles.cell))
        )
    if any(i.expected_minutes is not None for i in items):
        columns.append(
            ("Time", (25 if large else 18) * mm, lambda n, i: Paragraph(_minutes(i), styles.cell_right))
        )
    widths = [width for _, width, _ in columns]
    widths[1] = FRAME_WIDTH - sum(widths)
    head = [
        Paragraph(title, styles.cell_head_right if title == "Time" else styles.cell_head)
        for title, _, _ in columns
    ]
    rows = [[cell(n, item) for _, _, cell in columns] for n, item in enumerate(items, start=1)]
    table = Table([head, *rows], colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(table_style()))
    return [table]


def _minutes(item: AgendaItem) -> str:
    return "" if item.expected_minutes is None else f"{item.expected_minutes} min"


def _timing(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """How long the business should take, so members can plan their evening."""
    times = [i.expected_minutes for i in record.agenda]
    if not times or all(t is None for t in times):
        return []
    total = sum(t or 0 for t in times)
    text = f"The business above is expected to take about {_duration(total)}"
    start = _clock(record.meeting.time)
    if start and None not in times:
        text += f", finishing by about {(start + timedelta(minutes=total)).strftime('%H:%M')}"
    return [Spacer(1, styles.body_size * 0.6), Paragraph(text + ".", styles.body)]


def _clock(time: str) -> datetime | None:
    try:
        return datetime.strptime(time, "%H:%M")
    except ValueError:
        return None


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = ([plural(hours, "hour")] if hours else []) + (
        [plural(rest, "minute")] if rest or not hours else []
    )
    return " ".join(parts)


def _signed(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """A notice is given by the secretary on behalf of the committee."""
    if record.meeting.kind not in NOTICE_KINDS:
        return []
    secretaries = sorted((m for m in record.members.values() if m.role == "secretary"), key=lambda m: m.sort_key)
    signer = f"{secretaries[0].name}, Secretary" if secretaries else "The Secretary"
    return [
        Spacer(1, styles.body_size),
        Paragraph(f"{markup(signer)}, on behalf of the Committee", styles.body),
    ]
