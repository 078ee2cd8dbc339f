"""The sentences of the minutes as plain text, shared by the PDF and the editable Word copy.

Both say exactly the same thing because both take their words from here; only the layout
differs. Nothing here knows about reportlab or python-docx.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from app.model import OFFICE_BEARERS, Action, Attendance, Candidate, Election, Meeting, MeetingRecord, Motion
from app.words import join_names, long_date, plural, surname_order, weekday_date

# Beyond this many, names move to an appendix so the minutes stay readable.
INLINE_PRESENT_LIMIT = 30
DASH = "\u2013"


# -- who was there -------------------------------------------------------------------------------


def present(record: MeetingRecord) -> list[Attendance]:
    """Members present, once each, in surname order."""
    seen: dict[str, Attendance] = {}
    for entry in record.attendance:
        if entry.kind == "present" and entry.member_id in record.members:
            seen.setdefault(entry.member_id, entry)
    return sorted(seen.values(), key=lambda e: record.members[e.member_id or ""].sort_key)


def present_name(record: MeetingRecord, entry: Attendance, surname_first: bool = False) -> str:
    """'Siobhán MacLeod (Chair, arrived 19:45)': office and comings and goings after the start.

    Two members of the same name are told apart by their flat: 'Fiona Murray (Flat 0/1, 57 Royston Road)'.
    """
    member = record.members[entry.member_id or ""]
    flat = record.member_name(member.id)[len(member.name):]
    surname_first_name = ", ".join(part for part in (member.surname, member.first_name) if part)  # one name: no comma
    name = (surname_first_name if surname_first else member.name) + flat
    remarks = [member.role.capitalize()] if member.role in OFFICE_BEARERS else []
    if entry.arrived and entry.arrived > record.meeting.time:
        remarks.append(f"arrived {entry.arrived}")
    if entry.left:
        remarks.append(f"left {entry.left}")
    return f"{name} ({', '.join(remarks)})" if remarks else name


def present_summary(record: MeetingRecord) -> str:
    """Everyone by name, or for a large meeting a count, the office bearers, and a pointer to the appendix."""
    here = present(record)
    if not here:
        return "no members were recorded as present."
    if len(here) <= INLINE_PRESENT_LIMIT:
        return join_names(present_name(record, e) for e in here) + "."
    bearers = [present_name(record, e) for e in here if record.members[e.member_id or ""].role in OFFICE_BEARERS]
    including = f", including {join_names(bearers)}" if bearers else ""
    return f"{plural(len(here), 'member')}{including}; all are listed by surname in the appendix."


def others(record: MeetingRecord, kind: str) -> list[str]:
    """Apologies or guests, by surname; guests with their organisation."""
    names = []
    for entry in (e for e in record.attendance if e.kind == kind):
        name = entry.guest_name or record.member_name(entry.member_id)
        names.append(f"{name} ({entry.guest_organisation})" if entry.guest_organisation else name)
    return sorted(names, key=surname_order)


def proxy_sentences(record: MeetingRecord) -> str:
    """'Agnes MacLeod held the proxy of Tariq Khan.' for each proxy; empty when there were none."""
    sentences = []
    for entry in (e for e in record.attendance if e.kind == "proxy"):
        member, holder = record.member_name(entry.member_id), record.member_name(entry.proxy_holder_id)
        if member and holder:
            sentences.append(f"{holder} held the proxy of {member}.")
    return " ".join(sentences)


def officers(record: MeetingRecord) -> list[tuple[str, str]]:
    """[('In the chair', 'Morag Baird'), ('Minutes taken by', 'Tariq Hussain')], as far as they are known."""
    found = [("In the chair", record.member_name(record.meeting.chair_id)),
             ("Minutes taken by", record.member_name(record.meeting.minute_taker_id))]
    return [(label, name) for label, name in found if name]


# -- quorum --------------------------------------------------------------------------------------


def quorum_sentence(record: MeetingRecord) -> str:
    """The quorum statement, then each time quorum was lost or regained."""
    count, required = len(present(record)), record.quorum_required
    were = "was" if required == 1 else "were"
    if count >= required:
        text = f"The meeting was quorate with {plural(count, 'member')} present; {required} {were} required."
    else:
        text = (
            f"The meeting was not quorate: {plural(count, 'member')} "
            f"{'was' if count == 1 else 'were'} present and {required} {were} required."
        )
    lost_before = False
    for event in _after_start(record):
        text += " " + _quorum_event(_clock(event.at), event.quorate, event.present, event.required, lost_before)
        lost_before = lost_before or not event.quorate
    return text


def _clock(moment: str) -> str:
    """'2026-05-19T20:15' -> '20:15': the minutes give the time of day only."""
    return moment.split("T")[-1][:5]


def _after_start(record: MeetingRecord) -> list:
    """Changes of quorum once the meeting had started; arrivals before the start are not news."""
    events = sorted(record.quorum_events, key=lambda e: e.at)
    return [e for e in events if _clock(e.at) > record.meeting.time]


def _quorum_event(at: str, quorate: bool, count: int, required: int, lost_before: bool) -> str:
    people = plural(count, "member")
    if not quorate:
        return (
            f"At {at} the meeting lost quorum, with {people} present and {required} required; "
            "no decisions were taken while it was inquorate."
        )
    if lost_before:
        return f"At {at} quorum was regained with {people} present."
    return f"The meeting became quorate at {at} with {people} present."


# -- items and decisions -------------------------------------------------------------------------


def by_item(record: MeetingRecord) -> dict[str | None, dict[str, list]]:
    """Motions, elections and actions filed under the agenda item they belong to (None: no item)."""
    items = {item.id for item in record.agenda}
    grouped: dict[str | None, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for kind, things in (
        ("motions", sorted(record.motions, key=lambda m: m.position)),
        ("elections", record.elections),
        ("actions", record.actions),
    ):
        for thing in things:
            key = thing.agenda_item_id if thing.agenda_item_id in items else None
            grouped[key][kind].append(thing)
    return grouped


def vote_counts(motion: Motion) -> str:
    """'18 for, 3 against, 2 abstentions', worded as app.rules words it, or '' before a vote."""
    if motion.votes_for is None or motion.votes_against is None:
        return ""
    abstentions = plural(motion.abstentions or 0, "abstention")
    return f"{motion.votes_for} for, {motion.votes_against} against, {abstentions}"


def seconding(record: MeetingRecord, proposer_id: str | None, seconder_id: str | None) -> str:
    """'Proposed by Agnes MacLeod, seconded by Tariq Khan.' with whichever names are known."""
    proposer, seconder = record.member_name(proposer_id), record.member_name(seconder_id)
    if proposer and seconder:
        return f"Proposed by {proposer}, seconded by {seconder}."
    if proposer:
        return f"Proposed by {proposer}."
    return f"Seconded by {seconder}." if seconder else ""


@dataclass(frozen=True)
class MotionWords:
    """A motion as the minutes give it; empty strings are left out."""

    label: str  # "Motion" or "Amendment"
    text: str
    moved: str
    counts: str  # "Votes: 18 for, ..." when the result sentence does not already give them
    result: str  # "" when no vote has been recorded


def motion_words(record: MeetingRecord, motion: Motion) -> MotionWords:
    counts = vote_counts(motion)
    result = motion.result_text or ({True: "Carried.", False: "Not carried."}.get(motion.carried, "") if motion.carried is not None else "")
    return MotionWords(
        label="Amendment" if motion.amends_id else "Motion",
        text=motion.text,
        moved=seconding(record, motion.proposer_id, motion.seconder_id) + _allowed(motion),
        counts=f"Votes: {counts}." if counts and counts not in motion.result_text else "",
        result=result,
    )


def _allowed(motion: Motion) -> str:
    """The chair's reason for letting a proposer or seconder who had left stand, as the minutes record it."""
    reason = motion.override_reason.strip().rstrip(".")
    return f" The chair allowed this, as a mover had left: {reason}." if reason else ""


