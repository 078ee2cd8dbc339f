"""Printing: gather what each document needs from the store and hand it to app.reports.

reportlab and python-docx are imported only here, when something is printed, so the app starts fast.
The treasurer's statement exists for the landlord's yearly pack, so it comes in with printing.
"""

from __future__ import annotations

import importlib
import secrets
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app import digest, model
from app.errors import NotFoundError, QuorumError, RuleError
from app.services import constitution_file, yearly_pack
from app.services.changes import Changes
from app.services.part import Part
from app.services.statements import Lines, check_statement
from app.store import inbox
from app.words import long_date

DIGEST_PATH = "/digest/"  # the members' summary's page at head office, then its token
DOCUMENTS = ("minutes", "actions", "agenda", "signin", "ballots")
SIGNIN_ADDRESS = "signin_address"  # the setting: what the sign-in sheet shows beside a name
_ONE_AT_A_TIME = threading.Lock()
Job = Callable[[object], list[str]]  # writes one document to a path or a binary file; returns warnings
APPROVED_DOCX = ("These minutes have been approved, so only the locked PDF is offered; "
                 "an editable copy could be changed after the meeting agreed them.")


class Documents(Part):
    """Documents: printing, the Word draft, the landlord's yearly pack with the treasurer's statement
    and the constitution as adopted, and the members' summary."""

    def print_document(self, document: str, meeting_id: str, out, large_print: bool = False,
                       today: date | None = None, post: str | None = None, address: str = "") -> list[str]:
        """Write one document as a PDF to ``out`` (a path or a binary file).

        Returns a sentence for each name with letters that cannot be printed, for the chair to see.
        """
        return self.document_job(document, meeting_id, large_print, today, post, address)(out)

    def document_job(self, document: str, meeting_id: str, large_print: bool = False,
                     today: date | None = None, post: str | None = None, address: str = "") -> Job:
        """Gather what a document needs now; the job it returns writes the PDF later, on any thread.

        The association file's connection belongs to the thread that opened it, so the app gathers
        on the GUI thread and hands the job (plain dataclasses only) to a worker. ``address`` is
        for the sign-in sheet: "" (names only), "street" or "flat".
        """
        today = today or date.today()
        if document == "minutes":
            return _job("app.reports", "minutes_pdf", self.minutes_record(meeting_id), large_print=large_print)
        if document == "agenda":
            return self._agenda_job(meeting_id, large_print, today)
        if document == "signin":
            return self._signin_job(meeting_id, large_print, address)
        if document == "actions":
            return self._actions_job(meeting_id, large_print, today)
        if document == "ballots":
            return self._ballots_job(meeting_id, post, large_print)
        raise NotFoundError(f"Quorum cannot print “{document}”; choose one of {', '.join(DOCUMENTS)}.")

    def minutes_refusal(self, meeting_id: str) -> str:
        """Why a meeting has no minutes to print, or "" when it has."""
        meeting = self.book.meetings.meeting(meeting_id)
        if meeting.held:
            return ""
        return (f"The {meeting.heading} of {long_date(meeting.date)} has not been held yet, so it has no minutes. "
                "Its agenda and sign-in sheet can be printed.")

    def minutes_record(self, meeting_id: str) -> model.MeetingRecord:
        """The record the minutes print from; refused for a meeting never held."""
        refusal = self.minutes_refusal(meeting_id)
        if refusal:
            raise RuleError(refusal)
        return self.book.minutes.printed_record(meeting_id)

    def _agenda_job(self, meeting_id: str, large_print: bool, today: date) -> Job:
        """The agenda dated today, with the actions still open from earlier meetings under matters arising."""
        record = self.book.minutes.meeting_record(meeting_id)
        earlier = {m.id for m in self.book.meetings.meetings() if m.date < record.meeting.date}
        carried = [a for a in self.book.actions.actions() if a.status == "open" and a.meeting_id in earlier]
        return _job("app.reports", "agenda_pdf", record, large_print=large_print, issued=today, carried=carried)

    def _signin_job(self, meeting_id: str, large_print: bool, address: str) -> Job:
        """The committee's sheet lists the committee; any other lists every member. Voters are marked
        by the one rule in app.core.voting (through voting_members)."""
        meeting = self.book.meetings.meeting(meeting_id)
        committee = meeting.kind == "committee"
        on_roll = self.book.offices.members_on(meeting.date, include_left=False)
        listed = [m for m in on_roll if m.role in model.COMMITTEE_ROLES or not committee]
        voters = {m.id for m in self.book.register.voting_members(meeting.date, committee=committee)}
        return _job("app.reports", "signin_pdf", self.book.association(), meeting, listed, large_print=large_print,
                    voters=voters, address=address)

    def _actions_job(self, meeting_id: str, large_print: bool, today: date) -> Job:
        """The actions the meeting agreed and everything still open, as the list handed out after it."""
        meetings = {m.id: m for m in self.book.meetings.meetings()}
        meeting = meetings[self.book.meetings.meeting(meeting_id).id]
        held = sorted((m for m in meetings.values() if m.status == "closed" and m.date < meeting.date),
                      key=lambda m: m.date)
        since = held[-1].date if held else None
        everyone = {m.id: m for m in self.book.register.members(include_left=True)}
        return _job("app.reports", "actions_pdf", self.book.association(), self.book.actions.actions(), meetings, everyone, today,
                    since, large_print=large_print, meeting=meeting)

    def contested_posts(self, meeting_id: str) -> list[str]:
        """Posts with more candidates than places at this meeting: the ones that need ballot slips."""
        return [e.post for e in self.book.decisions.elections(meeting_id) if len(self.book.decisions.candidates(e.id)) > e.seats]

    def _ballots_job(self, meeting_id: str, post: str | None, large_print: bool = False) -> Job:
        meeting = self.book.meetings.meeting(meeting_id)
        posts = self.contested_posts(meeting_id)
        if not posts:
            raise RuleError("This meeting has no contested election, so there are no ballot slips to print.")
        if post and post.casefold() not in {p.casefold() for p in posts}:
            raise RuleError(f"There is no contested election for {post} at this meeting.")
        chosen = (post or posts[0]).casefold()
        election = next(e for e in self.book.decisions.elections(meeting_id) if e.post.casefold() == chosen)
        voters = len(self.book.register.voting_members(meeting.date))
        return _job("app.reports", "ballots_pdf", self.book.association(), meeting, election,
                    self.book.decisions.candidates(election.id), voters, large_print=large_print)

    def minutes_docx_refusal(self, meeting_id: str) -> str:
        """Why the minutes cannot be saved as an editable file, or "" when they can."""
        if self.book.meetings.meeting(meeting_id).minutes_status == "approved":
            return APPROVED_DOCX
        return self.minutes_refusal(meeting_id)

    def minutes_docx_job(self, meeting_id: str) -> Job:
        """Draft minutes as a Word file for the secretary to polish; refused once they are approved."""
        refusal = self.minutes_docx_refusal(meeting_id)
        if refusal:
            raise RuleError(refusal)
        return _job("app.reports.docx_minutes", "minutes_docx", self.minutes_record(meeting_id))

    def minutes_docx(self, meeting_id: str, out) -> list[str]:
        return self.minutes_docx_job(meeting_id)(out) or []

    def yearly_pack(self, year: int, today: date | None = None) -> model.YearlyPack:
        """Everything the landlord's pack says about one year, counted at its end (or today, if sooner)."""
        as_of = min(date(year, 12, 31), today or date.today())
        held = [m for m in self.book.meetings.meetings()
                if m.kind == "annual general" and m.date.year == year and m.status == "closed"]
        agm = self.book.minutes.printed_record(held[-1].id) if held else None
        everyone = self.book.register.members(include_left=True)
        on_roll = self.book.offices.members_on(as_of, include_left=False)
        bearers, committee = yearly_pack.office_holders(on_roll, agm)
        return model.YearlyPack(
            association=self.book.association(),
            year=year,
            office_bearers=bearers,
            committee=committee,
            rules=yearly_pack.constitution_sentences(self.book.rules(as_of)),
            agm=agm,
            member_count=yearly_pack.members_on(everyone, as_of),
            counted_on=as_of,
            statement=self.statement(year),
            constitution=self.constitution_document(),
            secretary=yearly_pack.secretary_contact(on_roll),
        )

    def pack_job(self, year: int, large_print: bool = False, today: date | None = None) -> Job:
        today = today or date.today()
        return _job("app.reports.pack", "pack_pdf", self.yearly_pack(year, today), large_print=large_print,
                    today=today)

    def print_pack(self, year: int, out, large_print: bool = False, today: date | None = None) -> list[str]:
        """Write the landlord's yearly pack for ``year`` as one PDF; returns warnings as print_document does."""
        return self.pack_job(year, large_print, today)(out)

    def statement(self, year: int) -> model.Statement | None:
        """The year's statement; if two laptops each entered one before syncing, the later one."""
        found = self.store.find(model.Statement, order_by=("hlc",), year=year)
        return found[-1] if found else None

    def save_statement(self, year: int, opening_balance: int, sections: dict[str, Lines]) -> Changes:
        """Enter or correct a year's figures: amounts in pence, each line with a description."""
        check_statement(year, sections)
        fields: dict[str, int | str] = {"opening_balance": opening_balance}
        for name in model.STATEMENT_SECTIONS:
            fields[name] = model.Statement.encode([(text.strip(), pence) for text, pence in sections.get(name, [])])
        existing = self.statement(year)
        if existing is None:
            self.store.add(model.Statement(year, **fields))  # type: ignore[arg-type]  # each field its own type
        else:
            self.store.patch(model.Statement, existing.id, **fields)
        return Changes.of("statement")

    def digest_draft(self, meeting_id: str, today: date | None = None) -> str:
        """A fresh draft from the meeting's record, with answers from the landlord since the last meeting."""
        meeting = self.book.meetings.meeting(meeting_id)
        if meeting.status != "closed":
            raise RuleError("The summary for members is written once the meeting has closed.")
        record = self.book.minutes.meeting_record(meeting_id)
        earlier = [m for m in self.book.meetings.meetings()
                   if m.status == "closed" and (m.date, m.time) < (meeting.date, meeting.time)]
        answers = digest.answers_since(self.book.actions.asks_of_landlord(), earlier[-1].date if earlier else None,
                                       today or date.today())
        coming = [m for m in self.book.meetings.meetings() if m.date > meeting.date and m.kind != "committee"]
        return digest.draft(record, answers, coming[0] if coming else None)

    def digest(self, meeting_id: str) -> model.Digest | None:
        found = self.store.find(model.Digest, meeting_id=meeting_id)
        return found[-1] if found else None

    def digest_text(self, meeting_id: str, today: date | None = None) -> str:
        """The chair's edited text if there is one, otherwise a fresh draft."""
        saved = self.digest(meeting_id)
        return saved.text if saved and saved.text.strip() else self.digest_draft(meeting_id, today)

    def save_digest(self, meeting_id: str, text: str, publish: bool | None = None) -> Changes:
        """Keep the chair's text (``changes.id``); ``publish`` puts it on (or takes it off) the head-office page."""
        if publish and not self.book.head_office.enrolled():
            raise QuorumError("This association is not connected to head office, so there is no page to put "
                              "the summary on. You can still print the poster.")
        saved = self.digest(meeting_id)
        if saved is None:
            saved = self.store.add(model.Digest(meeting_id, text, secrets.token_urlsafe(24), bool(publish)))
        else:
            fields = {"text": text} if publish is None else {"text": text, "published": publish}
            self.store.patch(model.Digest, saved.id, **fields)
        return Changes.of("digest", meeting_id=meeting_id, ids=(saved.id,))

    def digest_link(self, meeting_id: str) -> str | None:
        """The published page's address (for the QR code), or None."""
        saved, url = self.digest(meeting_id), inbox.state(self.store, "url")
        if not (saved and saved.published and url):
            return None
        return url.rstrip("/") + DIGEST_PATH + saved.token

    def digest_short_text(self, meeting_id: str, text: str) -> str:
        return digest.short_text(text, self.book.association().name, self.digest_link(meeting_id))

    def print_poster(self, meeting_id: str, text: str, out) -> list[str]:
        """The digest as a large-print A4 poster, with a QR code to its page when it is published;
        returns warnings for names that cannot be printed."""
        from app.reports.poster import poster_pdf

        return poster_pdf(digest.parse(text), self.book.association().name, self.digest_link(meeting_id), out)

    def attach_constitution(self, path: Path, today: date | None = None) -> Changes:
        """Keep the constitution from a .txt or .pdf file, in place of any attached before.

        The whole file is read and checked first, then kept in one write, so a file that cannot be
        used leaves what was attached as it was.
        """
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise QuorumError(f"Quorum could not read {path.name}: {error.strerror or error}.") from error
        document = constitution_file.read_constitution(path.name, data, today or date.today())
        self.store.set_setting(constitution_file.SETTING, constitution_file.encode(document))
        return Changes.of("constitution")

    def remove_constitution(self) -> Changes:
        """Forget the attached constitution; the pack then asks for a copy to be sent with it."""
        self.store.set_setting(constitution_file.SETTING, "")
        return Changes.of("constitution")

    def constitution_document(self) -> model.ConstitutionDocument | None:
        """The attached constitution, or None when the chair has not attached one."""
        stored = self.store.setting(constitution_file.SETTING)
        return constitution_file.decode(stored) if stored else None

    def signin_address(self) -> str:
        """What the association chose to show beside each name on the sign-in sheet: "" (nothing),
        "street" or "flat". Kept in the association file: it is the association's choice about its
        members' privacy, the same on any laptop that prints the sheet."""
        chosen = self.store.setting(SIGNIN_ADDRESS, "")
        return chosen if chosen in model.SIGNIN_ADDRESSES else ""

    def choose_signin_address(self, address: str) -> Changes:
        if address not in model.SIGNIN_ADDRESSES:
            raise QuorumError(f"The sign-in sheet can show the street or the flat, not “{address}”.")
        self.store.set_setting(SIGNIN_ADDRESS, address)
        return Changes.of("signin_address")

def _job(module: str, function: str, *args, **kwargs) -> Job:
    """A writer that loads reportlab (or python-docx) only when it runs, on whichever thread runs it.

    One document is made at a time: reportlab keeps global state (its font registry, caches), and
    two threads importing the report modules at once can each find the other's half-loaded.
    """

    def write(out) -> list[str]:
        with _ONE_AT_A_TIME:
            return getattr(importlib.import_module(module), function)(*args, out, **kwargs) or []

    return write
