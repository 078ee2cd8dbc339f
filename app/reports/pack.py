"""The landlord's yearly pack: who holds office, the members, the constitution, the money, the AGM minutes.

The short sections come first so they share the opening pages; the AGM minutes follow on a
page of their own, exactly as they print on their own.
"""

from __future__ import annotations

import re
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Table, TableStyle

from app.model import STATEMENT_SECTIONS, OfficeHolder, Statement, YearlyPack
from app.money import pounds
from app.reports.blocks import notes, signature_lines, title_block
from app.reports.minutes import minutes_story
from app.reports.minutes_text import is_approved
from app.reports.page import FRAME_WIDTH, Output, Page, Rows, save
from app.reports.paragraph import Paragraph
from app.reports.styles import BOLD, REGULAR, SHADE, Styles, make_styles, table_style
from app.reports.words import markup
from app.words import long_date, plural

SECTIONS = ("Office bearers and committee", "Membership", "The constitution", "Treasurer's statement",
            "Certification", "Minutes of the Annual General Meeting")
SECTION_NAMES = {"income": "Income", "expenditure": "Expenditure", "assets": "Assets", "liabilities": "Liabilities"}


def pack_pdf(pack: YearlyPack, out: Output, large_print: bool = False, today: date | None = None) -> list[str]:
    """Write the pack for one year as a single PDF."""
    styles = make_styles(large_print)
    story = [
        *title_block(pack.association.name, f"Yearly pack for the landlord: {pack.year}", styles,
                     _details(pack, today or date.today())),
        Paragraph("Contents: " + "; ".join(f"{n}. {markup(s)}" for n, s in enumerate(SECTIONS, 1)) + ".",
                  styles.body),
        *_office_bearers(pack, styles),
        *_membership(pack, styles),
        *_constitution(pack, styles),
    ]
    # the certification keeps its words with the two signatures, so it is never a page of bare lines
    story += [*_statement(pack, styles), _certification(pack, styles), *_agm(pack, styles)]
    page = Page(
        association=pack.association.name,
        label=f"Yearly pack for the landlord, {pack.year}",
        title=f"Yearly pack for the landlord, {pack.year}",
        large_print=large_print,
    )
    appendix = pack.constitution.pdf if pack.constitution else b""
    return save(out, story, page, appendix=appendix)


def _details(pack: YearlyPack, today: date) -> list[str]:
    lines = []
    if pack.association.rto_number:
        lines.append(f"Registered tenant organisation number {markup(pack.association.rto_number)}.")
    if pack.association.area:
        lines.append(f"Area: {markup(pack.association.area)}.")
    lines.append(f"Prepared on {long_date(today)}.")
    lines.append(f"<b>Secretary, for letters:</b> {markup(pack.secretary)}." if pack.secretary
                 else "No secretary is recorded in the member register, so no contact address is given.")
    return lines


def _heading(number: int, styles: Styles, text: str | None = None) -> Paragraph:
    return Paragraph(f"{number}. {markup(text or SECTIONS[number - 1])}", styles.heading)


def _office_bearers(pack: YearlyPack, styles: Styles) -> list[Flowable]:
    """Post and name; where they all come from one place, that is said once instead of on every row."""
    holders: list[OfficeHolder] = [*pack.office_bearers, *pack.committee]
    sources = {h.source for h in holders if h.source}
    story: list[Flowable] = [_heading(1, styles)]
    if len(sources) == 1:
        (source,) = sources
        story.append(Paragraph(f"As elected at the {markup(source)}." if source.startswith("AGM")
                               else f"As recorded in the {markup(source.lower())}.", styles.body))
    headings = ("Post", "Name", "Source")[: 2 if len(sources) <= 1 else 3]
    rows = [[Paragraph(h, styles.cell_head) for h in headings]]
    for holder in holders:
        cells = (holder.office, holder.name, holder.source)[: len(headings)]
        rows.append([Paragraph(markup(text), styles.cell) for text in cells])
    post = 62 * mm if styles.large_print else 45 * mm
    rest = FRAME_WIDTH - post
    widths = [post, rest] if len(headings) == 2 else [post, rest * 0.55, rest * 0.45]
    table = Rows(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(table_style()))
    story.append(table)
    if not pack.committee:
        story.append(Paragraph("No committee members are recorded, either elected at an AGM this year or "
                               "in the member register.", styles.body))
    return story


