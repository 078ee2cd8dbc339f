"""Printing: gather what each document needs from the store and hand it to app.reports.

reportlab and python-docx are imported only here, when something is printed, so the app starts fast.
The treasurer's statement exists for the landlord's yearly pack, so it comes in with printing.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from datetime import date

from app import model
from app.errors import NotFoundError, RuleError
from app.services import yearly_pack
from app.services.constitution_file import ConstitutionFile
from app.services.statements import Statements
from app.words import long_date

DOCUMENTS = ("minutes", "actions", "agenda", "signin", "ballots")
_ONE_AT_A_TIME = threading.Lock()
Job = Callable[[object], list[str]]  # writes one document to a path or a binary file; returns warnings
APPROVED_DOCX = ("These minutes have been approved, so only the locked PDF is offered; "
                 "an editable copy could be changed after the meeting agreed them.")


class Printing(Statements, ConstitutionFile):
    store: object

    def find_meeting(self, which: str = "latest", today: date | None = None) -> model.Meeting:
        """'latest' (the last meeting held), 'next' (the next one planned) or a meeting id (or its start)."""
        today = today or date.today()
        meetings = self.meetings()
        if which == "latest":
            held = [m for m in meetings if m.status == "closed"]
            if not held:
                raise NotFoundError("No meeting has been held yet.")
            return held[-1]
        if which == "next":
            planned = [m for m in meetings if m.status != "closed"]
            coming = [m for m in planned if m.date >= today] or planned
            if not coming:
                raise NotFoundError("No meeting is planned yet.")
            return coming[0]
        found = [m for m in meetings if m.id.startswith(which)] if len(which) >= 6 else []
        if len(found) != 1:
            raise NotFoundError(f"There is no meeting with the id {which}.")
        return found[0]

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
        meeting = self.meeting(meeting_id)
        if meeting.held:
            return ""
        return (f"The {meeting.heading} of {long_date(meeting.date)} has not been held yet, so it has no minutes. "
                "Its agenda and sign-in sheet can be printed.")

    def minutes_record(self, meeting_id: str) -> model.MeetingRecord:
        """The record the minutes print from; refused for a meeting never held."""
        refusal = self.minutes_refusal(meeting_id)
        if refusal:
            raise RuleError(refusal)
        return self.printed_record(meeting_id)

    def _agenda_job(self, meeting_id: str, large_print: bool, today: date) -> Job:
        """The agenda dated today, with the actions still open from earlier meetings under matters arising."""
        record = self.meeting_record(meeting_id)
        earlier = {m.id for m in self.meetings() if m.date < record.meeting.date}
        carried = [a for a in self.actions() if a.status == "open" and a.meeting_id in earlier]
        return _job("app.reports", "agenda_pdf", record, large_print=large_print, issued=today, carried=carried)

    def _signin_job(self, meeting_id: str, large_print: bool, address: str) -> Job:
        """The committee's sheet lists the committee; any other lists every member. Voters are marked
        by the one rule in app.core.voting (through voting_members)."""
        meeting = self.meeting(meeting_id)
        committee = meeting.kind == "committee"
        on_roll = self.members_on(meeting.date, include_left=False)
        listed = [m for m in on_roll if m.role in model.COMMITTEE_ROLES or not committee]
        voters = {m.id for m in self.voting_members(meeting.date, committee=committee)}
        return _job("app.reports", "signin_pdf", self.association(), meeting, listed, large_print=large_print,
                    voters=voters, address=address)

    def _actions_job(self, meeting_id: str, large_print: bool, today: date) -> Job:
        """The actions the meeting agreed and everything still open, as the list handed out after it."""
        meetings = {m.id: m for m in self.meetings()}
        meeting = meetings[self.meeting(meeting_id).id]
        held = sorted((m for m in meetings.values() if m.status == "closed" and m.date < meeting.date),
                      key=lambda m: m.date)
        since = held[-1].date if held else None
        everyone = {m.id: m for m in self.members(include_left=True)}
        return _job("app.reports", "actions_pdf", self.association(), self.actions(), meetings, everyone, today,
                    since, large_print=large_print, meeting=meeting)

    def contested_posts(self, meeting_id: str) -> list[str]:
        """Posts with more candidates than places at this meeting: the ones that need ballot slips."""
        return [e.post for e in self.elections(meeting_id) if len(self.candidates(e.id)) > e.seats]

    def _ballots_job(self, meeting_id: str, post: str | None, large_print: bool = False) -> Job:
        meeting = self.meeting(meeting_id)
        posts = self.contested_posts(meeting_id)
        if not posts:
            raise RuleError("This meeting has no contested election, so there are no ballot slips to print.")
        if post and post.casefold() not in {p.casefold() for p in posts}:
            raise RuleError(f"There is no contested election for {post} at this meeting.")
        chosen = (post or posts[0]).casefold()
        election = next(e for e in self.elections(meeting_id) if e.post.casefold() == chosen)
        voters = len(self.voting_members(meeting.date))
        return _job("app.reports", "ballots_pdf", self.association(), meeting, election,
                    self.candidates(election.id), voters, large_print=large_print)

    # -- editable minutes -----------------------------------------------------------------------

    def minutes_docx_refusal(self, meeting_id: str) -> str:
        """Why the minutes cannot be saved as an editable file, or "" when they can."""
        if self.meeting(meeting_id).minutes_status == "approved":
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

    # -- the landlord's yearly pack -------------------------------------------------------------

    def yearly_pack(self, year: int, today: date | None = None) -> model.YearlyPack:
        """Everything the landlord's pack says about one year, counted at its end (or today, if sooner)."""
        as_of = min(date(year, 12, 31), today or date.today())
        held = [m for m in self.meetings()
                if m.kind == "annual general" and m.date.year == year and m.status == "closed"]
        agm = self.printed_record(held[-1].id) if held else None
        everyone = self.members(include_left=True)
        on_roll = self.members_on(as_of, include_left=False)
        bearers, committee = yearly_pack.office_holders(on_roll, agm)
        return model.YearlyPack(
            association=self.association(),
            year=year,
            office_bearers=bearers,
            committee=committee,
            rules=yearly_pack.constitution_sentences(self.rules(as_of)),
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


def _job(module: str, function: str, *args, **kwargs) -> Job:
    """A writer that loads reportlab (or python-docx) only when it runs, on whichever thread runs it.

    One document is made at a time: reportlab keeps global state (its font registry, caches), and
    two threads importing the report modules at once can each find the other's half-loaded.
    """

    def write(out) -> list[str]:
        with _ONE_AT_A_TIME:
            return getattr(importlib.import_module(module), function)(*args, out, **kwargs) or []

    return write
