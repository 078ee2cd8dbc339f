"""The agenda, with the notice of meeting the constitution requires for each kind of meeting.

General meetings of the members get a formal notice, dated, with the notice period the
constitution sets for that kind; a committee meeting's agenda is addressed to the committee.
Matters arising lists the actions carried forward from earlier meetings.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from app.model import Action, AgendaItem, MeetingRecord
from app.reports.blocks import title_block
from app.reports.minutes_text import when_and_where
from app.reports.page import FRAME_WIDTH, Output, Page, Rows, keep_with_end, save
from app.reports.paragraph import Paragraph
from app.reports.styles import Styles, make_styles, table_style
from app.reports.words import markup
from app.words import join_names, long_date, plural, weekday_date

NOTICE_KINDS = ("annual general", "special general")
KIND_WORDS = {"annual general": "an annual general meeting", "special general": "a special general meeting",
              "general": "a general meeting"}


def agenda_pdf(record: MeetingRecord, out: Output, large_print: bool = False, issued: date | None = None,
               carried: list[Action] | None = None) -> list[str]:
    """Print the agenda with its notice, dated ``issued``; ``carried`` are the open actions of earlier
    meetings, listed under matters arising. Returns warnings for the chair, such as notice given late.
    """
    styles = make_styles(large_print)
    meeting = record.meeting
    issued = issued or date.today()
    formal = meeting.kind in NOTICE_KINDS
    heading = f"Notice of {meeting.heading}" if formal else f"Agenda: {meeting.heading}"
    details = [f"<b>Date:</b> {weekday_date(meeting.date)}", f"<b>Time:</b> {markup(meeting.time)}"]
    if meeting.venue:
        details.append(f"<b>Venue:</b> {markup(meeting.venue)}")
    details.append(f"<b>Date of issue:</b> {long_date(issued)}")
    arising = any(item.kind == "matters arising" for item in record.agenda)
    story = [
        *title_block(record.association.name, heading, styles, details),
        *_notice(record, styles),
        Paragraph("Agenda", styles.heading),
        *_items_table(record, styles, carried or []),
    ]
    # the closing lines go with the end of the table, never onto a page of their own
    ending = [*_timing(record, styles), *_signed(record, styles)]
    if ending:
        story = keep_with_end(story, KeepTogether(ending), 2 * styles.cell.leading)
    if arising:
        story += _carried(carried or [], styles)
    page = Page(
        record.association.name,
        f"Agenda: {meeting.heading}, {long_date(meeting.date)}",
        f"Agenda for the {meeting.heading}, {long_date(meeting.date)}",
        large_print=large_print,
    )
    return [*late_notice(record, issued), *save(out, story, page)]


def notice_days(record: MeetingRecord) -> int | None:
    """The days' notice the constitution requires for this kind of meeting; None for a committee."""
    rules = record.association.rules
    kind = record.meeting.kind
    return rules.agm_notice_days if kind in NOTICE_KINDS else rules.general_notice_days if kind == "general" else None


def late_notice(record: MeetingRecord, issued: date) -> list[str]:
    """A warning for the chair when the notice is issued with fewer days than the constitution requires."""
    days = notice_days(record)
    given = (record.meeting.date - issued).days
    if days is None or given >= days:
        return []
    return [f"This notice is dated {long_date(issued)}, {plural(max(given, 0), 'day')} before the meeting; "
            f"the constitution requires at least {_days(days)} notice of {KIND_WORDS[record.meeting.kind]}."]


def _days(count: int) -> str:
    return "1 day's" if count == 1 else f"{count} days'"


