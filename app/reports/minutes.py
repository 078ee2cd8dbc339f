"""The minutes of a meeting, laid out as a careful secretary would write them."""

from __future__ import annotations

from collections import defaultdict

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from app.model import OFFICE_BEARERS, AgendaItem, Attendance, MeetingRecord
from app.reports.blocks import labelled, notes, signature_lines, title_block, when_and_where
from app.reports.decisions import action_line, action_owner, election_block, motion_block, seconding
from app.reports.page import FRAME_WIDTH, Output, Page, save
from app.reports.styles import Styles, make_styles, table_style
from app.reports.words import markup
from app.words import join_names, long_date, plural, surname_order

# Beyond this many, names move to an appendix so the minutes stay readable.
INLINE_PRESENT_LIMIT = 30


def minutes_pdf(record: MeetingRecord, out: Output, large_print: bool = False) -> None:
    """Print the minutes, watermarked DRAFT on every page until they are approved."""
    styles = make_styles(large_print)
    meeting = record.meeting
    approved = record.minutes is not None and record.minutes.status == "approved"
    story = [
        *title_block(
            record.association.name,
            f"Minutes of the {meeting.heading}",
            styles,
            [f"Held on {markup(when_and_where(meeting))}."],
        ),
        *_attendance(record, styles),
        *_quorum(record, styles),
        *_items(record, styles),
        *_other_business(record, styles),
        *_closing(record, styles),
        *_appendix(record, styles),
    ]
    page = Page(
        association=record.association.name,
        label=f"Minutes: {meeting.heading}, {long_date(meeting.date)}",
        title=f"Minutes of the {meeting.heading}, {long_date(meeting.date)}",
        draft=not approved,
        large_print=large_print,
    )
    save(out, story, page)


def _present(record: MeetingRecord) -> list[Attendance]:
    """Members present, once each, in surname order."""
    seen: dict[str, Attendance] = {}
    for entry in record.attendance:
        if entry.kind == "present" and entry.member_id in record.members:
            seen.setdefault(entry.member_id, entry)
    return sorted(seen.values(), key=lambda e: record.members[e.member_id].sort_key)


def _present_name(record: MeetingRecord, entry: Attendance, surname_first: bool = False) -> str:
    """'Siobhán MacLeod (Chair, arrived 19:45)': office and comings and goings after the start."""
    member = record.members[entry.member_id]
    name = f"{member.surname}, {member.first_name}" if surname_first else member.name
    remarks = [member.role.capitalize()] if member.role in OFFICE_BEARERS else []
    if entry.arrived and entry.arrived > record.meeting.time:
        remarks.append(f"arrived {entry.arrived}")
    if entry.left:
        remarks.append(f"left {entry.left}")
    return f"{name} ({', '.join(remarks)})" if remarks else name


def _other_name(record: MeetingRecord, entry: Attendance) -> str:
    name = entry.guest_name or record.member_name(entry.member_id)
    return f"{name} ({entry.guest_organisation})" if entry.guest_organisation else name


