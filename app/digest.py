"""The digest for members: what a meeting decided, in everyday words, for a notice board and a phone.

Drafted by rules, not by hand: a motion's wording ("That the association applies to ...") becomes
"We agreed to apply to ...", and who is doing what is said by role. Only office bearers are
named, because they are public by their post; any other member is "a committee member" or "a
member", and their names are taken out of the wording too. The chair edits the draft as plain
text before it is printed or published, so everything after drafting (the poster, the short
text, the head-office page) reads that text back with ``parse``. Pure: no store, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from app.model import OFFICE_BEARERS, Action, Meeting, MeetingRecord, Member, Motion
from app.words import MONTHS, plural, weekday_date

SHORT_LIMIT = 600
BULLET = "- "
OUTSIDE_WORDS = ("council", "association", "officer", "police", "team", "department", "landlord", "service",
                 "office", "trust", "fund", "housing", "scotland")
PLAIN_WORDS = [  # (formal, everyday); whole words, case as written
    ("in respect of", "about"), ("with regard to", "about"), ("regarding", "about"), ("in order to", "to"),
    ("prior to", "before"), ("approximately", "about"), ("commence", "start"), ("utilise", "use"),
    ("purchase", "buy"), ("facilitate", "help"), ("sufficient", "enough"), ("proposal", "plan"),
    ("formally ", ""), ("the association's", "our"), ("this association's", "our"),
]
SUBJECTS = re.compile(r"^that\s+(?:the|this)\s+(?:association|committee|meeting|tra)\s+", re.IGNORECASE)
# "... and asks that ...": a second verb of the same subject; "that the secretary writes to ...": an officer's.
SECOND_VERB = re.compile(r"\b(and|or) (\w+s) (?=(?:that|to|for|on|the|a|an|it|them)\b)")
OFFICER_VERB = re.compile(r"\bthat the (chair|vice-chair|secretary|treasurer|committee) (\w+s)\b", re.IGNORECASE)
ES_ENDINGS = ("sses", "shes", "ches", "xes", "zes", "oes")
ANSWER_SAID = {
    "acknowledged": "They have told us they have it and will look into it.",
    "in progress": "They say they are working on it.",
    "done": "They say it is done.",
    "declined": "They have said no.",
}


@dataclass
class Section:
    heading: str
    lines: list[str] = field(default_factory=list)
    bullets: bool = True


@dataclass
class Summary:
    title: str
    intro: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def section(self, heading: str) -> Section | None:
        return next((s for s in self.sections if s.heading.casefold() == heading.casefold()), None)


# -- drafting -----------------------------------------------------------------------------------

def draft(record: MeetingRecord, answers: list[Action], next_meeting: Meeting | None) -> str:
    """The digest of a closed meeting as plain text, ready for the chair to edit.

    ``answers`` are asks of the landlord answered since the meeting before this one;
    ``next_meeting`` is the next meeting members may come to (not a committee meeting).
    """
    return as_text(summary(record, answers, next_meeting))


def summary(record: MeetingRecord, answers: list[Action], next_meeting: Meeting | None) -> Summary:
    members = record.members
    decided = [plain_decision(m, members) for m in sorted(record.motions, key=lambda m: m.position)
               if m.decided and not m.amends_id]
    answered = {a.id for a in answers}  # an ask answered already is told once, with its answer
    doing = [next_step(a, members) for a in record.actions if a.status == "open" and a.id not in answered]
    found = Summary(f"What we decided at our {record.meeting.heading}", [_intro(record)])
    found.sections.append(Section("What we decided", decided or ["We did not vote on anything this time."]))
    if doing:
        found.sections.append(Section("What happens next", doing))
    if answers:
        found.sections.append(Section("Answers from the landlord", [answer_news(a) for a in answers]))
    found.sections.append(Section("Our next meeting", [_next_meeting(next_meeting)], bullets=False))
    found.sections.append(Section("How to get involved", _involved(record), bullets=False))
    return found


def _intro(record: MeetingRecord) -> str:
    meeting = record.meeting
    here = len({a.member_id for a in record.attendance if a.kind == "present" and a.member_id})
    place = f" at {_place(meeting.venue)}" if meeting.venue else ""
    came = f" {plural(here, 'member')} came." if here else ""
    return f"We met on {weekday_date(meeting.date)}{place}.{came} Thank you to everyone who took part."


def _place(venue: str) -> str:
    """The place without its street address: 'Wellhouse Community Centre, 40 Wellhouse Crescent' ->
    'Wellhouse Community Centre'; 'Committee room, Wellhouse Community Centre' -> 'the committee room, ...'."""
    parts = [p.strip() for p in venue.split(",") if p.strip()]
    kept = [p for p in parts if not p[:1].isdigit()] or parts[:1]
    first = kept[0]
    if len(first.split()) > 1 and not first.split()[1][:1].isupper():  # "Committee room": a room, not a name
        kept[0] = "the " + first[:1].lower() + first[1:]
    return ", ".join(kept)


def plain_decision(motion: Motion, members: dict[str, Member]) -> str:
    """'We agreed to apply to the Community Grant Fund for £1,500 ...' from the motion's wording."""
    wording = _scrub(_plain_words(motion.text.strip().rstrip(". ")), members)
    first, _, rest = wording.partition(", and that ")
    inquorate = motion.result_text.startswith("No decision")
    sentence = _decision(first, bool(motion.carried), inquorate)
    if rest and not inquorate:
        rest = OFFICER_VERB.sub(lambda m: f"that our {m[1].lower()} will {_base_form(m[2])}", f"that {rest}")
        sentence += f" We {'also agreed' if motion.carried else 'did not agree'} {rest.rstrip('. ')}."
    return sentence + _counts(motion, inquorate)


