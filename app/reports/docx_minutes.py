"""Draft minutes as a Word document, for a secretary who wants to polish the wording before approval.

The words and their order are the PDF's own (both come from minutes_text); only the layout is
Word's, so the secretary can edit freely. Approved minutes are never offered this way: the
services refuse, because an editable copy of an agreed record invites quiet changes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as Word
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from app.model import AgendaItem, Candidate, Election, MeetingRecord
from app.reports import minutes_text as words
from app.reports.page import Output, write_atomically
from app.reports.styles import LANGUAGE
from app.words import join_names, long_date

INDENT = Mm(8)


def minutes_docx(record: MeetingRecord, out: Output) -> None:
    """Write the minutes as a .docx file (to a path atomically, or to a binary file object)."""
    document = Document()
    _page(document, record)
    _heading_block(document, record)
    _attendance(document, record)
    _labelled(document, "Quorum", words.quorum_sentence(record))
    grouped = words.by_item(record)
    for number, item in enumerate(sorted(record.agenda, key=lambda i: i.position), start=1):
        document.add_heading(f"{number}. {item.title}", level=2)
        _item(document, record, item, grouped.get(item.id, {}))
    if grouped.get(None):
        document.add_heading("Other decisions and actions", level=2)
        _decisions(document, record, grouped[None])
    _closing(document, record)
    _appendix(document, record)
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomically(out, lambda file: file.write(buffer.getvalue()))


def _page(document: Word, record: MeetingRecord) -> None:
    """A4 with the PDF's margins; the association and 'Draft minutes' in the header, 'Page n of N' below."""
    meeting = record.meeting
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(24), Mm(20)
    # the association and what the document is on lines of their own, so a long name never wraps into the label
    state = "Minutes" if words.is_approved(record) else "Draft minutes"
    name = section.header.paragraphs[0]
    name.add_run(record.association.name).bold = True
    label = section.header.add_paragraph(f"{state}: {meeting.heading}, {long_date(meeting.date)}")
    label.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for line in (name, label):
        line.paragraph_format.space_after = Pt(0)
        for run in line.runs:
            run.font.size = Pt(9)
    _british(document)
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centred
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    properties = document.core_properties
    properties.title = f"Minutes of the {meeting.heading}, {long_date(meeting.date)}"
    properties.author = record.association.name
    properties.language = LANGUAGE


def _british(document: Word) -> None:
    """British English for spelling and grammar checks: python-docx's template says American English."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), LANGUAGE)
    for style in document.styles.element.iter(qn("w:lang")):
        style.set(qn("w:val"), LANGUAGE)


def _field(paragraph, code: str) -> None:
    """A Word field (page number, page count) that Word fills in as it lays out the pages."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == code:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {code} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _heading_block(document: Word, record: MeetingRecord) -> None:
    document.add_heading(record.association.name, level=0)
    document.add_paragraph(f"Minutes of the {record.meeting.heading}", style="Subtitle")
    document.add_paragraph(f"Held on {words.when_and_where(record.meeting)}.")


def _labelled(document: Word, label: str, text: str, indent: bool = False):
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}:").bold = True
    paragraph.add_run(f" {text}")
    if indent:
        paragraph.paragraph_format.left_indent = INDENT
    return paragraph


def _attendance(document: Word, record: MeetingRecord) -> None:
    _labelled(document, "Present", words.present_summary(record))
    _labelled(document, "Apologies", (join_names(words.others(record, "apology")) or "none") + ".")
    guests = words.others(record, "guest")
    if guests:
        _labelled(document, "In attendance", join_names(guests) + ".")
    if any(e.kind == "proxy" for e in record.attendance):
        _labelled(document, "Proxies", words.proxy_sentences(record))
    for label, name in words.officers(record):
        _labelled(document, label, name + ".")


