"""The action list's section on asks of the landlord: what was asked, the answer, and how long it waited."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, TableStyle

from app import asks
from app.model import Action, Meeting
from app.reports.page import FRAME_WIDTH, Rows
from app.reports.paragraph import Paragraph
from app.reports.styles import Styles, table_style
from app.reports.words import markup
from app.words import long_date, plural

HEADING = "Asks of the landlord"


def asks_section(actions: list[Action], meetings: dict[str, Meeting], today: date,
                 styles: Styles) -> list[Flowable]:
    """Open asks, oldest first, with head office's answer; nothing when the association has asked nothing."""
    asked = [a for a in actions if a.ask_of_landlord]
    if not asked:
        return []
    dated = [(a, meetings[a.meeting_id].date) for a in asked if a.meeting_id in meetings]
    story: list[Flowable] = [Paragraph(HEADING, styles.heading),
                             Paragraph(markup(asks.waiting(dated, today).sentence), styles.body)]
    still = sorted((pair for pair in dated if pair[0].status == "open"), key=lambda pair: pair[1])
    if not still:
        return [*story, Paragraph("No asks of the landlord are open.", styles.body)]
    head = [Paragraph(text, styles.cell_head) for text in ("Ask", "Asked at", "Answer", "Waited")]
    rows = [[Paragraph(f"{markup(a.description)}<br/><i>{markup(asks.who_is_asked(a))}</i>", styles.cell),
             Paragraph(markup(long_date(on)), styles.cell),
             Paragraph(markup(asks.answer_line(a)), styles.cell),
             Paragraph(markup(_waited(a, on, today)), styles.cell)] for a, on in still]
    table = Rows([head, *rows], colWidths=_columns(styles), repeatRows=1)
    table.setStyle(TableStyle(table_style()))
    return [KeepTogether([*story, table])]  # the heading and figure stay with the table's first rows


def _waited(action: Action, asked_on: date, today: date) -> str:
    days = asks.days_waited(action, asked_on, today) or 0
    return f"{plural(days, 'day')} to answer" if action.first_answered_on else f"{plural(days, 'day')} so far"


def _columns(styles: Styles) -> list[float]:
    asked, waited = (40 if styles.large_print else 30) * mm, (34 if styles.large_print else 26) * mm
    rest = FRAME_WIDTH - asked - waited
    return [rest * 0.5, asked, rest * 0.5, waited]
