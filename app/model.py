"""The words of the domain, as plain dataclasses.

These are what the store returns and the services hand to the UI, the CLI and the reports.
They hold no behaviour that needs a database or Qt, so every rule about them can be tested
on its own. Dates are ``datetime.date``; times of day are ``"HH:MM"`` strings as a chair
writes them; moments (check-in, approval) are ISO 8601 text in local time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from app.rules import MajorityRule, QuorumRule
from app.words import collation_key

ROLES = (
    "chair",
    "vice-chair",
    "secretary",
    "treasurer",
    "committee member",
    "member",
    "associate member",
)
OFFICE_BEARERS = ("chair", "vice-chair", "secretary", "treasurer")
COMMITTEE_ROLES = (*OFFICE_BEARERS, "committee member")
# what the sign-in sheet may show beside a name: nothing (the default), the street, or the flat and the street
SIGNIN_ADDRESSES = ("", "street", "flat")

MEETING_KINDS = ("committee", "general", "annual general", "special general")
MEETING_STATUSES = ("draft", "open", "closed")
MINUTES_STATUSES = ("draft", "approved")

AGENDA_KINDS = (
    "welcome and apologies",
    "minutes of last meeting",
    "matters arising",
    "report",
    "motion",
    "election",
    "any other competent business",
    "date of next meeting",
    "other",
)

ATTENDANCE_KINDS = ("present", "apology", "guest", "proxy")
ACTION_STATUSES = ("open", "done", "dropped")
# Head office's answer to an ask of the landlord; written only at head office, never on a laptop.
ANSWER_STATUSES = ("acknowledged", "in progress", "done", "declined")
LANDLORD_ANSWER_FIELDS = ("answer_status", "answer_text", "answer_due", "answered_on", "first_answered_on")


@dataclass(frozen=True)
class ConstitutionRules:
    """The association's own rules; defaults follow the sample constitution."""

    general_quorum: QuorumRule = field(
        default_factory=lambda: QuorumRule(minimum=10, fraction=Fraction(1, 4), combine="lesser")
    )
    committee_quorum: QuorumRule = field(
        default_factory=lambda: QuorumRule(fraction=Fraction(1, 2), minimum=None, combine="lesser")
    )
    committee_quorum_plus_one: bool = True
    majority: MajorityRule = field(default_factory=lambda: MajorityRule("simple", chair_casting_vote=True))
    constitutional_majority: str = "two_thirds"
    vote_per: str = "member"  # or "household"
    minimum_voting_age: int | None = 16
    proxies_allowed: bool = False
    proxies_count_for_quorum: bool = False
    proxy_notice_days: int = 0
    agm_notice_days: int = 14
    general_notice_days: int = 7
    committee_size: int = 12
    inquorate_adjourn_minutes: int = 30


@dataclass
class Association:
    name: str
    area: str = ""
    rto_number: str = ""
    rules: ConstitutionRules = field(default_factory=ConstitutionRules)
    id: str = ""


@dataclass
class Member:
    first_name: str
    surname: str
    address: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    contact_consent: bool = False
    joined: date | None = None
    left: date | None = None
    role: str = "member"
    birth_year: int | None = None
    notes: str = ""
    id: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.surname}".strip()

    @property
    def sort_key(self) -> tuple[str, str]:
        """Surname then first name, ignoring accents, spaces and apostrophes."""
        return (collation_key(self.surname), collation_key(self.first_name))

    @property
    def household_key(self) -> str:
        """Members at the same address are one household."""
        return " ".join(f"{self.address} {self.postcode}".casefold().replace(",", " ").split())


