"""What goes in the landlord's yearly pack, worked out from the record of one year.

A registered tenant organisation sends its landlord, each year, who holds office, its
constitution, its AGM minutes, how many members it has and a statement of its money. These
functions are plain so that each rule (who counts as an office bearer, which members count)
can be tested on its own.
"""

from __future__ import annotations

from datetime import date

from app.model import COMMITTEE_ROLES, OFFICE_BEARERS, ConstitutionRules, MeetingRecord, Member, OfficeHolder
from app.rules import MAJORITY_NAMES
from app.services.preparation import quorum_words
from app.words import long_date, surname_order

REGISTER = "Member register"


def office_holders(members: list[Member], agm: MeetingRecord | None) -> tuple[list[OfficeHolder], list[OfficeHolder]]:
    """(office bearers, committee): as elected at the year's AGM, else as the member register has them.

    The AGM is the formal record, so its result wins; a post it did not fill (or a year with no
    AGM) falls back to the roles kept in the register, and a post no one holds says "Vacant".
    """
    source = f"AGM of {long_date(agm.meeting.date)}" if agm else ""
    elected, committee = _elected(agm, source)
    bearers = []
    for office in OFFICE_BEARERS:
        title = office.capitalize()
        if office in elected:
            bearers += [OfficeHolder(title, name, source) for name in elected[office]]
            continue
        holders = sorted((m for m in members if m.role == office), key=lambda m: m.sort_key)
        bearers += [OfficeHolder(title, m.name, REGISTER) for m in holders] or [OfficeHolder(title, "Vacant")]
    if not committee:
        committee = [OfficeHolder("Committee member", m.name, REGISTER)
                     for m in members if m.role == COMMITTEE_ROLES[-1]]
    return bearers, sorted(committee, key=lambda h: surname_order(h.name))


def _elected(agm: MeetingRecord | None, source: str) -> tuple[dict[str, list[str]], list[OfficeHolder]]:
    """Names elected to each office, and the committee members elected, at the AGM."""
    if agm is None:
        return {}, []
    offices: dict[str, list[str]] = {}
    committee = []
    for election in agm.elections:
        names = [c.name for c in agm.candidates if c.election_id == election.id and c.elected]
        office = _office(election.post)
        if office and names:
            offices[office] = names
        elif names:
            committee += [OfficeHolder("Committee member", name, source) for name in names]
    return offices, committee


def _office(post: str) -> str | None:
    """'Vice Chair', 'Vice-Chair' and 'vice-chair' are the same post."""
    key = "-".join(post.casefold().replace("-", " ").split())
    key = {"chairperson": "chair", "vice-chairperson": "vice-chair"}.get(key, key)
    return key if key in OFFICE_BEARERS else None


def secretary_contact(members: list[Member]) -> str:
    """The secretary's name and address for the landlord's letters; phone and email only with consent."""
    secretary = next(iter(sorted((m for m in members if m.role == "secretary"), key=lambda m: m.sort_key)), None)
    if secretary is None:
        return ""
    parts = [secretary.name, secretary.address, secretary.postcode]
    if secretary.contact_consent:
        parts += [secretary.phone, secretary.email]
    return ", ".join(part.strip() for part in parts if part and part.strip())


def members_on(members: list[Member], day: date) -> int:
    """Members on the register that day: joined by then (or date unknown) and not yet left."""
    return sum(1 for m in members if (m.joined is None or m.joined <= day) and (m.left is None or m.left > day))


def constitution_sentences(rules: ConstitutionRules) -> list[str]:
    """The constitution as set in Quorum, as sentences a landlord's officer can read."""
    general = _clause(quorum_words(rules.general_quorum))
    committee = _clause(quorum_words(rules.committee_quorum, "the committee", rules.committee_quorum_plus_one))
    return [
        f"A general meeting is quorate when {general} are present.",
        f"A committee meeting is quorate when {committee} are present.",
        f"A meeting that is not quorate {rules.inquorate_adjourn_minutes} minutes after its start stands adjourned.",
        f"Decisions are taken by {MAJORITY_NAMES[rules.majority.kind]}; "
        + ("when the votes are tied, the chair has a casting vote." if rules.majority.chair_casting_vote
           else "when the votes are tied, the motion is not carried, as the chair has no casting vote."),
        f"Changes to the constitution need {MAJORITY_NAMES[rules.constitutional_majority]}.",
        "Each household has one vote." if rules.vote_per == "household" else "Each member has one vote.",
        f"Members may vote from the age of {rules.minimum_voting_age}." if rules.minimum_voting_age
        else "There is no minimum age for voting.",
        _proxies(rules),
        f"Members are given at least {_days(rules.agm_notice_days)} notice of an annual or special general "
        f"meeting, and at least {_days(rules.general_notice_days)} notice of any other general meeting.",
        f"The committee has up to {rules.committee_size} members.",
    ]


def _clause(words: str) -> str:
    """Close '..., whichever is fewer' with a comma when a sentence goes on after it."""
    return words + "," if ", whichever" in words else words


def _proxies(rules: ConstitutionRules) -> str:
    if not rules.proxies_allowed:
        return "Proxy votes are not allowed."
    days = rules.proxy_notice_days
    when = (f"given at least {days} day{'' if days == 1 else 's'} before the meeting" if days
            else "given before the meeting starts")
    counts = "count" if rules.proxies_count_for_quorum else "do not count"
    return f"Proxy votes are allowed if {when}; they {counts} towards the quorum."


def _days(count: int) -> str:
    """'14 days'' as in "14 days' notice"."""
    return "1 day's" if count == 1 else f"{count} days'"