def _membership(pack: YearlyPack, styles: Styles) -> list[Flowable]:
    day = pack.counted_on or date(pack.year, 12, 31)
    if day < date(pack.year, 12, 31):
        sentence = (f"The association has {plural(pack.member_count, 'member')} on {long_date(day)}; "
                    f"the year is not over yet.")
    else:
        sentence = f"The association had {plural(pack.member_count, 'member')} on {long_date(day)}."
    return [_heading(2, styles), Paragraph(sentence, styles.body)]


def _constitution(pack: YearlyPack, styles: Styles) -> list[Flowable]:
    """The constitution as adopted, if attached (its text here, or its PDF at the end of the pack);
    then the rules Quorum works by, so the landlord can see they match."""
    day = pack.counted_on or date(pack.year, 12, 31)
    intro = styles.body.clone("intro", keepWithNext=1)
    document = pack.constitution
    story: list[Flowable] = [_heading(3, styles)]
    if document and document.text:
        story += [Paragraph(f"The constitution as adopted by the association (from {markup(document.name)}):",
                            intro), *notes(unwrapped(document.text), styles)]
    elif document:
        story.append(Paragraph(f"The constitution as adopted by the association ({markup(document.name)}) is "
                               "attached after the last numbered page of this pack.", styles.body))
    else:
        story.append(Paragraph("The constitution as adopted has not been attached in Quorum; a copy should be "
                               "sent with this pack.", styles.body))
    story.append(Paragraph(f"The rules Quorum worked by on {long_date(day)}:", intro))
    bullet = styles.inset.clone("bullet", bulletFontName=REGULAR, bulletFontSize=styles.body_size,
                                bulletIndent=styles.body_size * 0.5)
    story += [Paragraph(markup(sentence), bullet, bulletText="\u2022") for sentence in pack.rules]
    return story


CLAUSE = re.compile(r"\s*(\d+(\.\d+)+\.?|\d+[.)]|\(?[a-z]{1,4}\)|[-*\u2022])\s")  # 4. 4.1 (a) iv) - •
WRAPPED_AT = 60  # a line this long that ends mid-sentence was broken by an editor, not by its writer


def unwrapped(text: str) -> str:
    """A constitution typed with its lines broken to fit an editor's window, with those breaks taken out
    so it fills the page; a new clause, a heading and a short line each keep their own line."""
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        previous = lines[-1] if lines else ""
        carries_on = line[:1].isspace() or line.lstrip()[:1].islower() or (
            len(previous) >= WRAPPED_AT and not previous.rstrip().endswith((":", ".")))
        if previous.strip() and line.strip() and carries_on and not CLAUSE.match(line):
            lines[-1] = f"{previous.rstrip()} {line.strip()}"
        else:
            lines.append(line)
    return "\n".join(lines)


def _certification(pack: YearlyPack, styles: Styles) -> Flowable:
    """Two office bearers sign that the pack is a true account of the year."""
    named = {h.office: h.name for h in pack.office_bearers if h.name != "Vacant"}
    signers = [(office, named.get(office, "")) for office in ("Chair", "Secretary")]
    text = (f"We, two office bearers of {markup(pack.association.name)}, certify that this pack is a true account "
            f"of the association for {pack.year}: its office bearers and committee, its membership, its "
            "constitution as adopted, its accounts and the minutes of its Annual General Meeting.")
    lines = [signature_lines((f"Signed: {markup(name) + ', ' if name else ''}{office}", "Date"), styles)
             for office, name in signers]
    # one group, not groups within a group: a nested KeepTogether measures as too tall for any page
    return KeepTogether([_heading(5, styles), Paragraph(text, styles.body), *(f for g in lines for f in g._content)])


