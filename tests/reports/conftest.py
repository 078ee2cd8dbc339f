"""Meeting records built by hand from the model dataclasses, and helpers to read PDFs back."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from app.model import (
    Action,
    AgendaItem,
    Association,
    Attendance,
    Candidate,
    Election,
    Meeting,
    MeetingRecord,
    Member,
    Minutes,
    Motion,
    QuorumEvent,
)

ASSOCIATION = "Wellhouse and District Tenants' and Residents' Association"
VENUE = "Wellhouse Community Centre, 2 Wellhouse Road"

NAMED = [
    ("m-siobhan", "Siobhán", "MacLeod", "chair"),
    ("m-zoe", "Zoë", "Docherty", "secretary"),
    ("m-sean", "Seán", "Ó Dónaill", "treasurer"),
    ("m-lukasz", "Łukasz", "Nowak", "member"),
    ("m-agnes", "Agnes", "MacLeod", "committee member"),
    ("m-tariq", "Tariq", "Khan", "member"),
]
OTHERS = [
    "Margaret Campbell",
    "Jamie Reid",
    "Fatima Ahmed",
    "Andrew O'Brien",
    "Catriona Fraser",
    "Derek Paterson",
    "Aileen Stewart",
    "Mohammed Iqbal",
    "Kirsty Wilson",
    "Iain Morrison",
    "Elaine Gallacher",
    "Graham Robertson",
    "Ewa Kowalska",
    "Bernadette Quinn",
    "Ross Thomson",
    "Morag Sinclair",
    "Ahmed Hussain",
]
APOLOGIES = ["Isobel Hunter", "Frank McGuire", "Janet Boyle"]


def make_members() -> dict[str, Member]:
    members = {
        key: Member(
            first,
            surname,
            address=f"{n + 1} Wellhouse Crescent, Glasgow",
            postcode="G33 4AB",
            role=role,
            id=key,
        )
        for n, (key, first, surname, role) in enumerate(NAMED)
    }
    for n, name in enumerate(OTHERS + APOLOGIES):
        first, surname = name.split(" ", 1)
        key = f"m-{n:02d}"
        members[key] = Member(
            first, surname, address=f"{n + 10} Wellhouse Road, Glasgow", postcode="G33 4AD", id=key
        )
    return members


def _item(meeting_id: str, position: int, title: str, kind: str, notes: str = "", **kw) -> AgendaItem:
    return AgendaItem(
        meeting_id, position, title, kind=kind, notes=notes, id=f"{meeting_id}-i{position}", **kw
    )


@pytest.fixture
def general_meeting() -> MeetingRecord:
    """A realistic general meeting: 23 present, quorum lost and regained, three motions, two actions."""
    members = make_members()
    meeting = Meeting("general", date(2026, 11, 24), "19:30", VENUE, status="closed", id="g1")
    apology_ids = [key for key, m in members.items() if m.name in APOLOGIES]
    attendance = [
        Attendance("g1", "present", key, arrived="19:20") for key in members if key not in apology_ids
    ]
    attendance[3].arrived = "19:50"
    attendance += [Attendance("g1", "apology", key) for key in apology_ids]
    attendance += [
        Attendance(
            "g1", "guest", guest_name="Fiona Grant", guest_organisation="Wellhouse Housing Association"
        ),
        Attendance("g1", "guest", guest_name="Craig Lennox", guest_organisation="Police Scotland"),
    ]
    agenda = [
        _item(
            "g1",
            1,
            "Welcome and apologies",
            "welcome and apologies",
            "Siobhán MacLeod welcomed everyone, and especially Fiona Grant from the housing association.",
        ),
        _item("g1", 2, "Minutes of the last meeting", "minutes of last meeting"),
        _item(
            "g1",
            3,
            "Matters arising",
            "matters arising",
            "The new bins for Wellhouse Crescent have arrived.\n\nŁukasz Nowak asked about the close lighting.",
        ),
        _item(
            "g1",
            4,
            "Treasurer's report",
            "report",
            "Seán Ó Dónaill reported a balance of £1,234.56 & thanked the Co-op for its grant.",
        ),
        _item(
            "g1",
            5,
            "Repairs to the lift at 4 Wellhouse Crescent",
            "motion",
            "Residents described the lift being out of order for six weeks.",
        ),
        _item("g1", 6, "Any other competent business", "any other competent business"),
        _item("g1", 7, "Date of next meeting", "date of next meeting"),
    ]
    motions = [
        Motion(
            "g1",
            "That the minutes of the meeting held on 8 September 2026 be approved as a true record.",
            agenda_item_id="g1-i2",
            proposer_id="m-agnes",
            seconder_id="m-tariq",
            votes_for=19,
            votes_against=0,
            abstentions=2,
            carried=True,
            result_text="Carried: 19 for, 0 against, 2 abstentions.",
            position=1,
            id="mo1",
        ),
        Motion(
            "g1",
            "That the association writes to Wellhouse Housing Association asking for the lift to be "
            "repaired within 28 days.",
            agenda_item_id="g1-i5",
            proposer_id="m-zoe",
            seconder_id="m-lukasz",
            votes_for=18,
            votes_against=3,
            abstentions=2,
            carried=True,
            result_text="Carried: 18 for, 3 against, 2 abstentions.",
            position=2,
            id="mo2",
        ),
        Motion(
            "g1",
            "That the association holds a summer gala in 2027.",
            agenda_item_id="g1-i5",
            proposer_id="m-sean",
            seconder_id="m-00",
            votes_for=8,
            votes_against=12,
            abstentions=3,
            carried=False,
            result_text="Not carried: 8 for, 12 against, 3 abstentions.",
            position=3,
            id="mo3",
        ),
    ]
    actions = [
        Action(
            "g1",
            "Write to the housing association about the lift",
            owner_member_id="m-zoe",
            owner_name="Zoë Docherty",
            due=date(2027, 1, 12),
            agenda_item_id="g1-i5",
            id="a1",
        ),
        Action(
            "g1",
            "Ask the council about close lighting",
            owner_member_id="m-lukasz",
            owner_name="Łukasz Nowak",
            due=date(2026, 12, 15),
            agenda_item_id="g1-i3",
            id="a2",
        ),
    ]
    return MeetingRecord(
        association=Association(ASSOCIATION, area="Wellhouse, Glasgow", id="assoc"),
        meeting=meeting,
        agenda=agenda,
        attendance=attendance,
        members=members,
        motions=motions,
        actions=actions,
        minutes=Minutes("g1", status="draft"),
        quorum_events=[
            QuorumEvent("g1", "2026-11-24T19:10", False, 0, 10),  # before the start: not news
            QuorumEvent("g1", "2026-11-24T19:22", True, 10, 10),
            QuorumEvent("g1", "2026-11-24T20:40", False, 9, 10),
            QuorumEvent("g1", "2026-11-24T20:50", True, 10, 10),
        ],
        previous_meeting=Meeting("general", date(2026, 9, 8), "19:30", VENUE, id="g0"),
        next_meeting=Meeting("general", date(2027, 1, 26), "19:00", VENUE, id="g2"),
        member_count=92,
        quorum_required=10,
    )


@pytest.fixture
def approved_meeting(general_meeting: MeetingRecord) -> MeetingRecord:
    minutes = Minutes(
        "g1",
        status="approved",
        approved_on=date(2027, 1, 26),
        approved_at_meeting_id="g2",
        proposer_id="m-tariq",
        seconder_id="m-agnes",
    )
    return replace(general_meeting, minutes=minutes)


@pytest.fixture
def agm() -> MeetingRecord:
    """An AGM with an unopposed chair, a contested treasurer and three contested committee places."""
    members = make_members()
    meeting = Meeting("annual general", date(2026, 11, 24), "19:00", VENUE, id="agm")
    attendance = [Attendance("agm", "present", key) for key in members]
    agenda = [
        _item(
            "agm",
            1,
            "Welcome and apologies",
            "welcome and apologies",
            presenter="Siobhán MacLeod",
            expected_minutes=5,
        ),
        _item(
            "agm",
            2,
            "Minutes of the last AGM",
            "minutes of last meeting",
            presenter="Zoë Docherty",
            expected_minutes=5,
        ),
        _item("agm", 3, "Chair's annual report", "report", presenter="Siobhán MacLeod", expected_minutes=15),
        _item(
            "agm",
            4,
            "Treasurer's report and accounts",
            "report",
            presenter="Seán Ó Dónaill",
            expected_minutes=15,
        ),
        _item(
            "agm", 5, "Change to the constitution", "motion", presenter="Zoë Docherty", expected_minutes=15
        ),
        _item(
            "agm",
            6,
            "Election of office bearers and committee",
            "election",
            presenter="Fiona Grant",
            expected_minutes=30,
        ),
        _item("agm", 7, "Any other competent business", "any other competent business", expected_minutes=10),
    ]
    motions = [
        Motion(
            "agm",
            "That clause 4 be changed so that the quorum at a general meeting is 8 members.",
            agenda_item_id="agm-i5",
            proposer_id="m-zoe",
            seconder_id="m-agnes",
            majority_kind="two_thirds",
            votes_for=20,
            votes_against=3,
            abstentions=0,
            carried=True,
            result_text="Carried by a two-thirds majority: 20 for, 3 against, 0 abstentions.",
            id="amo1",
        ),
    ]
    elections = [
        Election("agm", "Chair", 1, agenda_item_id="agm-i6", id="e-chair"),
        Election("agm", "Treasurer", 1, agenda_item_id="agm-i6", id="e-treasurer"),
        Election("agm", "Committee members", 3, agenda_item_id="agm-i6", id="e-committee"),
    ]
    candidates = [
        Candidate("e-chair", "Siobhán MacLeod", "m-siobhan", elected=True, unopposed=True),
        Candidate("e-treasurer", "Seán Ó Dónaill", "m-sean", votes=25, elected=True),
        Candidate("e-treasurer", "Łukasz Nowak", "m-lukasz", votes=14),
        Candidate("e-committee", "Agnes MacLeod", "m-agnes", votes=30, elected=True),
        Candidate("e-committee", "Tariq Khan", "m-tariq", votes=28, elected=True),
        Candidate("e-committee", "Fatima Ahmed", votes=22, elected=True),
        Candidate("e-committee", "Jamie Reid", votes=12),
    ]
    return MeetingRecord(
        association=Association(ASSOCIATION, id="assoc"),
        meeting=meeting,
        agenda=agenda,
        attendance=attendance,
        members=members,
        motions=motions,
        elections=elections,
        candidates=candidates,
        minutes=Minutes("agm"),
        next_meeting=Meeting("general", date(2027, 1, 26), "19:00", VENUE, id="g2"),
        member_count=92,
        quorum_required=10,
    )


GIVEN = [
    "Ailsa",
    "Brendan",
    "Zoë",
    "Siobhán",
    "Łukasz",
    "Seán",
    "Mhairi",
    "Priya",
    "Callum",
    "Renée",
    "Eilidh",
]
FAMILY = [
    "Ó Dónaill",
    "MacLeod",
    "Nowak",
    "Khan",
    "Docherty",
    "Brown",
    "Smith",
    "Żurek",
    "Ní Bhriain",
    "Reid",
]


@pytest.fixture(scope="session")
def large_agm() -> MeetingRecord:
    """500 present, 40 items, 30 motions and 100 actions: the biggest AGM a chair could have."""
    members = {
        f"x{n}": Member(
            GIVEN[n % len(GIVEN)],
            f"{FAMILY[n % len(FAMILY)]}-{n}",
            address=f"{n} Long Road",
            role="chair" if n == 0 else "member",
            id=f"x{n}",
        )
        for n in range(520)
    }
    meeting = Meeting("annual general", date(2026, 11, 24), "19:00", VENUE, id="big")
    attendance = [Attendance("big", "present", f"x{n}") for n in range(500)]
    attendance += [Attendance("big", "apology", f"x{n}") for n in range(500, 520)]
    agenda = [
        _item(
            "big",
            n,
            f"Item {n}: report on block {n}",
            "report",
            "Discussion of the repairs. " * 12,
            presenter="Siobhán MacLeod",
            expected_minutes=5,
        )
        for n in range(1, 41)
    ]
    motions = [
        Motion(
            "big",
            f"That motion {n} be agreed.",
            agenda_item_id=f"big-i{n % 40 + 1}",
            proposer_id="x1",
            seconder_id="x2",
            votes_for=300,
            votes_against=150,
            abstentions=50,
            carried=True,
            result_text="Carried: 300 for, 150 against, 50 abstentions.",
            position=n,
            id=f"bm{n}",
        )
        for n in range(30)
    ]
    actions = [
        Action(
            "big",
            f"Follow up point {n}",
            owner_member_id=f"x{n % 7}",
            owner_name=members[f"x{n % 7}"].name,
            due=date(2027, 1, 1 + n % 28),
            agenda_item_id=f"big-i{n % 40 + 1}",
            id=f"ba{n}",
        )
        for n in range(100)
    ]
    return MeetingRecord(
        association=Association(ASSOCIATION, id="assoc"),
        meeting=meeting,
        agenda=agenda,
        attendance=attendance,
        members=members,
        motions=motions,
        actions=actions,
        minutes=Minutes("big"),
        member_count=520,
        quorum_required=10,
    )


@pytest.fixture
def action_book(general_meeting: MeetingRecord):
    """Open, overdue and completed actions from two meetings, one owned by someone not on the roll."""
    members = general_meeting.members
    earlier = Meeting("committee", date(2026, 10, 13), "18:30", VENUE, id="c1")
    meetings = {"g1": general_meeting.meeting, "c1": earlier}
    actions = [
        *general_meeting.actions,
        Action(
            "c1",
            "Book the hall for the AGM",
            owner_member_id="m-siobhan",
            owner_name="Siobhán MacLeod",
            due=date(2026, 11, 1),
            id="a3",
        ),
        Action(
            "c1",
            "Chase the landlord for the registration pack",
            owner_name="Fiona Grant",
            due=date(2026, 12, 20),
            id="a4",
        ),
        Action(
            "c1",
            "Order new bins",
            owner_member_id="m-sean",
            owner_name="Seán Ó Dónaill",
            status="done",
            completed=date(2026, 11, 2),
            id="a5",
        ),
        Action(
            "c1",
            "Renew the insurance",
            owner_member_id="m-sean",
            owner_name="Seán Ó Dónaill",
            status="done",
            completed=date(2026, 9, 1),
            id="a6",
        ),
    ]
    return general_meeting.association, actions, meetings, members


def read_pages(source) -> list[str]:
    """The text of each page, with runs of whitespace made single spaces."""
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(source).pages]


@pytest.fixture
def pages() -> Callable[[Path], list[str]]:
    return read_pages


@pytest.fixture
def text() -> Callable[[Path], str]:
    return lambda source: " ".join(read_pages(source))


# -- where things sit on the page, read back from the PDF ---------------------------------------



@dataclass(frozen=True)
class Line:
    """One line of text as pdftotext lays it out: its box (y from the top of the page) and words."""

    top: float
    bottom: float
    size: float  # the size of its tallest word, in points
    text: str


@dataclass(frozen=True)
class LaidPage:
    height: float
    lines: list[Line]


def laid_out(source: Path) -> list[LaidPage]:
    """Every page's lines, top to bottom, from `pdftotext -bbox-layout`."""
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", str(source), "-"], capture_output=True, text=True,
                           check=True).stdout
    pages = []
    for page in ElementTree.fromstring(xhtml).iter(f"{XHTML}page"):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = list(line.iter(f"{XHTML}word"))
            size = max(float(w.get("yMax")) - float(w.get("yMin")) for w in words)  # pdftotext: box = size
            text = " ".join(w.text or "" for w in words)
            lines.append(Line(float(line.get("yMin")), float(line.get("yMax")), size, text))
        pages.append(LaidPage(float(page.get("height")), sorted(lines, key=lambda ln: ln.top)))
    return pages


