"""Pages break where a secretary would break them: no heading alone at the foot of a page, no single
stray line, and the chair's signature always on a page with the text it signs.

Read back from the PDFs with `pdftotext -bbox-layout`: a heading is a line set at the heading size.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace

import pytest

from app.model import Action, Attendance
from app.reports import actions_pdf, agenda_pdf, minutes_pdf
from tests.conftest import DEMO_DAY
from tests.reports.conftest import laid_out, stranded_headings, text_above

pytestmark = pytest.mark.slow
SIGNED = "Signed by the Chair"


@pytest.fixture(scope="module")
def stress(large_agm, tmp_path_factory):
    """500 present and 100 actions, in normal and large print."""
    folder = tmp_path_factory.mktemp("stress")
    normal, large = folder / "minutes.pdf", folder / "minutes-large.pdf"
    minutes_pdf(large_agm, normal)
    minutes_pdf(large_agm, large, large_print=True)
    return normal, large


def test_no_heading_is_left_without_its_text_in_the_stress_meeting(stress):
    assert stranded_headings(stress[0]) == []
    assert stranded_headings(stress[1], body_size=16) == []


def test_the_stress_meetings_signature_shares_its_page_with_the_minutes(stress):
    for pdf in stress:
        above = [line for line in text_above(pdf, SIGNED) if line.strip() not in ("DRAFT", "FT", "DR")]
        assert len(above) >= 2, above


@pytest.mark.parametrize("lines_before", range(0, 60, 3))
def test_the_signature_never_sits_alone_whatever_the_length(general_meeting, tmp_path, lines_before):
    """Notes of growing length push the end of the minutes past every point of a page break."""
    item = general_meeting.agenda[-1]
    notes = "\n".join(f"Line {n} of a long note about the next meeting." for n in range(lines_before))
    record = replace(general_meeting, agenda=[*general_meeting.agenda[:-1], replace(item, notes=notes)])
    out = tmp_path / "minutes.pdf"
    minutes_pdf(record, out)
    above = [line for line in text_above(out, SIGNED) if line.strip() not in ("DRAFT", "FT", "DR")]
    assert len(above) >= 2, above
    assert stranded_headings(out) == []
    pages = laid_out(out)
    for page in pages:  # a note split over a page leaves two lines at least on either side
        note = [ln for ln in page.lines if ln.text.startswith("Line ")]
        assert len(note) != 1, note


def test_every_demo_document_keeps_headings_with_their_text(demo, tmp_path):
    for meeting in demo.meetings.meetings():
        for document in ("minutes", "agenda", "actions")[0 if meeting.held else 1 :]:
            for large in (False, True):
                out = tmp_path / f"{document}-{meeting.id}-{large}.pdf"
                demo.documents.print_document(document, meeting.id, out, large_print=large, today=DEMO_DAY)
                assert stranded_headings(out, 16 if large else 11) == [], (document, meeting.heading, large)
                if document == "minutes":
                    assert len(text_above(out, SIGNED)) >= 2
    out = tmp_path / "pack.pdf"
    demo.documents.print_pack(DEMO_DAY.year, out, today=DEMO_DAY)
    assert stranded_headings(out) == []


def test_many_actions_keep_each_owners_name_with_their_actions(large_agm, tmp_path):
    actions = [*large_agm.actions, *(Action("big", f"Single task {n}", owner_name=f"Helper {n}", id=f"h{n}")
                                     for n in range(40))]
    out = tmp_path / "actions.pdf"
    actions_pdf(large_agm.association, actions, {"big": large_agm.meeting}, large_agm.members,
                large_agm.meeting.date, None, out, meeting=large_agm.meeting)
    assert stranded_headings(out) == []


def test_a_long_agenda_keeps_its_heading(large_agm, tmp_path):
    out = tmp_path / "agenda.pdf"
    agenda_pdf(replace(large_agm, attendance=[Attendance("big", "present", "x1")]), out)
    assert stranded_headings(out) == []


def test_a_long_table_never_leaves_one_row_alone_on_either_page():
    from reportlab.platypus import Paragraph

    from app.reports.page import Rows
    from app.reports.styles import make_styles

    styles = make_styles()
    table = Rows([[Paragraph(f"Row {n}", styles.cell)] for n in range(9)], repeatRows=1)
    _, height = table.wrap(400, 10_000)
    for available in range(10, int(height)):
        parts = table.split(400, available)
        for part in parts:
            assert len(part._cellvalues) - 1 >= 2, (available, [len(p._cellvalues) for p in parts])


@pytest.mark.parametrize("large", [False, True])
def test_a_long_association_name_never_overlaps_the_header_label(general_meeting, tmp_path, large):
    name = "Wellhouse, Garthamlock, Craigend, Ruchazie and Easterhouse District Tenants' and Residents' Association"
    record = replace(general_meeting, association=replace(general_meeting.association, name=name))
    out = tmp_path / "minutes.pdf"
    minutes_pdf(record, out, large_print=large)
    xhtml = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(out), "-"], capture_output=True,
                           text=True, check=True).stdout
    boxes = [tuple(float(v) for v in m.groups()) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', xhtml)]
    header = [b for b in boxes if b[1] < 25 * 72 / 25.4 and b[3] - b[1] < 60]  # above the text, not the watermark
    assert len(header) > 10
    for n, a in enumerate(header):
        for b in header[n + 1 :]:
            overlap = min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5
            assert not overlap, (a, b)