def _statement(pack: YearlyPack, styles: Styles) -> list[Flowable]:
    heading = _heading(4, styles, f"Treasurer's statement for {pack.year}")
    statement = pack.statement
    if statement is None:
        return [heading, Paragraph(f"No treasurer's statement for {pack.year} has been entered in Quorum.",
                                   styles.body)]
    year = pack.year
    flow = [
        (f"Balance on 1 January {year}", statement.opening_balance),
        ("Add total income", statement.total("income")),
        ("Less total expenditure", statement.total("expenditure")),
    ]
    net = statement.total("assets") - statement.total("liabilities")
    owned = [("Total assets", statement.total("assets")), ("Less total liabilities", statement.total("liabilities"))]
    return [
        heading,
        *(_money_table(statement, name, styles) for name in STATEMENT_SECTIONS[:2]),
        _summary_table(flow, (f"Balance on 31 December {year}", statement.closing_balance), styles),
        *(_money_table(statement, name, styles) for name in STATEMENT_SECTIONS[2:3]),
        # the last table, its sum and the signature stay together, so the treasurer signs under figures
        KeepTogether([
            _money_table(statement, STATEMENT_SECTIONS[3], styles),
            _summary_table(owned, ("Net assets", net), styles),
            *signature_lines(("Signed by the Treasurer", "Date"), styles)._content,
        ]),
    ]


def _amount_width(styles: Styles) -> float:
    return 45 * mm if styles.large_print else 35 * mm


def _money_table(statement: Statement, section: str, styles: Styles) -> Table:
    """One section, a line per entry and its total in bold beneath."""
    title = SECTION_NAMES[section]
    rows = [[Paragraph(title, styles.cell_head), Paragraph("Amount", styles.cell_head_right)]]
    lines = statement.lines(section)
    rows += [[Paragraph(markup(text), styles.cell), Paragraph(pounds(pence), styles.cell_right)]
             for text, pence in lines]
    if not lines:
        rows.append([Paragraph(f"No {title.lower()} entered.", styles.cell), Paragraph(pounds(0), styles.cell_right)])
    rows.append([Paragraph(f"<b>Total {title.lower()}</b>", styles.cell),
                 Paragraph(f"<b>{pounds(statement.total(section))}</b>", styles.cell_right)])
    amount = _amount_width(styles)
    table = Rows(rows, colWidths=[FRAME_WIDTH - amount, amount], repeatRows=1, spaceBefore=styles.body_size * 0.6)
    table.setStyle(TableStyle([*table_style(), ("LINEABOVE", (0, -1), (-1, -1), 0.8, "black")]))
    return table


def _summary_table(flow: list[tuple[str, int]], result: tuple[str, int], styles: Styles) -> Table:
    """The sum that ties the sections together, its result shaded so it stands out."""
    rows = [[Paragraph(markup(label), styles.cell), Paragraph(pounds(pence), styles.cell_right)]
            for label, pence in flow]
    rows.append([Paragraph(f"<b>{markup(result[0])}</b>", styles.cell),
                 Paragraph(f"<b>{pounds(result[1])}</b>", styles.cell_right)])
    amount = _amount_width(styles)
    table = Table(rows, colWidths=[FRAME_WIDTH - amount, amount], spaceBefore=styles.body_size * 0.6)
    table.setStyle(TableStyle([
        *(s for s in table_style() if s[0] not in ("BACKGROUND", "LINEBELOW")),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, "grey"),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, "black"),
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ("FONTNAME", (0, -1), (-1, -1), BOLD),
    ]))
    return table


def _agm(pack: YearlyPack, styles: Styles) -> list[Flowable]:
    heading = _heading(6, styles)
    if pack.agm is None:
        return [heading, Paragraph(f"Quorum has no record of an Annual General Meeting held in {pack.year}.",
                                   styles.body)]
    meeting = pack.agm.meeting
    state = ("They were approved as a true record and are locked." if is_approved(pack.agm)
             else "They have not been approved yet, so they are a draft.")
    return [
        heading,
        Paragraph(f"The minutes of the Annual General Meeting held on {long_date(meeting.date)} follow. "
                  f"{state}", styles.body),
        PageBreak(),
        *minutes_story(pack.agm, styles),
    ]
