"""The action list: who promised to do what, by when, and what has been done since last time."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from app.model import Action, Association, Meeting, Member
from app.reports.blocks import title_block
from app.reports.landlord import asks_section
from app.reports.page import FRAME_WIDTH, Output, Page, Rows, save
from app.reports.paragraph import Paragraph
from app.reports.styles import WARNING_HEX, Styles, make_styles, table_style
from app.reports.words import markup
from app.words import long_date, plural, surname_order

NO_OWNER = "No one named yet"


def actions_pdf(
    association: Association,
    actions: list[Action],
    meetings: dict[str, Meeting],
    members: dict[str, Member],
    today: date,
    since: date | None,
    out: Output,
    large_print: bool = False,
    meeting: Meeting | None = None,
) -> list[str]:
    """Print, by person, the actions ``meeting`` agreed and every other action still open, overdue ones
    marked in words; then asks of the landlord with their answers; then those completed ``since``.

    Without a meeting, the open actions only. With ``since`` None the completed section is left out.
    """
    styles = make_styles(large_print)
    agreed = [a for a in actions if meeting is not None and a.meeting_id == meeting.id and not a.ask_of_landlord]
    listed = agreed + [a for a in actions if a.status == "open" and not a.ask_of_landlord and a not in agreed]
    open_actions = [a for a in actions if a.status == "open"]
    overdue = sum(a.overdue(today) for a in open_actions)
    lines = [f"As at {long_date(today)}."]
    if meeting is not None:
        lines.append(f"{plural(len(agreed), 'action')} agreed at the {markup(meeting.heading)} on "
                     f"{long_date(meeting.date)}, and every action still open.")
    lines.append(f"{plural(len(open_actions), 'open action')}, {overdue} of them overdue.")
    heading = f"Action list: {meeting.heading}, {long_date(meeting.date)}" if meeting else "Action list"
    story = [
        *title_block(association.name, heading, styles, lines),
        *_open_section(listed, meetings, members, today, styles, meeting),
        *asks_section(actions, meetings, today, styles),
    ]
    if since is not None:
        story += _completed_section(actions, members, since, styles)
    label = f"{heading}, {long_date(today)}" if meeting is None else heading
    return save(out, story, Page(association.name, label, label, large_print=large_print))


def _owner(action: Action, members: dict[str, Member]) -> tuple[tuple, str]:
    """The owner's name and a surname-first sort key; people not on the roll sort by their last word."""
    member = members.get(action.owner_member_id or "")
    name = action.owner_name or (member.name if member else "")
    if not name:
        return ((1, "", ""), NO_OWNER)
    return ((0, *(member.sort_key if member else surname_order(name))), name)


def _meeting_name(meetings: dict[str, Meeting], meeting_id: str) -> str:
    meeting = meetings.get(meeting_id)
    return f"{meeting.heading}, {long_date(meeting.date)}" if meeting else ""


def _open_section(
    actions: list[Action],
    meetings: dict[str, Meeting],
    members: dict[str, Member],
    today: date,
    styles: Styles,
    meeting: Meeting | None = None,
) -> list[Flowable]:
    """A heading and table for each person; one line for someone with a single action."""
    if not actions:
        return [Paragraph("There are no open actions.", styles.body)]
    groups: dict[tuple, list[Action]] = defaultdict(list)
    names: dict[tuple, str] = {}
    for action in actions:
        key, name = _owner(action, members)
        groups[key].append(action)
        names[key] = name
    where = _Agreed(meetings, meeting)
    story: list[Flowable] = []
    for key in sorted(groups):
        owned = sorted(groups[key], key=lambda a: (a.due is None, a.due or today))
        if len(owned) == 1:
            story.append(_one_action(names[key], owned[0], where, today, styles))
            continue
        story.append(Paragraph(f"{markup(names[key])} ({plural(len(owned), 'action')})", styles.heading))
        story.append(_open_table(owned, where, today, styles))
    return story


class _Agreed:
    """Where an action was agreed: "This meeting" for the meeting the list is for."""

    def __init__(self, meetings: dict[str, Meeting], meeting: Meeting | None) -> None:
        self.meetings, self.meeting = meetings, meeting

    def __call__(self, action: Action) -> str:
        if self.meeting is not None and action.meeting_id == self.meeting.id:
            return "This meeting"
        return _meeting_name(self.meetings, action.meeting_id)


def _one_action(name: str, action: Action, where: _Agreed, today: date, styles: Styles) -> Flowable:
    """'Zoë Docherty: Write to the council. Agreed at this meeting; due 12 January 2027.'"""
    due = _due_text(action, today)
    state = "; done" if action.status == "done" else ""
    text = (f"<b>{markup(name)}:</b> {markup(action.description.rstrip('.'))}. "
            f"<font color='#595959'>Agreed at {markup(where(action)).replace('This', 'this')}; {due}{state}.</font>")
    return Paragraph(text, styles.body.clone("one_action", spaceBefore=styles.body_size * 0.6))


def _due_text(action: Action, today: date) -> str:
    if action.due is None:
        return "no date set"
    if action.overdue(today):
        days = plural((today - action.due).days, "day")
        return f"due {long_date(action.due)}, <font color='{WARNING_HEX}'><b>overdue</b></font> by {days}"
    return f"due {long_date(action.due)}"


def _due_cell(action: Action, today: date, styles: Styles) -> Paragraph:
    if action.status == "done":
        return Paragraph(f"Done{' on ' + long_date(action.completed) if action.completed else ''}", styles.cell)
    if action.due is None:
        return Paragraph("No date set", styles.cell)
    if action.overdue(today):
        days = plural((today - action.due).days, "day")
        return Paragraph(
            f"{long_date(action.due)}<br/><font color='{WARNING_HEX}'><b>Overdue</b></font> by {days}",
            styles.cell,
        )
    return Paragraph(long_date(action.due), styles.cell)


def _columns(styles: Styles) -> list[float]:
    due = (52 if styles.large_print else 38) * mm
    meeting = (55 if styles.large_print else 44) * mm
    return [FRAME_WIDTH - due - meeting, meeting, due]


def _open_table(actions: list[Action], where: _Agreed, today: date, styles: Styles) -> Table:
    head = [Paragraph(text, styles.cell_head) for text in ("Action", "Agreed at", "Due")]
    rows = [
        [
            Paragraph(markup(a.description), styles.cell),
            Paragraph(markup(where(a)), styles.cell),
            _due_cell(a, today, styles),
        ]
        for a in actions
    ]
    table = Rows([head, *rows], colWidths=_columns(styles), repeatRows=1)
    table.setStyle(TableStyle(table_style()))
    return table


def _completed_section(
    actions: list[Action], members: dict[str, Member], since: date, styles: Styles
) -> list[Flowable]:
    done = [a for a in actions if a.status == "done" and a.completed is not None and a.completed >= since]
    heading = Paragraph(f"Completed since {long_date(since)}", styles.heading)
    if not done:
        return [heading, Paragraph("No actions have been completed since then.", styles.body)]
    head = [Paragraph(text, styles.cell_head) for text in ("Action", "Done by", "Completed")]
    rows = [
        [
            Paragraph(markup(a.description), styles.cell),
            Paragraph(markup(_owner(a, members)[1]), styles.cell),
            Paragraph(long_date(a.completed), styles.cell),
        ]
        for a in sorted(done, key=lambda a: a.completed or date.min)
    ]
    table = Rows([head, *rows], colWidths=_columns(styles), repeatRows=1)
    table.setStyle(TableStyle(table_style()))
    return [heading, table]