def _decision(wording: str, carried: bool, inquorate: bool) -> str:
    stripped = SUBJECTS.sub("", wording, count=1)
    if stripped != wording:  # "That the association applies to ..." -> "apply to ..."
        words = stripped.split(" ")
        at = 1 if words[0].endswith("ly") and len(words) > 1 else 0
        words[at] = _base_form(words[at])
        phrase = SECOND_VERB.sub(lambda m: f"{m[1]} {_base_form(m[2])} ", " ".join(words))
        if inquorate:
            return f"Not enough members were there to decide whether to {phrase}."
        return f"We {'agreed' if carried else 'decided not'} to {phrase}."
    clause = re.sub(r"^that\s+", "", wording, flags=re.IGNORECASE)
    clause = re.sub(r"\bbe\b", "should be", clause, count=1)  # "that clause 3 be amended"
    if inquorate:
        return f"Not enough members were there to decide whether {clause}."
    return f"We {'agreed' if carried else 'did not agree'} that {clause}."


def _base_form(verb: str) -> str:
    """'applies' -> 'apply', 'supports' -> 'support', 'reaches' -> 'reach'."""
    lower = verb.lower()
    if lower.endswith("ies") and len(lower) > 4:
        return verb[:-3] + "y"
    if lower.endswith(ES_ENDINGS):
        return verb[:-2]
    if lower.endswith("s") and not lower.endswith("ss"):
        return verb[:-1]
    return verb


def _counts(motion: Motion, inquorate: bool) -> str:
    if inquorate or motion.votes_for is None or motion.votes_against is None:
        return ""
    if motion.votes_against == 0 and not motion.abstentions:
        return " Everyone who voted agreed."
    casting = " The chair's casting vote decided it." if motion.casting_vote else ""
    return f" The vote was {motion.votes_for} for and {motion.votes_against} against.{casting}"


def next_step(action: Action, members: dict[str, Member]) -> str:
    """'Our secretary, Robert Ahmed, will write to ...' or 'We have asked the landlord to ...'."""
    what = _scrub(_plain_words(_lower_first(action.description.strip().rstrip(". "))), members)
    by = f"{action.due.day} {MONTHS[action.due.month - 1]}" if action.due else ""
    if action.ask_of_landlord:
        return f"We have asked {_landlord(action)} to {what}." + (f" We want it done by {by}." if by else "")
    return f"{doer(action, members)} will {what}." + (f" This is due by {by}." if by else "")


def _landlord(action: Action) -> str:
    department = action.landlord_department.strip()
    return f"the landlord's {_lower_first(department)}" if department else "the landlord"


def doer(action: Action, members: dict[str, Member]) -> str:
    """Who is doing it, by role: only office bearers by name, never anyone else."""
    member = members.get(action.owner_member_id or "") or _member_named(action.owner_name, members)
    if member is not None:
        return by_role(member)
    owner = action.owner_name.strip()
    if owner and any(word in owner.casefold() for word in OUTSIDE_WORDS):
        return _the(owner)
    return "A volunteer"


def _the(owner: str) -> str:
    """'Housing officer' -> 'The housing officer'; 'Wellhouse Housing Association' stays as it is."""
    words = owner.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        return owner
    return "The " + _lower_first(owner) if not owner.lower().startswith("the ") else "The " + owner[4:]


def by_role(member: Member) -> str:
    if member.role in OFFICE_BEARERS:
        return f"Our {member.role}, {member.name},"
    return "A committee member" if member.role == "committee member" else "A member"


def _member_named(name: str, members: dict[str, Member]) -> Member | None:
    folded = name.strip().casefold()
    return next((m for m in members.values() if folded and m.name.casefold() == folded), None)


def _scrub(text: str, members: dict[str, Member]) -> str:
    """Take the names of members who are not office bearers out of free wording."""
    for member in members.values():
        if member.role not in OFFICE_BEARERS and member.name.strip() and member.name in text:
            text = text.replace(member.name, "a committee member" if member.role == "committee member"
                                else "a member")
    return text


