"""Office bearers and the committee over time: elections and the chair's corrections, dated.

Everything that asks who was chair, or on the committee, on a day (the Present list, the
committee quorum and sign-in sheet, the landlord's pack) reads ``members_on``.
"""

from __future__ import annotations

from datetime import date

from app import model
from app.core import offices
from app.errors import QuorumError
from app.services.changes import Changes
from app.services.part import Part
from app.words import long_date


class Offices(Part):
    """Office bearers and the committee over time, dated (who was chair on a day)."""

    def office_terms(self, member_id: str | None = None) -> list[model.OfficeTerm]:
        if member_id:
            return self.store.find(model.OfficeTerm, order_by=("start", "rowid"), member_id=member_id)
        return self.store.find(model.OfficeTerm, order_by=("start", "rowid"))

    def members_on(self, day: date, include_left: bool = True) -> list[model.Member]:
        """The register with each member's role on ``day``."""
        return offices.as_on(self.book.register.members(include_left=include_left), self.office_terms(), day)

    def members_at(self, meeting: model.Meeting, elections: list[model.Election]) -> list[model.Member]:
        """The register with the roles held as ``meeting`` opened (before its own elections)."""
        return offices.as_the_meeting_opened(self.book.register.members(include_left=True), self.office_terms(), meeting.date,
                                             [e.id for e in elections])

    def set_role(self, member_id: str, role: str, on: date, reason: str = "") -> Changes:
        """The chair's correction (a resignation, a co-option): the role holds from ``on``."""
        if role not in model.ROLES:
            raise QuorumError(f"“{role}” is not a role Quorum knows.")
        self._start_terms([model.OfficeTerm(member_id, role, on, reason.strip() or "Set by hand")])
        return Changes.of("member", "office_term")

    def _start_terms(self, terms: list[model.OfficeTerm]) -> None:
        """Write terms, keeping each member's register role as their first, and the register's role current."""
        if not terms:
            return
        with self.store.transaction():
            for term in terms:
                member = self.book.register.member(term.member_id)
                if not self.office_terms(member.id):
                    self.store.add(model.OfficeTerm(member.id, member.role, member.joined or offices.BEGINNING,
                                                    "Member register"))
                self.store.add(term)
            self._current_roles({t.member_id for t in terms})

    def _current_roles(self, member_ids: set[str]) -> None:
        today = offices.roles_on([self.book.register.member(i) for i in member_ids], self.office_terms(), date.today())
        for member_id, role in today.items():
            self.store.patch(model.Member, member_id, role=role)

    def _elect(self, election: model.Election, winners: list[str]) -> None:
        """Declaring a result makes the winners hold the post from the meeting's date."""
        meeting = self.book.meetings.meeting(election.meeting_id)
        roles = offices.roles_on(self.book.register.members(include_left=True), self.office_terms(), meeting.date)
        reason = f"Elected {election.post} at the {meeting.heading} of {long_date(meeting.date)}"
        self._forget_election(election.id)
        self._start_terms(offices.terms_after_election(election.post, winners, roles, meeting.date, reason,
                                                       election.id))

    def _forget_election(self, election_id: str) -> None:
        """An election withdrawn or counted again: its terms go, and roles fall back."""
        terms = self.store.find(model.OfficeTerm, election_id=election_id)
        with self.store.transaction():
            for term in terms:
                self.store.remove(model.OfficeTerm, term.id)
            self._current_roles({t.member_id for t in terms})
