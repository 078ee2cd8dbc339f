"""The minutes of a meeting, laid out as a careful secretary would write them.

The sentences come from minutes_text, which the editable Word copy shares.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, TableStyle

from app.model import AgendaItem, MeetingRecord
from app.reports import minutes_text as words
from app.reports.blocks import labelled, notes, signature_lines, title_block
from app.reports.decisions import action_line, election_block, motion_block
from app.reports.page import FRAME_WIDTH, Output, Page, Rows, keep_with_end, save
from app.reports.paragraph import Paragraph
from app.reports.styles import Styles, make_styles, table_style
from app.reports.words import markup
from app.words import join_names, long_date


def minutes_pdf(record: MeetingRecord, out: Output, large_print: bool = False) -> list[str]:
    """Print the minutes, watermarked DRAFT on every page until they are approved."""
    meeting = record.meeting
    page = Page(
        association=record.association.name,
        label=f"Minutes: {meeting.heading}, {long_date(meeting.date)}",
        title=f"Minutes of the {meeting.heading}, {long_date(meeting.date)}",
        draft=not words.is_approved(record),
        large_print=large_print,
    )
    return save(out, minutes_story(record, make_styles(large_print)), page)


def minutes_story(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """The minutes as flowables, for their own PDF or inside the landlord's yearly pack."""
    body = [
        *title_block(
            record.association.name,
            f"Minutes of the {record.meeting.heading}",
            styles,
            [f"Held on {markup(words.when_and_where(record.meeting))}."],
        ),
        *_attendance(record, styles),
        labelled("Quorum", markup(words.quorum_sentence(record)), styles),
        *_items(record, styles),
        *_other_business(record, styles),
        *_next_meeting(record, styles),
    ]
    # the chair signs under the end of the business, never on a page of its own
    return [*keep_with_end(body, _signature(record, styles), 2 * styles.body.leading), *_appendix(record, styles)]


def _attendance(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """Present, apologies, in attendance and proxies, as the opening lines of real minutes."""
    story = [
        labelled("Present", markup(words.present_summary(record)), styles),
        labelled("Apologies", markup(join_names(words.others(record, "apology")) or "none") + ".", styles),
    ]
    guests = words.others(record, "guest")
    if guests:
        story.append(labelled("In attendance", markup(join_names(guests)) + ".", styles))
    proxies = [e for e in record.attendance if e.kind == "proxy"]
    if proxies:
        story.append(labelled("Proxies", markup(words.proxy_sentences(record)), styles))
    story += [labelled(label, markup(name) + ".", styles) for label, name in words.officers(record)]
    return story


def _items(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    grouped = words.by_item(record)
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
        for sentence, corrections in words.approved_here(record):
            story.append(Paragraph(markup(sentence), styles.body))
            if corrections:
                story.append(labelled("Corrections", markup(corrections), styles))
    elif item.kind == "minutes of last meeting" and record.previous_meeting:
        story.append(Paragraph(markup(words.previous_minutes_sentence(record)), styles.body))
    if item.kind == "matters arising":
        story += [Paragraph(markup(line), styles.inset) for line in words.arising_lines(record)]
    story += notes(item.notes, styles)
    story += _decisions(record, things, styles)
    if item.kind == "date of next meeting" and words.next_meeting_sentence(record, item.notes):
        story.append(Paragraph(markup(words.next_meeting_sentence(record, item.notes)), styles.body))
    if not story and words.nothing_noted(item.kind):
        story.append(Paragraph(words.nothing_noted(item.kind), styles.body))
    return story


def _decisions(record: MeetingRecord, things: dict[str, list], styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [motion_block(record, motion, styles) for motion in things.get("motions", [])]
    for election in things.get("elections", []):
        candidates = [c for c in record.candidates if c.election_id == election.id]
        story += election_block(election, candidates, styles)
    story += [
        Paragraph(action_line(a, words.action_owner(record, a)), styles.inset) for a in things.get("actions", [])
    ]
    return story


def _other_business(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """Decisions not filed under any agenda item still belong in the record."""
    loose = words.by_item(record).get(None)
    if not loose:
        return []
    return [Paragraph("Other decisions and actions", styles.heading), *_decisions(record, loose, styles)]


def _next_meeting(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """The next meeting (unless an agenda item said it) and when the meeting closed."""
    story: list[Flowable] = []
    if record.next_meeting and not any(i.kind == "date of next meeting" for i in record.agenda):
        story += [
            Paragraph("Date of next meeting", styles.heading),
            Paragraph(markup(words.next_meeting_sentence(record)), styles.body),
        ]
    if words.closed_sentence(record):
        story.append(Paragraph(words.closed_sentence(record), styles.body))
    return story


def _signature(record: MeetingRecord, styles: Styles) -> Flowable:
    """The approval, if given, and the lines for the chair to sign and date."""
    approval: list[Flowable] = []
    approved = words.approval(record)
    if approved:
        sentence, corrections = approved
        approval.append(Paragraph(markup(sentence), styles.body))
        if corrections:
            approval.append(labelled("Corrections", markup(corrections), styles))
    return signature_lines(("Signed by the Chair", "Date"), styles, approval)


def _appendix(record: MeetingRecord, styles: Styles) -> list[Flowable]:
    """A long attendance list, three names to a row, its heading repeated on every page."""
    present = words.present(record)
    if len(present) <= words.INLINE_PRESENT_LIMIT:
        return []
    names: list[Flowable | str] = [Paragraph(markup(words.present_name(record, e, surname_first=True)), styles.cell) for e in present]
    columns = 2 if styles.large_print else 3
    rows = [names[i : i + columns] for i in range(0, len(names), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    header = [Paragraph(f"Members present, by surname ({len(present)})", styles.cell_head)] + [""] * (
        columns - 1
    )
    table = Rows([header, *rows], colWidths=[FRAME_WIDTH / columns] * columns, repeatRows=1)
    table.setStyle(TableStyle([*table_style(), ("SPAN", (0, 0), (-1, 0))]))
    return [Paragraph("Appendix: members present", styles.heading), table]