def _item(document: Word, record: MeetingRecord, item: AgendaItem, things: dict[str, list]) -> None:
    wrote = False
    if item.kind == "minutes of last meeting" and record.approved_here:
        for sentence, corrections in words.approved_here(record):
            document.add_paragraph(sentence)
            if corrections:
                _labelled(document, "Corrections", corrections)
        wrote = True
    elif item.kind == "minutes of last meeting" and record.previous_meeting:
        document.add_paragraph(words.previous_minutes_sentence(record))
        wrote = True
    if item.kind == "matters arising":
        for line in words.arising_lines(record):
            _indented(document, line)
            wrote = True
    blocks = [b.strip() for b in item.notes.replace("\r\n", "\n").split("\n\n") if b.strip()]
    for block in blocks:
        document.add_paragraph(block)
    wrote = _decisions(document, record, things) or wrote or bool(blocks)
    if item.kind == "date of next meeting" and words.next_meeting_sentence(record, item.notes):
        document.add_paragraph(words.next_meeting_sentence(record, item.notes))
        wrote = True
    if not wrote and words.nothing_noted(item.kind):
        document.add_paragraph(words.nothing_noted(item.kind))


def _decisions(document: Word, record: MeetingRecord, things: dict[str, list]) -> bool:
    """Motions, elections and actions under one item; True when there were any."""
    for motion in things.get("motions", []):
        said = words.motion_words(record, motion)
        _labelled(document, said.label, said.text, indent=True)
        for line in (said.moved, said.counts):
            if line:
                _indented(document, line)
        result = _indented(document, "")
        result.add_run(said.result or words.NO_VOTE).bold = bool(said.result)
    for election in things.get("elections", []):
        _election(document, election, [c for c in record.candidates if c.election_id == election.id])
    for action in things.get("actions", []):
        _labelled(document, "Action", words.action_words(action, words.action_owner(record, action)), indent=True)
    return any(things.get(kind) for kind in ("motions", "elections", "actions"))


def _indented(document: Word, text: str):
    paragraph = document.add_paragraph(text)
    paragraph.paragraph_format.left_indent = INDENT
    return paragraph


def _election(document: Word, election: Election, candidates: list[Candidate]) -> None:
    post, places = words.election_title(election)
    title = _indented(document, "")
    title.add_run(post).bold = True
    title.add_run(f" {places}")
    if any(c.votes is not None for c in candidates):
        rows = [(c.name, "" if c.votes is None else str(c.votes), "Elected" if c.elected else "")
                for c in words.ranked(candidates)]
        _table(document, ("Candidate", "Votes", "Result"), rows, (Mm(95), Mm(25), Mm(40)))
    for line in words.election_outcome(election, candidates):
        _indented(document, line)


def _table(document: Word, headings: tuple[str, ...], rows: Sequence[tuple[str, ...]], widths: tuple = ()) -> None:
    """A plain grid whose heading row repeats when Word carries the table over a page; ``widths`` fit
    the columns to what they hold (names wide, numbers narrow), else the columns share the page."""
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    widths = widths or (Mm(170 / len(headings)),) * len(headings)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width  # Word reads the cells' widths, LibreOffice the grid's


def _closing(document: Word, record: MeetingRecord) -> None:
    if record.next_meeting and not any(i.kind == "date of next meeting" for i in record.agenda):
        document.add_heading("Date of next meeting", level=2)
        document.add_paragraph(words.next_meeting_sentence(record))
    if words.closed_sentence(record):
        document.add_paragraph(words.closed_sentence(record))
    approved = words.approval(record)
    if approved:
        document.add_paragraph(approved[0])
        if approved[1]:
            _labelled(document, "Corrections", approved[1])
    document.add_paragraph()
    document.add_paragraph("Signed by the Chair ………………………………………………    Date ……………………………")


def _appendix(document: Word, record: MeetingRecord) -> None:
    present = words.present(record)
    if len(present) <= words.INLINE_PRESENT_LIMIT:
        return
    document.add_heading("Appendix: members present", level=2)
    names = [words.present_name(record, e, surname_first=True) for e in present]
    rows = [tuple(names[i : i + 3]) + ("",) * (3 - len(names[i : i + 3])) for i in range(0, len(names), 3)]
    _table(document, (f"Members present, by surname ({len(present)})", "", ""), rows)
