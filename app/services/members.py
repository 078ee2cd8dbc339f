"""The members register: adding, editing, marking as left, and who may vote."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app import model
from app.core import voting
from app.errors import QuorumError
from app.saving import save_bytes
from app.services.changes import Changes
from app.services.part import Part

if TYPE_CHECKING:
    from app.services.association_file import AssociationFile

ERASED_NAME = "Former member"
KEPT_DAYS = 4  # who may vote is kept for this many (day, committee or not) at a time
PERSONAL_FIELDS = ("first_name", "surname", "address", "postcode", "phone", "email", "birth_year", "notes")


class Register(Part):
    """The members register: adding, editing, marking as left, erasing, and who may vote.

    The register is read once and kept (``_read``) until a member is added, edited or removed, here
    or by a sync (``Store.fingerprint`` says so): the quorum, the door, the console and the members
    page all share that one read, which with 5,000 members is most of the cost of opening a meeting.
    Callers get lists of their own but the same ``Member`` objects, which nobody changes in place.
    Who may vote on a day is kept the same way (``voting_members``).
    """

    def __init__(self, book: AssociationFile) -> None:
        super().__init__(book)
        self._read: tuple[tuple, list[model.Member]] | None = None  # (fingerprint, everyone by surname)
        self._voters: dict[tuple[date, bool], tuple[tuple, list[model.Member]]] = {}  # see voting_members

    def members(self, include_left: bool = False) -> list[model.Member]:
        everyone = self._everyone()
        if include_left:
            return list(everyone)
        return [m for m in everyone if m.left is None]

    def _everyone(self) -> list[model.Member]:
        """Every member, those who left too, in the register's order: read again only once it changed."""
        key = self.store.fingerprint(model.Member)
        if self._read is None or self._read[0] != key:
            self._read = (key, self.store.find(model.Member, order_by=("surname", "first_name")))
        return self._read[1]

    def member(self, member_id: str) -> model.Member:
        return self.store.get(model.Member, member_id)

    def add_member(self, member: model.Member):
        _check_member(member)
        self.store.add(member)
        return Changes.of("member")

    def add_members(self, members: list[model.Member]):
        """Many members in one transaction: an import lands whole or not at all."""
        for member in members:
            _check_member(member)
        with self.store.transaction():
            for member in members:
                self.store.add(member)
        return Changes.of("member")

    def update_member(self, member_id: str, **fields):
        """Edit the register; a new role holds from today, and earlier meetings keep the roles of their day."""
        role = fields.pop("role", None)
        with self.store.transaction():
            if role is not None and role != self.member(member_id).role:
                self.book.offices.set_role(member_id, role, date.today(), "Changed in the register")
            if fields:
                self.store.patch(model.Member, member_id, **fields)
        return Changes.of("member")

    def mark_left(self, member_id: str, on: date | None = None):
        """A member who leaves stays in the records (minutes name them); they just stop counting."""
        return self.update_member(member_id, left=on or date.today())

    def erase_member(self, member_id: str, on: date | None = None):
        """Remove a member's personal details for a data-protection request.

        The record stays as "Former member" so past attendance and vote counts stay correct.
        Approved minutes are the association's legal record and keep the names they state;
        elsewhere (open actions, draft records, the queue of changes for head office) the
        details go too.
        """
        member = self.member(member_id)
        approved = {m.id for m in self.book.meetings.meetings() if m.minutes_status == "approved"}
        with self.store.transaction():
            self.store.scrub_history("member", member_id, PERSONAL_FIELDS)  # before the erasure is queued
            changes = self.update_member(
                member_id, first_name="Former", surname="member", address="", postcode="", phone="", email="",
                contact_consent=False, birth_year=None, notes="", left=member.left or on or date.today(),
            )
            for action in self.store.find(model.Action, owner_member_id=member_id):
                if action.meeting_id not in approved:
                    self.store.patch(model.Action, action.id, owner_name=ERASED_NAME)
            for candidate in self.store.find(model.Candidate, member_id=member_id):
                election = self.store.get(model.Election, candidate.election_id)
                if election.meeting_id not in approved:
                    self.store.patch(model.Candidate, candidate.id, name=ERASED_NAME)
        return changes

    def member_data(self, member_id: str) -> dict:
        """Everything Quorum holds about one member, for a subject access request."""
        member = self.member(member_id)
        meetings = {m.id: m for m in self.book.meetings.meetings()}

        def when(meeting_id: str) -> str:
            meeting = meetings[meeting_id]
            return f"{meeting.heading}, {meeting.date.isoformat()}"

        attendance = [
            {"meeting": when(a.meeting_id), "as": a.kind, "arrived": a.arrived, "left": a.left}
            for meeting_id in meetings for a in self.store.find(model.Attendance, meeting_id=meeting_id)
            if a.member_id == member_id or a.proxy_holder_id == member_id
        ]
        motions = [
            {"meeting": when(m.meeting_id), "motion": m.text,
             "role": "proposer" if m.proposer_id == member_id else "seconder"}
            for m in self.store.find(model.Motion) if member_id in (m.proposer_id, m.seconder_id)
        ]
        candidacies = [
            {"meeting": when(self.store.get(model.Election, c.election_id).meeting_id),
             "post": self.store.get(model.Election, c.election_id).post, "votes": c.votes, "elected": c.elected}
            for c in self.store.find(model.Candidate, member_id=member_id)
        ]
        actions = [
            {"meeting": when(a.meeting_id), "action": a.description, "due": a.due.isoformat() if a.due else None,
             "status": a.status}
            for a in self.store.find(model.Action, owner_member_id=member_id)
        ]
        details = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in vars(member).items()}
        return {"association": self.book.association().name, "exported": date.today().isoformat(),
                "member": details, "attendance": attendance, "motions": motions,
                "elections": candidacies, "actions": actions}

    def export_member_data(self, member_id: str, out: Path) -> Path:
        """Write ``member_data`` as readable JSON, whole or not at all."""
        out = Path(out)
        save_bytes(out, json.dumps(self.member_data(member_id), ensure_ascii=False, indent=2).encode("utf-8"))
        return out

    def voting_members(self, on: date, committee: bool = False) -> list[model.Member]:
        """Members entitled to vote on a date, with their roles of that day (app.core.voting decides who).

        Judged once per version of the register, its office terms and the rules of that day, and kept:
        opening a meeting, the console and every check-in count the quorum from the same answer, and
        judging 5,000 members each time was most of counting it.
        """
        rules = self.book.rules(on)
        version = (self.store.fingerprint(model.Member), self.store.fingerprint(model.OfficeTerm), rules)
        kept = self._voters.get((on, committee))
        if kept is None or kept[0] != version:
            if len(self._voters) >= KEPT_DAYS:  # a few days at a time: the meeting's, today's
                self._voters.pop(next(iter(self._voters)))
            kept = self._voters[on, committee] = (
                version, voting.voters(self.book.offices.members_on(on), on, rules, committee))
        return list(kept[1])

    def why_not_voting(self, on: date | None = None) -> dict[str, str]:
        """member id -> why they may not vote on a date ("" when they may), for the register's column."""
        when = on or date.today()
        rules = self.book.rules(when)
        return {m.id: voting.why_not_voting(m, when, rules) for m in self.members(include_left=True)}


def _check_member(member: model.Member) -> None:
    if not (member.first_name.strip() or member.surname.strip()):
        raise QuorumError("A member needs a name.")
    if member.role not in model.ROLES:
        raise QuorumError(f"“{member.role}” is not a role Quorum knows.")