NO_VOTE = "No vote has been recorded."


def action_owner(record: MeetingRecord, action: Action) -> str:
    return action.owner_name or record.member_name(action.owner_member_id)


def action_words(action: Action, owner: str) -> str:
    """'Write to the council – Siobhán MacLeod, by 12 January 2027' (without the 'Action:' label)."""
    text = action.description.rstrip(". ")
    if owner:
        text += f" {DASH} {owner}"
    if action.due:
        text += f", by {long_date(action.due)}"
    return text


def election_title(election: Election) -> tuple[str, str]:
    """('Election of Chair', '(1 place)'): the first part is set in bold."""
    return f"Election of {election.post}", f"({plural(election.seats, 'place')})"


def election_outcome(election: Election, candidates: list[Candidate]) -> list[str]:
    """Who was elected, unopposed or not, and any places left vacant."""
    ordered = sorted(candidates, key=lambda c: surname_order(c.name))
    elected = [c.name for c in ordered if c.elected]
    if not ordered:
        return ["There were no nominations; the post remains vacant."]
    if not elected:
        return [f"Candidates: {join_names(c.name for c in ordered)}. No result has been recorded."]
    how = " unopposed" if all(c.unopposed for c in ordered if c.elected) else ""
    lines = [f"{join_names(elected)} {'was' if len(elected) == 1 else 'were'} elected{how}."]
    vacant = election.seats - len(elected)
    if vacant > 0:
        lines.append(f"{plural(vacant, 'place')} {'remains' if vacant == 1 else 'remain'} vacant.")
    return lines


