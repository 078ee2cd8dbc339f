"""A scripted meeting written through the services, reporting each edit once it is committed.

Run as a child process by the crash tests (and the larger kill harness): it prints
``done <kind> <id>`` after each service call returns, so the parent knows exactly which
edits the chair would have seen as saved when the process was killed.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from app.model import Member
from app.services import AssociationFile


def _say(kind: str, record_id: str) -> None:
    sys.stdout.write(f"done {kind} {record_id}\n")
    sys.stdout.flush()


def write_meeting(path: Path, rounds: int) -> None:
    with AssociationFile.open(path) as book:
        meeting = book.meetings.plan_meeting("general", date(2026, 12, 8), "19:00", "Hall")
        _say("meeting", meeting.id)
        book.meetings.open_meeting(meeting.id, backup=False, at="19:00")
        for n in range(rounds):
            member = Member(f"Walk{n}", f"In{n}", address=f"{n}/1, 5 Kelvin Way")
            book.register.add_member(member)
            _say("member", member.id)
            attendance = book.door.check_in(meeting.id, member.id, at="19:05")
            _say("attendance", attendance.id)
            action = book.actions.add_action(meeting.id, f"Action number {n}", owner_member_id=member.id)
            _say("action", action.id)
            item = book.meetings.agenda(meeting.id)[n % 5]
            book.meetings.update_agenda_item(item.id, notes=f"Notes typed at step {n}")
            _say(f"notes{n % 5}", item.id)


if __name__ == "__main__":
    write_meeting(Path(sys.argv[1]), int(sys.argv[2]))
