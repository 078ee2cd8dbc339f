"""The members register: adding, editing, marking as left, and who may vote."""

from __future__ import annotations

from datetime import date

from app import model
from app.errors import QuorumError
from app.services.changes import Changes


class Members:
    store: object

    def members(self, include_left: bool = False) -> list[model.Member]:
        found = self.store.find(model.Member, order_by=("surname", "first_name"))
        if include_left:
            return found
        return [m for m in found if m.left is None]

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
        if "role" in fields and fields["role"] not in model.ROLES:
            raise QuorumError(f"“{fields['role']}” is not a role Quorum knows.")
        self.store.patch(model.Member, member_id, **fields)
        return Changes.of("member")

    def mark_left(self, member_id: str, on: date | None = None):
        """A member who leaves stays in the records (minutes name them); they just stop counting."""
        return self.update_member(member_id, left=on or date.today())

    def erase_member(self, member_id: str, on: date | None = None):
        """Remove a member's personal details for a data-protection request.

        The record stays as "Former member" so past attendance and vote counts stay correct;
        approved minutes are the legal record and are not rewritten.
        """
        member = self.member(member_id)
        return self.update_member(
            member_id, first_name="Former", surname="member", address="", postcode="", phone="", email="",
            contact_consent=False, birth_year=None, notes="", left=member.left or on or date.today(),
        )

    def voting_members(self, on: date, committee: bool = False) -> list[model.Member]:
        """Members entitled to vote on a date: joined by then, not left, not associate, old enough."""
        rules = self.rules(on)
        roles = model.COMMITTEE_ROLES if committee else model.ROLES
        return [
            m for m in self.members(include_left=True)
            if m.role in roles and can_vote_on(m, on, rules)
        ]


def can_vote_on(member: model.Member, on: date, rules: model.ConstitutionRules) -> bool:
    if member.role == "associate member":
        return False
    if member.joined and member.joined > on:
        return False
    if member.left and member.left <= on:
        return False
    age = rules.minimum_voting_age
    return not (age and member.birth_year and on.year - member.birth_year < age)


def _check_member(member: model.Member) -> None:
    if not (member.first_name.strip() or member.surname.strip()):
        raise QuorumError("A member needs a name.")
    if member.role not in model.ROLES:
        raise QuorumError(f"“{member.role}” is not a role Quorum knows.")
