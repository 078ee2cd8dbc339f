"""A large association for the start-up and console benchmarks: 5,000 members and ten years of history.

One general meeting a month for ten years (120), each held through the services as a chair would:
opened, 60 members present, a motion voted on, two actions, closed, and the previous meeting's
minutes approved at it. Then one meeting planned for today, so "Run this meeting" has work to do.
Attendance rows go straight to the store: the services' ``check_in`` counts the quorum from the
whole register on every arrival, which for 7,200 arrivals would take most of an hour. Made once per
benchmark run; all names are made up.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from app import model
from app.model import Association
from app.services import AssociationFile
from bench.register import five_thousand

NAME = "Ten Years Tenants' and Residents' Association"
YEARS = 10
PRESENT = 60


def ten_years(folder: Path, today: date | None = None) -> Path:
    """Create the association in ``folder``; the path of its file."""
    today = today or date.today()
    book = AssociationFile.create_in(folder, Association(NAME, area="Wellhouse, Glasgow"))
    with book:
        with book.store.transaction():
            book.register.add_members([replace(m, id="", joined=today - timedelta(days=YEARS * 366 + 30))
                              for m in five_thousand()])
            everyone = book.register.members()
            previous = None
            for month in range(YEARS * 12, 0, -1):
                meeting, present = _hold(book, today - timedelta(days=30 * month), everyone, month)
                if previous is not None:  # approved at the next meeting, moved by two who are there
                    book.minutes.approve_minutes(previous.id, at_meeting_id=meeting.id, proposer_id=present[4].id,
                                         seconder_id=present[5].id, on=meeting.date)
                previous = meeting
            book.meetings.plan_meeting("general", today, "19:00", "Community hall")
        return book.path


def _hold(book: AssociationFile, on: date, everyone, month: int):
    meeting = book.meetings.meeting(book.meetings.plan_meeting("general", on, "19:00", "Community hall").id)
    book.meetings.open_meeting(meeting.id, backup=False, at="18:40")
    present = everyone[(month * 37) % 4000:][:PRESENT]
    for member in present:  # straight to the store: check_in counts the quorum afresh on each arrival
        book.store.add(model.Attendance(meeting.id, "present", member.id, arrived="18:50"))
    items = book.meetings.agenda(meeting.id)
    for item in items:
        book.meetings.update_agenda_item(item.id, notes=f"Discussed at the meeting of month {month}.")
    motion = book.decisions.propose_motion(meeting.id, f"That the association writes to the landlord (month {month}).",
                                 present[1].id, present[2].id, "simple", items[-2].id)
    book.decisions.record_vote(motion.id, PRESENT - 10, 6, 4)
    for n in range(2):
        book.actions.add_action(meeting.id, f"Follow up item {n + 1} of month {month}", present[3].name, present[3].id,
                        on + timedelta(days=14), agenda_item_id=items[-2].id)
    book.meetings.close_meeting(meeting.id, backup=False)
    return meeting, present


if __name__ == "__main__":
    import sys
    import time

    started = time.perf_counter()
    print(ten_years(Path(sys.argv[1])), f"{time.perf_counter() - started:.0f} s")
