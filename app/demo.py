"""The demo association: Wellhouse and District TRA with a year of meetings behind it.

A chair trying Quorum should see what their own association will look like after a year:
a full register, minutes approved and locked, actions done and still open, an AGM with
elections, and the next meeting ready to prepare. Everything goes through the services, the
same path the app uses, so the demo is also a rehearsal of the real thing. Random choices are
seeded, so the same day gives the same demo.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app import model
from app.services import AssociationFile

NAME = "Wellhouse and District Tenants' and Residents' Association"
SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "demo" / "members.csv"
VENUE = "Wellhouse Community Centre, 40 Wellhouse Crescent"
LANDLORD = "Wellhouse Housing Association"  # an action owned by the landlord is an ask of the landlord
COMMITTEE_VENUE = "Committee room, Wellhouse Community Centre"

FIRST_NAMES = [
    "Morag", "Hamish", "Callum", "Eilidh", "Isla", "Ruaridh", "Mhairi", "Alasdair", "Catriona", "Seán",
    "Niamh", "Tariq", "Amina", "Yusuf", "Fatima", "Łukasz", "Agnieszka", "Tomasz", "Oksana", "Dmytro",
    "Chidi", "Adaeze", "Mei", "Priya", "Arjun", "Senga", "Jamie", "Rhona", "Gordon", "Lorraine",
]
SURNAMES = [
    "Ó Dónaill", "O'Neill", "MacDonald", "Sinclair", "Nowak", "Kowalczuk", "Okafor", "Nwosu", "Chen",
    "Patel", "Singh", "Hussain", "Begum", "Gallagher", "Reid", "Paterson", "Shevchenko", "Kaur",
    "McGregor", "Baird", "Lennox", "Mahmood", "Quinn", "Fraser", "Boyle",
]
STREETS = ["Dumbarton Road", "Royston Road", "Balornock Road", "Shettleston Road", "Kelvin Way",
           "Castlemilk Drive", "Wellhouse Crescent", "Wellhouse Gardens"]
GUESTS = [
    ("Cllr Margaret Boyle", "Glasgow City Council"),
    ("Gary Lennox", "Wellhouse Housing Association, housing officer"),
    ("PC Jenna Rae", "Police Scotland, community officer"),
    ("Kerry Lim", "Tenant Participation Advisory Service"),
]


@dataclass
class Plan:
    """One past meeting of the demo year."""

    kind: str
    on: date
    present: int
    motions: list[tuple[str, str, tuple[int, int, int], str | None]]
    actions: list[tuple[str, str, int, str]]
    notes: dict[str, str]


def create_demo(folder: Path, today: date | None = None, seed: int = 2026) -> Path:
    """Create the demo association file in ``folder`` and return its path."""
    today = today or date.today()
    rng = random.Random(seed)
    association = model.Association(NAME, area="Wellhouse, Easterhouse and Garthamlock, Glasgow",
                                    rto_number="RTO-GLA-0417")
    book = AssociationFile.create_in(folder, association)
    with book:
        with book.store.transaction():
            book.register.add_members(_members(rng, today))
            _history(book, rng, today)
        return book.path


def _members(rng: random.Random, today: date) -> list[model.Member]:
    members = []
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            members.append(model.Member(
                row["First name"], row["Surname"], address=row["Address"], postcode=row["Postcode"],
                phone=row["Phone"], email=row["Email"], contact_consent=row["Happy to be contacted"] == "yes",
                joined=date.fromisoformat(row["Joined"]), role=row["Role"],
            ))
    for number in range(60):
        first, surname = rng.choice(FIRST_NAMES), SURNAMES[number % len(SURNAMES)]
        house = rng.randint(2, 140)
        flat = f"Flat {rng.randint(0, 3)}/{rng.randint(1, 2)}, " if rng.random() < 0.6 else ""
        street = rng.choice(STREETS)
        if number % 9 == 4:  # some households have two members
            address, postcode = members[-1].address, members[-1].postcode
        else:
            address = f"{flat}{house} {street}, Glasgow"
            postcode = f"G{rng.randint(15, 53)} {rng.randint(1, 9)}{rng.choice('ABDEFHJLNPQRSTUWXYZ')}{rng.choice('ABDEFHJLNPQRSTUWXYZ')}"
        has_phone = rng.random() < 0.7
        plain = (first + "." + surname).lower().replace(" ", "").replace("'", "")
        members.append(model.Member(
            first, surname, address=address, postcode=postcode,
            phone=(f"0141 {rng.randint(200, 999)} {rng.randint(1000, 9999)}" if rng.random() < 0.6
                   else f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}") if has_phone else "",
            email=f"{plain}@example.org" if rng.random() < 0.5 else "",
            contact_consent=rng.random() < 0.6,
            joined=today - timedelta(days=rng.randint(30, 3650)),
            role="associate member" if number % 15 == 7 else "committee member" if number in (3, 11) else "member",
        ))
    members[70].left = today - timedelta(days=40)  # moved away this year
    return members


def _tuesday_near(day: date) -> date:
    return day + timedelta(days=(1 - day.weekday()) % 7)


def _plans(today: date) -> list[Plan]:
    def ago(months: int) -> date:
        return _tuesday_near(today - timedelta(days=30 * months + 14))

    return [
        Plan("committee", ago(12), 8, [], [
            ("Book the community centre hall for next year's general meetings", "Robert Ahmed", 30, "done")],
            {"report": "The secretary reported 14 enquiries from tenants since the last meeting."}),
        Plan("general", ago(11), 24, [
            ("That the association responds to Wellhouse Housing Association's rent consultation asking that "
             "the increase for the coming year be held at or below inflation (CPI), and that the secretary "
             "writes to the Director of Housing to say so.", "simple", (24, 3, 2), None)], [
            ("Write to the Director of Housing with the association's rent consultation response",
             "Robert Ahmed", 14, "done")],
            {"report": "The chair reported on the landlord's rent consultation meeting of 8 January. "
                       "Members raised the cost of heating in the tower blocks."}),
        Plan("committee", ago(10), 9, [
            ("That the association buys a gazebo for community events, at a cost of up to £180.", "simple",
             (3, 3, 1), "for")], [
            ("Buy the gazebo and keep the receipt for the accounts", "Piotr McLaughlin", 21, "done")],
            {"report": "The treasurer reported a balance of £1,243.17."}),
        Plan("committee", ago(9), 7, [], [
            ("Ask the housing officer for a date for the close repairs on Kelvin Way", "Agnes MacLeod", 14, "done")],
            {}),
        Plan("general", ago(8), 19, [
            ("That the association formally reports the broken close door and controlled entry system at "
             "14 Kelvin Way to Wellhouse Housing Association and asks that it is repaired within 14 days.",
             "simple", (19, 0, 0), None)], [
            ("Report the close door at 14 Kelvin Way in writing and ask for a repair date", "Robert Ahmed", 7, "done"),
            ("Photograph the close door and entry panel for the report", "Iain Ahmed", 7, "done")],
            {"report": "Members from Kelvin Way said the close door has not locked since February."}),
        Plan("annual general", ago(6), 40, [
            ("That clause 3 of the constitution be amended so that general meetings may be held online "
             "as well as in person.", "two_thirds", (31, 9, 0), None)], [
            ("Send the approved constitution change to the landlord", "Robert Ahmed", 28, "done"),
            ("Send the annual return and accounts to the landlord", "Piotr McLaughlin", 30, "open")],
            {"report": "The chair presented the annual report: four general meetings held, the rent "
                       "consultation response sent, and the Kelvin Way close door repaired after 6 weeks."}),
        Plan("committee", ago(5), 8, [], [
            ("Find out what the Community Grant Fund will pay for", "Zoë Docherty", 21, "done")], {}),
        Plan("general", ago(4), 22, [
            ("That the association applies to the Community Grant Fund for £1,500 towards the Balornock Road "
             "community garden.", "simple", (20, 1, 1), None)], [
            ("Complete the Community Grant Fund application for the community garden", "Zoë Docherty", 28, "done"),
            ("Ask the landlord's estates team about a water supply for the garden", "Housing officer", 42, "open")],
            {"report": "Members welcomed the idea of a community garden on the empty ground at Balornock Road."}),
        Plan("committee", ago(3), 7, [], [
            ("Arrange volunteers for the garden clean-up day", "Catherine Docherty", 30, "dropped")], {}),
        Plan("committee", ago(2), 8, [], [
            ("Chase the landlord about the water supply for the garden", "Agnes MacLeod", 10, "open")], {}),
        Plan("general", ago(1), 21, [
            ("That the association supports the landlord's proposal to move the bin stores on Royston Road "
             "to the back courts.", "simple", (6, 12, 3), None)], [
            ("Tell the landlord that members do not support moving the Royston Road bin stores",
             "Robert Ahmed", 14, "open"),
            ("Put up notices about the next meeting in every close", "Iain Ahmed", 21, "open"),
            ("Repair the controlled entry door at 14 Kelvin Way again", "Wellhouse Housing Association", 14, "open")],
            {"report": "Members said the bin stores at the back would be hard to reach for older tenants."}),
    ]


def _history(book: AssociationFile, rng: random.Random, today: date) -> None:
    everyone = book.register.members()
    by_name = {m.name: m for m in everyone}
    held: list[model.Meeting] = []
    for plan in _plans(today):
        planned = book.meetings.plan_meeting(plan.kind, plan.on, "19:00" if plan.kind != "committee" else "18:30",
                                             COMMITTEE_VENUE if plan.kind == "committee" else VENUE)
        meeting = book.meetings.meeting(planned.id)
        _run(book, meeting, plan, by_name, rng)
        previous = [m for m in held if (m.kind == "committee") == (plan.kind == "committee")]
        if previous:  # proposed and seconded by two members who were at the earlier meeting and at this one
            were_there = book.door.present_ids(previous[-1].id)
            here = sorted(book.door.present_ids(meeting.id), key=lambda i: (i not in were_there, book.register.member(i).sort_key))
            book.minutes.approve_minutes(previous[-1].id, at_meeting_id=meeting.id, proposer_id=here[0],
                                 seconder_id=here[1], on=plan.on)
        held.append(meeting)
    upcoming = _tuesday_near(today + timedelta(days=16))
    coming = book.meetings.plan_meeting("general", upcoming, "19:00", VENUE)
    book.door.record_apology(coming.id, by_name["Fiona Murray"].id)


def _run(book: AssociationFile, meeting: model.Meeting, plan: Plan, by_name: dict, rng: random.Random) -> None:
    committee = plan.kind == "committee"
    pool = book.register.voting_members(plan.on, committee=committee)
    rng.shuffle(pool)
    start = int(meeting.time[:2]) * 60 + int(meeting.time[3:])
    book.meetings.open_meeting(meeting.id, backup=False, at=_clock(start - 20))
    for number, member in enumerate(pool[:plan.present]):  # arrivals over the 20 minutes before the start
        book.door.check_in(meeting.id, member.id, at=_clock(start - 20 + number * 20 // plan.present))
    for member in pool[plan.present:plan.present + rng.randint(2, 5)]:
        book.door.record_apology(meeting.id, member.id)
    if not committee:
        for name, organisation in rng.sample(GUESTS, 2):
            book.door.add_guest(meeting.id, name, organisation, at=meeting.time)
        book.door.record_departure(meeting.id, pool[0].id, at="20:15")
    items = book.meetings.agenda(meeting.id)
    _notes(book, items, plan)
    present = [m for m in pool[:plan.present] if m.id in book.door.present_ids(meeting.id)]
    motion_item = next((i for i in items if i.kind == "motion"), items[-2])
    for text, kind, (yes, no, abstain), casting in plan.motions:
        proposer, seconder = present[1], present[2]
        motion = book.decisions.propose_motion(meeting.id, text, proposer.id, seconder.id, kind, motion_item.id)
        book.decisions.record_vote(motion.id, min(yes, len(present) - no - abstain), no, abstain, casting_vote=casting)
    if plan.kind == "annual general":
        _elections(book, meeting, items, present)
    _officers(book, meeting, present)
    for description, owner, days, status in plan.actions:
        owner_member = by_name.get(owner)
        action = book.actions.add_action(meeting.id, description, owner, owner_member.id if owner_member else None,
                                 plan.on + timedelta(days=days),
                                 agenda_item_id=(motion_item if plan.motions else _item_for(items, plan)).id,
                                 ask_of_landlord=owner == LANDLORD)
        if status != "open":
            book.actions.set_action_status(action.id, status, on=plan.on + timedelta(days=days - 2))
    book.meetings.close_meeting(meeting.id, backup=False, at=_clock(start + 70 + rng.randint(0, 40)))


def _officers(book: AssociationFile, meeting: model.Meeting, present: list[model.Member]) -> None:
    """The chair chairs; if away, the next office bearer or a committee member present does. The
    secretary (or another member present) takes the minutes."""
    here = {m.id: m for m in book.offices.members_at(meeting, book.decisions.elections(meeting.id)) if m.id in {p.id for p in present}}
    by_role = {m.role: m.id for m in here.values()}
    chair = next((by_role[r] for r in model.COMMITTEE_ROLES if r in by_role), present[0].id)
    taker = by_role.get("secretary") if by_role.get("secretary") != chair else None
    taker = taker or next(m.id for m in present if m.id != chair)
    book.meetings.update_meeting(meeting.id, chair_id=chair, minute_taker_id=taker)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _item_for(items: list[model.AgendaItem], plan: Plan) -> model.AgendaItem:
    """The report the plan's note belongs to (the treasurer's report says what the treasurer reported)."""
    reports = [i for i in items if i.kind == "report"]
    said = plan.notes.get("report", "").casefold()
    return next((i for i in reports if i.title.split()[0].rstrip("'s").casefold() in said),
                reports[0] if reports else items[0])


def _notes(book: AssociationFile, items: list[model.AgendaItem], plan: Plan) -> None:
    standard = {
        "welcome and apologies": "The chair welcomed everyone and apologies were noted.",
        "matters arising": "Open actions from the last meeting were reviewed.",
        "any other competent business": "Members asked that the next meeting notice goes up in every close.",
        "election": "Nominations were received in writing before the meeting.",
    }
    said, by = plan.notes.get("report", ""), _item_for(items, plan)
    for item in items:
        text = said if item is by else ""
        text = text or standard.get(item.kind, "")
        if text:
            book.meetings.update_agenda_item(item.id, notes=text)


def _elections(book: AssociationFile, meeting: model.Meeting, items: list[model.AgendaItem],
               present: list[model.Member]) -> None:
    office_item = next(i for i in items if i.title == "Election of office bearers")
    committee_item = next(i for i in items if i.title == "Election of committee members")
    officers = {"Chair": ["Ewan Brown"], "Vice-Chair": ["Agnes MacLeod", "Declan MacLeod"],
                "Secretary": ["Robert Ahmed"], "Treasurer": ["Piotr McLaughlin"]}
    members = {m.name: m for m in book.register.members()}
    for post, names in officers.items():
        election = book.decisions.add_election(meeting.id, post, 1, office_item.id)
        people = [book.decisions.nominate(election.id, n, members[n].id) for n in names]
        votes = {people[0].id: 24, people[1].id: 14} if len(people) > 1 else None
        book.decisions.record_election(election.id, votes)
    election = book.decisions.add_election(meeting.id, "Committee members", 8, committee_item.id)
    names = [m.name for m in present[3:13]]
    people = [book.decisions.nominate(election.id, n, members[n].id) for n in names]
    book.decisions.record_election(election.id, {p.id: 30 - 2 * n for n, p in enumerate(people)})