XHTML = "{http://www.w3.org/1999/xhtml}"


def stranded_headings(source: Path, body_size: float = 11.0) -> list[str]:
    """Headings with no text after them on their page (the footer and header do not count)."""
    heading = body_size * 1.2
    stranded = []
    for number, page in enumerate(laid_out(source), start=1):
        text = [ln for ln in page.lines if not ln.text.startswith("Page ") and ln.top > 25 * MM and ln.size < 60]
        for index, line in enumerate(text):
            after = [ln for ln in text[index + 1 :] if ln.top >= line.bottom - 1]
            if abs(line.size - heading) < 0.3 and not any(abs(ln.size - heading) >= 0.3 for ln in after):
                stranded.append(f"page {number}: {line.text}")
    return stranded


def text_above(source: Path, caption: str) -> list[str]:
    """The lines of text above ``caption`` on its page, beneath the running header."""
    for page in laid_out(source):
        found = [ln for ln in page.lines if caption in ln.text]
        if found:
            return [ln.text for ln in page.lines
                    if 25 * MM < ln.top < found[0].top - 1 and caption not in ln.text and ln.size < 60]
    raise AssertionError(f"“{caption}” is not in {source.name}")


MM = 72 / 25.4


@dataclass(frozen=True)
class Run:
    page: int
    size: float
    font: str
    text: str


def _multiply(m: list[float], n: list[float]) -> list[float]:
    return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]]


def text_runs(source: Path) -> list[Run]:
    """Every run of text drawn, with the size it is drawn at (its font size times any scaling)."""
    runs = []
    for number, page in enumerate(PdfReader(source).pages, start=1):
        def visit(text, cm, tm, font, size, number=number):
            if text.strip() and font is not None:
                m = _multiply(tm, cm)
                runs.append(Run(number, size * (m[2] ** 2 + m[3] ** 2) ** 0.5, str(font.get("/BaseFont")), text))

        page.extract_text(visitor_text=visit)
    return runs


@pytest.fixture
def laid() -> Callable[[Path], list[LaidPage]]:
    return laid_out