def _plain_words(text: str) -> str:
    for formal, everyday in PLAIN_WORDS:
        text = re.sub(rf"\b{re.escape(formal)}", everyday, text)
    return text


def _lower_first(text: str) -> str:
    first = text.split(" ")[0]
    if len(first) > 1 and (first.isupper() or not first[1:].islower()):
        return text  # "TV", "McGregor": leave as written
    return text[:1].lower() + text[1:]


def answer_news(action: Action) -> str:
    """'We asked the landlord to repair the close door. They say it is done. The panel was replaced.'"""
    what = _plain_words(_lower_first(action.description.strip().rstrip(". ")))
    said = ANSWER_SAID.get(action.answer_status, "")
    if action.answer_status == "in progress" and action.answer_due:
        said = f"They say they are working on it and expect to finish by {action.answer_due.day} " \
               f"{MONTHS[action.answer_due.month - 1]}."
    text = action.answer_text.strip()
    reply = f" {text}" if text and text.endswith((".", "!", "?")) else f" {text}." if text else ""
    return f"We asked {_landlord(action)} to {what}. {said}{reply}"


def _next_meeting(meeting: Meeting | None) -> str:
    if meeting is None:
        return "We will put up notices when the date is set."
    place = f", at {meeting.venue}" if meeting.venue else ""
    return f"{weekday_date(meeting.date)} at {spoken_time(meeting.time)}{place}. Everyone is welcome."


def spoken_time(clock: str) -> str:
    """'19:00' -> '7pm', '18:30' -> '6.30pm'."""
    hours, minutes = (int(part) for part in clock.split(":"))
    suffix = "am" if hours < 12 else "pm"
    shown = hours % 12 or 12
    return f"{shown}{suffix}" if not minutes else f"{shown}.{minutes:02d}{suffix}"


def _involved(record: MeetingRecord) -> list[str]:
    bearers = {m.role: m for m in record.members.values() if m.role in OFFICE_BEARERS and m.left is None}
    contact = bearers.get("secretary") or bearers.get("chair")
    who = f"our {contact.role}, {contact.name}" if contact else "any committee member"
    return ["Come to our next meeting and have your say. "
            f"If you want to join, or you have something to raise, speak to {who}."]


# -- the text the chair edits -------------------------------------------------------------------

def as_text(found: Summary) -> str:
    blocks = ["\n".join([found.title, *found.intro])]
    for section in found.sections:
        lines = [f"{BULLET}{line}" if section.bullets else line for line in section.lines]
        blocks.append("\n".join([section.heading, *lines]))
    return "\n\n".join(blocks) + "\n"


def parse(text: str) -> Summary:
    """Read the chair's edited text back: blank lines part sections, a section's first line is its heading."""
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if b.strip()]
    if not blocks:
        return Summary("")
    head = [line.strip() for line in blocks[0].splitlines() if line.strip()]
    found = Summary(head[0], head[1:])
    for block in blocks[1:]:
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        body = lines[1:] if len(lines) > 1 else lines
        heading = lines[0] if len(lines) > 1 else ""
        bullets = bool(body) and all(line.startswith(BULLET.strip()) for line in body)
        items = [line.removeprefix(BULLET.strip()).strip() for line in body]
        found.sections.append(Section(heading, items, bullets))
    return found


def short_text(text: str, association: str, link: str | None = None) -> str:
    """Under 600 characters for a WhatsApp or Facebook group: the decisions, the next meeting, the link."""
    found = parse(text)
    decided = found.section("What we decided")
    following = found.section("Our next meeting")
    when = found.intro[0].split(". ")[0].rstrip(".") + "." if found.intro else ""
    head = " ".join(filter(None, [f"{association}: {found.title or 'what we decided'}.", when]))
    tail = []
    if following and following.lines:
        tail.append(f"Next meeting: {following.lines[0]}")
    if link:
        tail.append(f"Read more: {link}")
    room = SHORT_LIMIT - 1 - len("\n".join([head, *tail])) - 1
    items: list[str] = []
    for line in decided.lines if decided else []:
        entry = f"• {line}"
        if len("\n".join(items + [entry])) > room:
            if not items:
                items.append(_cut(entry, room))
            break
        items.append(entry)
    return "\n".join([head, *items, *tail])[:SHORT_LIMIT - 1]


def _cut(text: str, room: int) -> str:
    if len(text) <= room:
        return text
    return text[:max(room - 1, 0)].rsplit(" ", 1)[0] + "…"


def answers_since(asked: list[Action], since: date | None, until: date) -> list[Action]:
    """Asks answered after ``since`` (a date, or None for ever) up to ``until``, most recent first."""
    found = [a for a in asked if a.ask_of_landlord and a.answered_on and a.answer_status
             and (since is None or a.answered_on > since) and a.answered_on <= until]
    return sorted(found, key=lambda a: a.answered_on or date.min, reverse=True)
