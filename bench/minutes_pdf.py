"""Minutes of the largest AGM (500 present, 40 items, 30 motions, 100 actions) printed to PDF.

Baseline: bare reportlab, SimpleDocTemplate laying out the same paragraphs and tables in the same
embedded font, without Quorum's page furniture (header, "Page n of N", DRAFT watermark) or its
care over page breaks. Both write to memory, so the disk does not blur the comparison.
"""

from __future__ import annotations

import io
import statistics
import time
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from app.demo import FIRST_NAMES, SURNAMES, VENUE
from app.model import (
    Action,
    AgendaItem,
    Association,
    Attendance,
    Meeting,
    MeetingRecord,
    Member,
    Minutes,
    Motion,
)
from app.reports import minutes_pdf
from app.reports.styles import BOLD, REGULAR, register_fonts
from bench.result import report

RUNS = 9
NOTES = "Discussion of the repairs. " * 12


def large_agm() -> MeetingRecord:
    """The shape of tests/reports/conftest.py's large_agm, with made-up names."""
    members = {f"x{n}": Member(FIRST_NAMES[n % len(FIRST_NAMES)], f"{SURNAMES[n % len(SURNAMES)]}-{n}",
                               address=f"{n} Long Road", role="chair" if n == 0 else "member", id=f"x{n}")
               for n in range(520)}
    agenda = [AgendaItem("big", n, f"Item {n}: report on block {n}", kind="report", notes=NOTES, id=f"big-i{n}",
                         presenter="The chair", expected_minutes=5) for n in range(1, 41)]
    motions = [Motion("big", f"That motion {n} be agreed.", agenda_item_id=f"big-i{n % 40 + 1}", proposer_id="x1",
                      seconder_id="x2", votes_for=300, votes_against=150, abstentions=50, carried=True,
                      result_text="Carried: 300 for, 150 against, 50 abstentions.", position=n, id=f"bm{n}")
               for n in range(30)]
    actions = [Action("big", f"Follow up point {n}", owner_member_id=f"x{n % 7}", owner_name=members[f"x{n % 7}"].name,
                      due=date(2027, 1, 1 + n % 28), agenda_item_id=f"big-i{n % 40 + 1}", id=f"ba{n}")
               for n in range(100)]
    return MeetingRecord(
        association=Association("Wellhouse and District Tenants' and Residents' Association", id="assoc"),
        meeting=Meeting("annual general", date(2026, 11, 24), "19:00", VENUE, id="big"),
        agenda=agenda,
        attendance=[Attendance("big", "present", f"x{n}") for n in range(500)]
        + [Attendance("big", "apology", f"x{n}") for n in range(500, 520)],
        members=members, motions=motions, actions=actions, minutes=Minutes("big"), member_count=520,
        quorum_required=10,
    )


def bare_pdf(record: MeetingRecord, out) -> None:
    """The same text as plain paragraphs, and the attendance appendix as a three-column table."""
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=14, spaceAfter=4)
    heading = ParagraphStyle("heading", fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=8)
    name = record.members
    story = [Paragraph(record.association.name, heading), Paragraph("Minutes of the Annual General Meeting", body),
             Paragraph(f"Present: {len(name) - 20} members; all are listed by surname in the appendix.", body),
             Paragraph("Apologies: " + ", ".join(name[a.member_id].name for a in record.attendance
                                                 if a.kind == "apology") + ".", body)]
    for item in record.agenda:
        story += [Paragraph(f"{item.position}. {item.title}", heading), Paragraph(item.notes, body)]
        for motion in (m for m in record.motions if m.agenda_item_id == item.id):
            story += [Paragraph(f"<b>Motion:</b> {motion.text}", body),
                      Paragraph(f"Proposed by {name['x1'].name}, seconded by {name['x2'].name}.", body),
                      Paragraph(f"<b>{motion.result_text}</b>", body)]
        story += [Paragraph(f"<b>Action:</b> {a.description} – {a.owner_name}, by {a.due:%d %B %Y}", body)
                  for a in record.actions if a.agenda_item_id == item.id]
    present = sorted((name[a.member_id] for a in record.attendance if a.kind == "present"), key=lambda m: m.surname)
    cells = [Paragraph(f"{m.surname}, {m.first_name}", body) for m in present]
    rows = [cells[i:i + 3] + [""] * (3 - len(cells[i:i + 3])) for i in range(0, len(cells), 3)]
    story += [Paragraph("Appendix: members present", heading), Table([["Members present", "", ""], *rows], repeatRows=1)]
    SimpleDocTemplate(out, pagesize=A4).build(story)


def seconds(render, record: MeetingRecord) -> float:
    start = time.perf_counter()
    render(record, io.BytesIO())
    return time.perf_counter() - start


def main() -> None:
    record = large_agm()
    register_fonts()
    seconds(minutes_pdf, record), seconds(bare_pdf, record)  # not timed: reportlab's caches and the font files
    times = [(seconds(minutes_pdf, record), seconds(bare_pdf, record)) for _ in range(RUNS)]
    quorum, bare = statistics.median(t for t, _ in times), statistics.median(b for _, b in times)
    report("minutes_pdf", f"{quorum:.2f} s", f"{bare:.2f} s", quorum / bare, "ratio <= 1.3 and under 2 s",
           quorum / bare <= 1.3 and quorum < 2)


if __name__ == "__main__":
    main()