def _notice(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """The words that suit the kind of meeting: a formal notice, an invitation, or the committee's call."""
    meeting = record.meeting
    days = notice_days(record)
    if days is None:
        return [Paragraph("Members of the committee are asked to attend. Please send apologies to the "
                          "secretary if you cannot come.", styles.body)]
    required = (f"The constitution requires at least {_days(days)} notice of {KIND_WORDS[meeting.kind]}, "
                "counted to the date of the meeting from the date of issue above.")
    if meeting.kind == "general":
        return [Paragraph("All members are welcome, and members may vote.", styles.body),
                Paragraph(markup(required), styles.body)]
    text = (f"Notice is hereby given that the {meeting.heading} of {record.association.name} will be held on "
            f"{when_and_where(meeting)}.")
    return [
        Paragraph(markup(text), styles.body),
        Paragraph(markup(required), styles.body),
        Paragraph("All members are welcome and entitled to attend and vote.", styles.body),
    ]


def _item_cell(record: MeetingRecord, item: AgendaItem, styles: Styles, carried: list[Action]) -> list[Flowable]:
    """The item's title, and below it the motions and elections members will be asked to decide,
    or under matters arising the actions carried forward."""
    cell: list[Flowable] = [Paragraph(markup(item.title), styles.cell)]
    if item.kind == "matters arising" and carried:
        cell.append(Paragraph(f"<i>{plural(len(carried), 'action')} carried forward, listed below</i>",
                              styles.cell))
    for motion in sorted(
        (m for m in record.motions if m.agenda_item_id == item.id), key=lambda m: m.position
    ):
        cell.append(Paragraph(f"<i>Motion:</i> {markup(motion.text)}", styles.cell))
    posts = [_post(e.post, e.seats) for e in record.elections if e.agenda_item_id == item.id]
    if posts:
        cell.append(Paragraph(f"<i>Elections:</i> {markup(join_names(posts))}", styles.cell))
    return cell


def _carried(actions: list[Action], styles: Styles) -> list[Flowable]:
    """Matters arising: the actions still open from earlier meetings, who has them and when they are due."""
    heading = Paragraph("Matters arising: actions carried forward", styles.heading)
    if not actions:
        return [heading, Paragraph("No actions are carried forward from earlier meetings.", styles.body)]
    due = (45 if styles.large_print else 38) * mm
    who = (55 if styles.large_print else 45) * mm
    head = [Paragraph(text, styles.cell_head) for text in ("Action", "Who", "Due")]
    rows = [[Paragraph(markup(a.description), styles.cell), Paragraph(markup(a.owner_name or "No one named yet"),
                                                                      styles.cell),
             Paragraph(long_date(a.due) if a.due else "No date set", styles.cell)]
            for a in sorted(actions, key=lambda a: (a.due is None, a.due or date.max))]
    table = Rows([head, *rows], colWidths=[FRAME_WIDTH - who - due, who, due], repeatRows=1)
    table.setStyle(TableStyle(table_style()))
    return [heading, table]


def _post(post: str, seats: int) -> str:
    return post if seats == 1 else f"{post} ({plural(seats, 'place')})"


def _items_table(record: MeetingRecord, styles: Styles, carried: list[Action]) -> list[Flowable]:
    """Number, item, who leads it and how long it should take; empty columns are left out."""
    items = sorted(record.agenda, key=lambda i: i.position)
    if not items:
        return [Paragraph("The agenda has not been set yet.", styles.body)]
    large = styles.large_print
    columns = [
        ("", (14 if large else 10) * mm, lambda n, i: Paragraph(f"{n}.", styles.cell_right)),
        ("Item", 0, lambda n, i: _item_cell(record, i, styles, carried)),
    ]
    if any(i.presenter for i in items):
        columns.append(
            ("Led by", (48 if large else 42) * mm, lambda n, i: Paragraph(markup(i.presenter), styles.cell))
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
    table = Rows([head, *rows], colWidths=widths, repeatRows=1)
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
    if notice_days(record) is None:
        return []
    secretaries = sorted((m for m in record.members.values() if m.role == "secretary"), key=lambda m: m.sort_key)
    signer = f"{secretaries[0].name}, Secretary" if secretaries else "The Secretary"
    return [
        Spacer(1, styles.body_size),
        Paragraph(f"{markup(signer)}, on behalf of the Committee", styles.body),
    ]
