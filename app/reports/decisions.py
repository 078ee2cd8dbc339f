"""Motions, elections and actions laid out as the minutes print them; the words are in minutes_text."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Indenter, KeepTogether, Spacer, Table, TableStyle

from app.model import Action, Candidate, Election, MeetingRecord, Motion
from app.reports.minutes_text import (
    NO_VOTE,
    action_words,
    election_outcome,
    election_title,
    motion_words,
    ranked,
)
from app.reports.page import FRAME_WIDTH
from app.reports.paragraph import Paragraph
from app.reports.styles import Styles, table_style
from app.reports.words import markup


def motion_lines(record: MeetingRecord, motion: Motion) -> list[str]:
    """The motion, who moved it, the counts and the result, as lines of markup."""
    words = motion_words(record, motion)
    lines = [f"<b>{words.label}:</b> {markup(words.text)}"]
    lines += [markup(line) for line in (words.moved, words.counts) if line]
    lines.append(f"<b>{markup(words.result)}</b>" if words.result else f"<i>{NO_VOTE}</i>")
    return lines


def motion_block(record: MeetingRecord, motion: Motion, styles: Styles) -> Flowable:
    """A motion is short, so it is kept on one page rather than leaving its result overleaf."""
    lines = [Paragraph(line, styles.inset) for line in motion_lines(record, motion)]
    return KeepTogether([*lines, Spacer(1, styles.body_size * 0.5)])


def action_line(action: Action, owner: str) -> str:
    """'Action: Write to the council – Siobhán MacLeod, by 12 January 2027' as markup."""
    return f"<b>Action:</b> {markup(action_words(action, owner))}"


def election_block(election: Election, candidates: list[Candidate], styles: Styles) -> list[Flowable]:
    """The post, the places, and who was elected: unopposed in a sentence, contested in a table."""
    post, places = election_title(election)
    story = [Spacer(1, styles.body_size * 0.3), Paragraph(f"<b>{markup(post)}</b> {places}", styles.inset)]
    if any(c.votes is not None for c in candidates):
        indent = styles.inset.leftIndent
        story += [
            Indenter(left=indent),
            _vote_table(candidates, styles),
            Indenter(left=-indent),
            Spacer(1, 4),
        ]
    story += [Paragraph(markup(line), styles.inset) for line in election_outcome(election, candidates)]
    return [KeepTogether(story)]


def _vote_table(candidates: list[Candidate], styles: Styles) -> Table:
    rows = [
        [
            Paragraph("Candidate", styles.cell_head),
            Paragraph("Votes", styles.cell_head_right),
            Paragraph("Result", styles.cell_head),
        ]
    ]
    for candidate in ranked(candidates):
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
