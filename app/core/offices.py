"""Who holds which role on a date: elections and the chair's corrections, kept as dated terms.

The register's role is where history starts; each term (elected at an AGM, or set by hand for a
resignation or a co-option) holds from its start until the member's next term.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.model import COMMITTEE_ROLES, OFFICE_BEARERS, Member, OfficeTerm

# Where history starts for a member whose first term is written: their register role before it.
BEGINNING = date(1900, 1, 1)


def roles_on(members: Iterable[Member], terms: Iterable[OfficeTerm], day: date) -> dict[str, str]:
    """member id -> role on ``day``: the latest term begun by then, else the register's role."""
    latest: dict[str, OfficeTerm] = {}
    for term in terms:
        if term.start <= day:
            held = latest.get(term.member_id)
            if held is None or term.start >= held.start:
                latest[term.member_id] = term
    return {m.id: latest[m.id].role if m.id in latest else m.role for m in members}


def as_on(members: Iterable[Member], terms: Iterable[OfficeTerm], day: date) -> list[Member]:
    """Copies of the members with the role each held on ``day``."""
    members = list(members)
    roles = roles_on(members, terms, day)
    return [_with_role(m, roles[m.id]) for m in members]


def as_the_meeting_opened(members: Iterable[Member], terms: Iterable[OfficeTerm], day: date,
                          election_ids: Iterable[str]) -> list[Member]:
    """Roles as a meeting opened: its own elections (an AGM's) take effect as it ends, so its Present
    list names the officers who ran it, and the next meeting names those it elected."""
    skip = set(election_ids)
    return as_on(members, [t for t in terms if t.election_id not in skip], day)


def _with_role(member: Member, role: str) -> Member:
    if member.role == role:
        return member
    copy = Member(**vars(member))
    copy.role = role
    return copy


def post_role(post: str) -> str | None:
    """The role an election fills: 'Vice Chair' is the vice-chair; 'Committee members' the committee."""
    words = " ".join(post.casefold().replace("-", " ").split())
    for office in OFFICE_BEARERS:
        if words == office.replace("-", " "):
            return office
    return COMMITTEE_ROLES[-1] if "committee" in words else None


def terms_after_election(post: str, winners: list[str], roles: dict[str, str], day: date, reason: str,
                         election_id: str) -> list[OfficeTerm]:
    """The terms an election's result starts on ``day``.

    Winners take the post; whoever held it that day and was not re-elected goes back to being a
    member. A committee place does not take an office someone was elected to at the same AGM.
    """
    role = post_role(post)
    if role is None:
        return []
    terms = []
    for member_id, held in roles.items():
        if held == role and member_id not in winners:
            terms.append(OfficeTerm(member_id, "member", day, reason, election_id))
    for member_id in winners:
        if role == COMMITTEE_ROLES[-1] and roles.get(member_id) in OFFICE_BEARERS:
            continue
        if roles.get(member_id) != role:
            terms.append(OfficeTerm(member_id, role, day, reason, election_id))
    return terms