@dataclass
class Meeting:
    kind: str
    date: date
    time: str = "19:00"
    venue: str = ""
    status: str = "draft"
    minutes_status: str = "draft"
    title: str = ""
    chair_id: str | None = None  # who was in the chair
    minute_taker_id: str | None = None  # who took the minutes
    opened_at: str = ""  # "19:04", from the console
    closed_at: str = ""  # "20:47", from the console
    id: str = ""

    @property
    def held(self) -> bool:
        """Opened at least once: a meeting never held has no minutes."""
        return self.status != "draft"

    @property
    def heading(self) -> str:
        """'Annual General Meeting', 'Committee Meeting' ..."""
        return self.title or f"{self.kind.title()} Meeting"


@dataclass
class AgendaItem:
    meeting_id: str
    position: int
    title: str
    kind: str = "other"
    notes: str = ""
    presenter: str = ""
    expected_minutes: int | None = None
    id: str = ""


@dataclass
class Attendance:
    """One person's presence, apology or proxy at one meeting."""

    meeting_id: str
    kind: str = "present"
    member_id: str | None = None
    guest_name: str = ""
    guest_organisation: str = ""
    arrived: str = ""
    left: str = ""
    proxy_holder_id: str | None = None
    id: str = ""


@dataclass
class Motion:
    meeting_id: str
    text: str
    agenda_item_id: str | None = None
    proposer_id: str | None = None
    seconder_id: str | None = None
    majority_kind: str = "simple"
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    casting_vote: str | None = None
    carried: bool | None = None
    result_text: str = ""
    amends_id: str | None = None
    position: int = 0
    override_reason: str = ""  # why the chair let a proposer or seconder stand who was not present
    id: str = ""

    @property
    def decided(self) -> bool:
        return self.carried is not None


@dataclass
class Election:
    """A post (chair, treasurer) or a number of committee seats, filled at an AGM."""

    meeting_id: str
    post: str
    seats: int = 1
    agenda_item_id: str | None = None
    id: str = ""


@dataclass
class Candidate:
    election_id: str
    name: str
    member_id: str | None = None
    votes: int | None = None
    elected: bool = False
    unopposed: bool = False
    id: str = ""


@dataclass
class Action:
    meeting_id: str
    description: str
    owner_name: str = ""
    owner_member_id: str | None = None
    due: date | None = None
    status: str = "open"
    agenda_item_id: str | None = None
    completed: date | None = None
    ask_of_landlord: bool = False  # the owner is the landlord (or one of its departments), not the association
    landlord_department: str = ""
    answer_status: str = ""  # "" until head office answers; then one of ANSWER_STATUSES
    answer_text: str = ""  # what was done, or the reasons for declining
    answer_due: date | None = None  # when the landlord expects to finish, for "in progress"
    answered_on: date | None = None  # the latest answer
    first_answered_on: date | None = None  # the first answer, which ends the wait head office is measured on
    id: str = ""

    def overdue(self, today: date) -> bool:
        return self.status == "open" and self.due is not None and self.due < today


@dataclass
class Minutes:
    meeting_id: str
    status: str = "draft"
    approved_on: date | None = None
    approved_at_meeting_id: str | None = None
    proposer_id: str | None = None
    seconder_id: str | None = None
    corrections: str = ""
    content_hash: str = ""
    previous_hash: str = ""
    snapshot: str = ""  # the meeting as it was on approval (JSON), printed from then on
    snapshot_hash: str = ""  # set only for minutes approved before snapshots, snapshotted on upgrade
    id: str = ""


@dataclass
class OfficeTerm:
    """A member holds a role from a date: elected at an AGM, or set by hand (a resignation, a co-option).

    The latest term starting on or before a day is the member's role that day.
    """

    member_id: str
    role: str
    start: date
    reason: str = ""
    election_id: str | None = None
    id: str = ""


@dataclass
class QuorumEvent:
    """A moment the meeting became quorate or lost quorum, for the minutes."""

    meeting_id: str
    at: str
    quorate: bool
    present: int
    required: int
    id: str = ""