def _attendance(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """Present, apologies, in attendance and proxies, as the opening lines of real minutes."""
    present = _present(record)
    story = [labelled("Present", markup(_present_summary(record, present)), styles)]
    apologies = _others(record, "apology")
    story.append(labelled("Apologies", markup(join_names(apologies) or "none") + ".", styles))
    guests = _others(record, "guest")
    if guests:
        story.append(labelled("In attendance", markup(join_names(guests)) + ".", styles))
    proxies = [_proxy_sentence(record, e) for e in record.attendance if e.kind == "proxy"]
    if proxies:
        story.append(labelled("Proxies", markup(" ".join(p for p in proxies if p)), styles))
    return story


def _present_summary(record: MeetingRecord, present: list[Attendance]) -> str:
    if not present:
        return "no members were recorded as present."
    if len(present) <= INLINE_PRESENT_LIMIT:
        return join_names(_present_name(record, e) for e in present) + "."
    bearers = [
        _present_name(record, e) for e in present if record.members[e.member_id].role in OFFICE_BEARERS
    ]
    including = f", including {join_names(bearers)}" if bearers else ""
    return f"{plural(len(present), 'member')}{including}; all are listed by surname in the appendix."


def _others(record: MeetingRecord, kind: str) -> list[str]:
    entries = [e for e in record.attendance if e.kind == kind]
    return sorted((_other_name(record, e) for e in entries), key=surname_order)


def _proxy_sentence(record: MeetingRecord, entry: Attendance) -> str:
    member, holder = record.member_name(entry.member_id), record.member_name(entry.proxy_holder_id)
    return f"{holder} held the proxy of {member}." if member and holder else ""


def _quorum(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """The quorum statement, then each time quorum was lost or regained."""
    present, required = len(_present(record)), record.quorum_required
    were = "was" if required == 1 else "were"
    if present >= required:
        text = (
            f"The meeting was quorate with {plural(present, 'member')} present; {required} {were} required."
        )
    else:
        text = (
            f"The meeting was not quorate: {plural(present, 'member')} "
            f"{'was' if present == 1 else 'were'} present and {required} {were} required."
        )
    lost_before = False
    for event in _after_start(record):
        text += " " + _quorum_event(_clock(event.at), event.quorate, event.present, event.required, lost_before)
        lost_before = lost_before or not event.quorate
    return [labelled("Quorum", markup(text), styles)]


def _clock(moment: str) -> str:
    """'2026-05-19T20:15' -> '20:15': the minutes give the time of day only."""
    return moment.split("T")[-1][:5]


def _after_start(record: MeetingRecord) -> list:
    """Changes of quorum once the meeting had started; arrivals before the start are not news."""
    events = sorted(record.quorum_events, key=lambda e: e.at)
    return [e for e in events if _clock(e.at) > record.meeting.time]


def _quorum_event(at: str, quorate: bool, present: int, required: int, lost_before: bool) -> str:
    people = plural(present, "member")
    if not quorate:
        return (
            f"At {at} the meeting lost quorum, with {people} present and {required} required; "
            "no decisions were taken while it was inquorate."
        )
    if lost_before:
        return f"At {at} quorum was regained with {people} present."
    return f"The meeting became quorate at {at} with {people} present."


def _by_item(record: MeetingRecord) -> dict[str | None, dict[str, list]]:
    """Motions, elections and actions filed under the agenda item they belong to."""
    items = {item.id for item in record.agenda}
    grouped: dict[str | None, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for kind, things in (
        ("motions", sorted(record.motions, key=lambda m: m.position)),
        ("elections", record.elections),
        ("actions", record.actions),
    ):
        for thing in things:
            key = thing.agenda_item_id if thing.agenda_item_id in items else None
            grouped[key][kind].append(thing)
    return grouped


def _items(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    grouped = _by_item(record)
    story: list[Flowable] = []
    for number, item in enumerate(sorted(record.agenda, key=lambda i: i.position), start=1):
        story.append(Paragraph(f"{number}. {markup(item.title)}", styles.heading))
        story += _item_body(record, item, grouped.get(item.id, {}), styles)
    return story


def _item_body(
    record: MeetingRecord, item: AgendaItem, things: dict[str, list], styles: Styles
) -> list[Flowable]:
    story: list[Flowable] = []
    if item.kind == "minutes of last meeting" and record.approved_here:
        story += _approved_here(record, styles)
    elif item.kind == "minutes of last meeting" and record.previous_meeting:
        previous = record.previous_meeting
        story.append(
            Paragraph(
                f"Minutes of the {markup(previous.heading)} held on {long_date(previous.date)}.", styles.body
            )
        )
    story += notes(item.notes, styles)
    story += _decisions(record, things, styles)
    if item.kind == "date of next meeting":
        story.append(Paragraph(markup(_next_meeting_sentence(record)), styles.body))
    if not story and item.kind == "any other competent business":
        story.append(Paragraph("There was no other competent business.", styles.body))
    return story


def _decisions(record: MeetingRecord, things: dict[str, list], styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [motion_block(record, motion, styles) for motion in things.get("motions", [])]
    for election in things.get("elections", []):
        candidates = [c for c in record.candidates if c.election_id == election.id]
        story += election_block(election, candidates, styles)
    story += [
        Paragraph(action_line(a, action_owner(record, a)), styles.inset) for a in things.get("actions", [])
    ]
    return story


def _other_business(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """Decisions not filed under any agenda item still belong in the record."""
    loose = _by_item(record).get(None)
    if not loose:
        return []
    return [Paragraph("Other decisions and actions", styles.heading), *_decisions(record, loose, styles)]


def _next_meeting_sentence(record: MeetingRecord) -> str:
    following = record.next_meeting
    if following is None:
        return "The date of the next meeting is to be confirmed."
    return f"The next {following.heading} will be held on {when_and_where(following)}."


def _closing(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """Next meeting (unless an agenda item said it), approval, and the chair's signature."""
    story: list[Flowable] = []
    if record.next_meeting and not any(i.kind == "date of next meeting" for i in record.agenda):
        story += [
            Paragraph("Date of next meeting", styles.heading),
            Paragraph(markup(_next_meeting_sentence(record)), styles.body),
        ]
    story.append(signature_lines(("Signed by the Chair", "Date"), styles, _approval(record, styles)))
    return story


def _approved_here(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """'The minutes of the General Meeting held on 17 March 2026 were approved. Proposed by ...'"""
    story: list[Flowable] = []
    for meeting, minutes in record.approved_here:
        moved = seconding(record, minutes.proposer_id, minutes.seconder_id)
        sentence = (f"The minutes of the {meeting.heading} held on {long_date(meeting.date)} were approved "
                    f"as a true record{' with corrections' if minutes.corrections else ''}. {moved}")
        story.append(Paragraph(markup(sentence.strip()), styles.body))
        if minutes.corrections:
            story.append(labelled("Corrections", markup(minutes.corrections), styles))
    return story


def _approval(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """When and on whose motion the minutes were approved, just above the chair's signature."""
    minutes = record.minutes
    if minutes is None or minutes.status != "approved":
        return []
    when = f" on {long_date(minutes.approved_on)}" if minutes.approved_on else ""
    moved = seconding(record, minutes.proposer_id, minutes.seconder_id)
    story = [Paragraph(markup(f"These minutes were approved as a true record{when}. {moved}"), styles.body)]
    if minutes.corrections:
        story.append(labelled("Corrections", markup(minutes.corrections), styles))
    return story


def _appendix(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """A long attendance list, three names to a row, its heading repeated on every page."""
    present = _present(record)
    if len(present) <= INLINE_PRESENT_LIMIT:
        return []
    names = [Paragraph(markup(_present_name(record, e, surname_first=True)), styles.cell) for e in present]
    columns = 2 if styles.large_print else 3
    rows = [names[i : i + columns] for i in range(0, len(names), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    header = [Paragraph(f"Members present, by surname ({len(present)})", styles.cell_head)] + [""] * (
        columns - 1
    )
    table = Table([header, *rows], colWidths=[FRAME_WIDTH / columns] * columns, repeatRows=1)
    table.setStyle(TableStyle([*table_style(), ("SPAN", (0, 0), (-1, 0))]))
    return [Paragraph("Appendix: members present", styles.heading), table]
