"""Motions, elections and actions written as the minutes record them."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Indenter, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.model import Action, Candidate, Election, MeetingRecord, Motion
from app.reports.page import FRAME_WIDTH
from app.reports.styles import Styles, table_style
from app.reports.words import markup
from app.words import join_names, long_date, plural, surname_order

DASH = "\u2013"


def vote_counts(motion: Motion) -> str:
    """'18 for, 3 against, 2 abstentions', worded as app.rules words it, or '' before a vote."""
    if motion.votes_for is None or motion.votes_against is None:
        return ""
    abstentions = plural(motion.abstentions or 0, "abstention")
    return f"{motion.votes_for} for, {motion.votes_against} against, {abstentions}"


def seconding(record: MeetingRecord, proposer_id: str | None, seconder_id: str | None) -> str:
    """'Proposed by Agnes MacLeod, seconded by Tariq Khan.' with whichever names are known."""
    proposer, seconder = record.member_name(proposer_id), record.member_name(seconder_id)
    if proposer and seconder:
        return f"Proposed by {proposer}, seconded by {seconder}."
    if proposer:
        return f"Proposed by {proposer}."
    return f"Seconded by {seconder}." if seconder else ""


def motion_lines(record: MeetingRecord, motion: Motion) -> list[str]:
    """The motion, who moved it, the counts and the result, as lines of markup."""
    label = "Amendment" if motion.amends_id else "Motion"
    lines = [f"<b>{label}:</b> {markup(motion.text)}"]
    moved = seconding(record, motion.proposer_id, motion.seconder_id)
    if moved:
        lines.append(markup(moved))
    counts = vote_counts(motion)
    if counts and counts not in motion.result_text:
        lines.append(f"Votes: {counts}.")
    result = motion.result_text or ({True: "Carried.", False: "Not carried."}.get(motion.carried, ""))
    lines.append(f"<b>{markup(result)}</b>" if result else "<i>No vote has been recorded.</i>")
    return lines


def motion_block(record: MeetingRecord, motion: Motion, styles: Styles) -> Flowable:
    """A motion is short, so it is kept on one page rather than leaving its result overleaf."""
    lines = [Paragraph(line, styles.inset) for line in motion_lines(record, motion)]
    return KeepTogether([*lines, Spacer(1, styles.body_size * 0.5)])


def action_line(action: Action, owner: str) -> str:
    """'Action: Write to the council – Siobhán MacLeod, by 12 January 2027' as markup."""
    text = f"<b>Action:</b> {markup(action.description.rstrip('. '))}"
    if owner:
        text += f" {DASH} {markup(owner)}"
    if action.due:
        text += f", by {long_date(action.due)}"
    return text


def action_owner(record: MeetingRecord, action: Action) -> str:
    return action.owner_name or record.member_name(action.owner_member_id)


def election_block(election: Election, candidates: list[Candidate], styles: Styles) -> list[Flowable]:
    """The post, the places, and who was elected: unopposed in a sentence, contested in a table."""
    title = f"<b>Election of {markup(election.post)}</b> ({plural(election.seats, 'place')})"
    story = [Spacer(1, styles.body_size * 0.3), Paragraph(title, styles.inset)]
    ordered = sorted(candidates, key=lambda c: surname_order(c.name))
    elected = [c.name for c in ordered if c.elected]
    if any(c.votes is not None for c in candidates):
        indent = styles.inset.leftIndent
        story += [
            Indenter(left=indent),
            _vote_table(candidates, styles),
            Indenter(left=-indent),
            Spacer(1, 4),
        ]
    story += [Paragraph(markup(line), styles.inset) for line in _outcome(election, ordered, elected)]
    return [KeepTogether(story)]


def _outcome(election: Election, candidates: list[Candidate], elected: list[str]) -> list[str]:
    if not candidates:
        return ["There were no nominations; the post remains vacant."]
    if not elected:
        return [f"Candidates: {join_names(c.name for c in candidates)}. No result has been recorded."]
    how = " unopposed" if all(c.unopposed for c in candidates if c.elected) else ""
    lines = [f"{join_names(elected)} {_were(elected)} elected{how}."]
    vacant = election.seats - len(elected)
    if vacant > 0:
        lines.append(f"{plural(vacant, 'place')} {'remains' if vacant == 1 else 'remain'} vacant.")
    return lines


def _were(names: list[str]) -> str:
    return "was" if len(names) == 1 else "were"


def _vote_table(candidates: list[Candidate], styles: Styles) -> Table:
    """Most votes first, so the order of election reads from the top."""
    ranked = sorted(candidates, key=lambda c: (-(c.votes or 0), surname_order(c.name)))
    rows = [
        [
            Paragraph("Candidate", styles.cell_head),
            Paragraph("Votes", styles.cell_head_right),
            Paragraph("Result", styles.cell_head),
        ]
    ]
    for candidate in ranked:
        rows.append(
            [
                Paragraph(markup(candidate.name), styles.cell),
                Paragraph("" if candidate.votes is None else str(candidate.votes), styles.cell_right),
                Paragraph("Elected" if candidate.elected else "", styles.cell),
            ]
        )
    unit = styles.body_size / 11
    votes, result = 22 * mm * unit, 30 * mm * unit
    name = min(75 * mm * unit, FRAME_WIDTH - styles.inset.leftIndent - votes - result)
    table = Table(rows, colWidths=[name, votes, result], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([*table_style(), ("LEFTPADDING", (2, 0), (2, -1), 10)]))
    return table