@dataclass
class MeetingRecord:
    """Everything said and decided at one meeting, gathered for the minutes and other documents.

    Reports render from this alone, so they need neither the store nor Qt.
    """

    association: Association
    meeting: Meeting
    agenda: list[AgendaItem] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    members: dict[str, Member] = field(default_factory=dict)
    motions: list[Motion] = field(default_factory=list)
    elections: list[Election] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    minutes: Minutes | None = None
    quorum_events: list[QuorumEvent] = field(default_factory=list)
    previous_meeting: Meeting | None = None
    next_meeting: Meeting | None = None
    member_count: int = 0
    quorum_required: int = 0
    approved_here: list[tuple[Meeting, Minutes]] = field(default_factory=list)
    matters_arising: list[Action] = field(default_factory=list)  # earlier meetings' actions still open then
    told_apart: dict[str, str] = field(default_factory=dict)  # member id -> name with their flat, for namesakes

    def member_name(self, member_id: str | None) -> str:
        member = self.members.get(member_id or "")
        if member is None:
            return ""
        return self.told_apart.get(member.id) or member.name


STATEMENT_SECTIONS = ("income", "expenditure", "assets", "liabilities")


@dataclass
class Statement:
    """The treasurer's statement of one year, for the landlord's yearly pack.

    Amounts are whole pence, so totals add up exactly. Each section is JSON text of
    ``[description, pence]`` pairs, so a year is one record that syncs like any other, and an
    edit to the income on one laptop does not undo an edit to the assets on another.
    """

    year: int
    opening_balance: int = 0
    income: str = "[]"
    expenditure: str = "[]"
    assets: str = "[]"
    liabilities: str = "[]"
    id: str = ""

    def lines(self, section: str) -> list[tuple[str, int]]:
        return [(str(text), int(pence)) for text, pence in json.loads(getattr(self, section) or "[]")]

    def total(self, section: str) -> int:
        return sum(pence for _, pence in self.lines(section))

    @property
    def closing_balance(self) -> int:
        """Worked out, never typed, so the statement always adds up."""
        return self.opening_balance + self.total("income") - self.total("expenditure")

    @staticmethod
    def encode(lines: list[tuple[str, int]]) -> str:
        return json.dumps([[text, pence] for text, pence in lines], ensure_ascii=False)


@dataclass
class OfficeHolder:
    """Who holds a post, and how the pack knows it (elected at the AGM, or the member register)."""

    office: str
    name: str
    source: str = ""


@dataclass
class YearlyPack:
    """What a registered tenant organisation sends its landlord each year, gathered for printing."""

    association: Association
    year: int
    office_bearers: list[OfficeHolder] = field(default_factory=list)
    committee: list[OfficeHolder] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # the constitution in force at the end of the year, in sentences
    agm: MeetingRecord | None = None
    member_count: int = 0
    counted_on: date | None = None  # the end of the year, or today while the year is still going
    statement: Statement | None = None
    constitution: ConstitutionDocument | None = None  # as adopted, if the chair has attached it
    secretary: str = ""  # the secretary's name and contact address, for the landlord's letters


@dataclass(frozen=True)
class ConstitutionDocument:
    """The constitution as the association adopted it: its text, or the PDF the chair attached."""

    name: str  # the file it came from
    text: str = ""
    pdf: bytes = b""
    attached: date | None = None  # when the chair attached it (unknown for one attached before this was kept)
    pages: int = 0  # a PDF's pages, counted when it was attached

    @property
    def kind(self) -> str:
        return "PDF" if self.pdf else "text"

    @property
    def size(self) -> int:
        """Bytes, as the file was (text counted as UTF-8)."""
        return len(self.pdf) if self.pdf else len(self.text.encode("utf-8"))


@dataclass
class Digest:
    """The plain-English summary of a meeting for members, as the chair last edited it.

    ``token`` names its page on the head-office server (made on the laptop, long and random, so
    the page cannot be guessed); the page shows only when ``published``.
    """

    meeting_id: str
    text: str = ""
    token: str = ""
    published: bool = False
    id: str = ""