def ranked(candidates: list[Candidate]) -> list[Candidate]:
    """Most votes first, so the order of election reads from the top."""
    return sorted(candidates, key=lambda c: (-(c.votes or 0), surname_order(c.name)))


# -- previous minutes, next meeting, approval ----------------------------------------------------


def previous_minutes_sentence(record: MeetingRecord) -> str:
    previous = record.previous_meeting
    return f"Minutes of the {previous.heading} held on {long_date(previous.date)}." if previous else ""


def approved_here(record: MeetingRecord) -> list[tuple[str, str]]:
    """(sentence, corrections) for each set of earlier minutes approved at this meeting."""
    found = []
    for meeting, minutes in record.approved_here:
        moved = seconding(record, minutes.proposer_id, minutes.seconder_id)
        sentence = (f"The minutes of the {meeting.heading} held on {long_date(meeting.date)} were approved "
                    f"as a true record{' with corrections' if minutes.corrections else ''}. {moved}")
        found.append((sentence.strip(), minutes.corrections))
    return found


def when_and_where(meeting: Meeting) -> str:
    """'Tuesday 24 November 2026 at 19:30 in Wellhouse Community Centre'."""
    text = f"{weekday_date(meeting.date)} at {meeting.time}"
    return f"{text} in {meeting.venue}" if meeting.venue else text


def next_meeting_sentence(record: MeetingRecord, noted: str = "") -> str:
    """The next meeting, stated once: when none is planned and the secretary noted it, the note says it."""
    following = record.next_meeting
    if following is None:
        return "" if noted.strip() else "The date of the next meeting is to be confirmed."
    return f"The next {following.heading} will be held on {when_and_where(following)}."


def arising_lines(record: MeetingRecord) -> list[str]:
    """Each action carried forward, with its owner and where it stands."""
    return [f"{action_words(a, action_owner(record, a))}: {_standing(a, record.meeting.date)}"
            for a in record.matters_arising]


def _standing(action: Action, on) -> str:
    """Where an action stood on the meeting's day: done, past its date, or in hand."""
    if action.status == "done" and action.completed and action.completed <= on:
        return f"done on {long_date(action.completed)}."
    return "overdue." if action.due and action.due < on else "in hand."


def nothing_noted(item_kind: str) -> str:
    """What an item with nothing noted says: every report says 'No report.'; other items say nothing."""
    return {"report": "No report.", "any other competent business": "There was no other competent business.",
            "matters arising": "There were no matters arising."}.get(item_kind, "")


def closed_sentence(record: MeetingRecord) -> str:
    closed = record.meeting.closed_at
    return f"The meeting closed at {closed}." if closed else ""


def approval(record: MeetingRecord) -> tuple[str, str] | None:
    """(sentence, corrections) saying when and on whose motion these minutes were approved."""
    minutes = record.minutes
    if minutes is None or minutes.status != "approved":
        return None
    when = f" on {long_date(minutes.approved_on)}" if minutes.approved_on else ""
    moved = seconding(record, minutes.proposer_id, minutes.seconder_id)
    return f"These minutes were approved as a true record{when}. {moved}".strip(), minutes.corrections


def is_approved(record: MeetingRecord) -> bool:
    return record.minutes is not None and record.minutes.status == "approved"
