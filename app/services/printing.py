"""Printing: gather what each document needs from the store and hand it to app.reports.

reportlab is imported only here, when something is printed, so the app starts fast.
"""

from __future__ import annotations

from datetime import date

from app import model
from app.errors import NotFoundError, RuleError

DOCUMENTS = ("minutes", "actions", "agenda", "signin", "ballots")


class Printing:
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
                       today: date | None = None, post: str | None = None) -> None:
        """Write one document as a PDF to ``out`` (a path or a binary file)."""
        from app import reports

        today = today or date.today()
        association = self.association()
        if document == "minutes":
            reports.minutes_pdf(self.meeting_record(meeting_id), out, large_print=large_print)
        elif document == "agenda":
            reports.agenda_pdf(self.meeting_record(meeting_id), out, large_print=large_print)
        elif document == "signin":
            reports.signin_pdf(association, self.meeting(meeting_id), self.members(), out, large_print=large_print)
        elif document == "actions":
            self._print_actions(association, out, large_print, today)
        elif document == "ballots":
            self._print_ballots(association, meeting_id, out, post)
        else:
            raise NotFoundError(f"Quorum cannot print “{document}”; choose one of {', '.join(DOCUMENTS)}.")

    def _print_actions(self, association, out, large_print: bool, today: date) -> None:
        from app import reports

        meetings = {m.id: m for m in self.meetings()}
        held = sorted((m for m in meetings.values() if m.status == "closed" and m.date <= today),
                      key=lambda m: m.date)
        since = held[-2].date if len(held) >= 2 else None
        everyone = {m.id: m for m in self.members(include_left=True)}
        reports.actions_pdf(association, self.actions(), meetings, everyone, today, since, out,
                            large_print=large_print)

    def _print_ballots(self, association, meeting_id: str, out, post: str | None) -> None:
        from app import reports

        meeting = self.meeting(meeting_id)
        contested = [(e, self.candidates(e.id)) for e in self.elections(meeting_id)]
        contested = [(e, c) for e, c in contested if len(c) > e.seats]
        if not contested:
            raise RuleError("This meeting has no contested election, so there are no ballot slips to print.")
        if post:
            contested = [(e, c) for e, c in contested if e.post.casefold() == post.casefold()]
            if not contested:
                raise RuleError(f"There is no contested election for {post} at this meeting.")
        voters = len(self.voting_members(meeting.date))
        election, candidates = contested[0]
        reports.ballots_pdf(association, meeting, election, candidates, voters, out)
