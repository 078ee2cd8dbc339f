"""Undoable steps of a meeting. Each step and each undo is a committed change on disk.

The step runs once before it is pushed (so a refused step never reaches the undo stack);
Qt's first automatic ``redo`` on push is skipped, and later redos run the step again.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from app.errors import QuorumError
from app.services import Changes
from ui.session import Session


class Step(QUndoCommand):
    def __init__(self, session: Session, text: str) -> None:
        super().__init__(text)
        self.session = session
        self._pushed = False

    def run(self) -> Step:
        """Do the step now; raises QuorumError (and is not pushed) if the rules refuse it."""
        self.session.apply(self.do)
        return self

    def redo(self) -> None:
        if self._pushed:
            self._safely(self.do)
        self._pushed = True

    def undo(self) -> None:
        self._safely(self.take_back)

    def _safely(self, work) -> None:
        try:
            self.session.apply(work)
        except QuorumError as error:
            self.session.problem.emit(str(error))

    def do(self) -> None:
        raise NotImplementedError

    def take_back(self) -> None:
        raise NotImplementedError


class CheckIn(Step):
    def __init__(self, session, meeting_id: str, member_id: str, name: str) -> None:
        super().__init__(session, f"checked in {name}")
        self.meeting_id, self.member_id, self.record_id = meeting_id, member_id, ""

    def do(self):
        changes = self.session.book.door.check_in(self.meeting_id, self.member_id)
        self.record_id = changes.id
        return changes

    def take_back(self):
        return self.session.book.door.withdraw_attendance(self.record_id)


class WalkIn(Step):
    """A new member joins at the door. Undo takes back the check-in; the new member stays on the register."""

    def __init__(self, session, meeting_id: str, member) -> None:
        super().__init__(session, f"checked in new member {member.name}")
        self.meeting_id, self.member, self.record_id = meeting_id, member, ""

    def do(self):
        book = self.session.book
        if self.member.id:
            changes = book.door.check_in(self.meeting_id, self.member.id)
        else:
            changes = book.door.walk_in(self.meeting_id, self.member)
        self.record_id = changes.id
        return changes

    def take_back(self):
        return self.session.book.door.withdraw_attendance(self.record_id)


class Apology(Step):
    def __init__(self, session, meeting_id: str, member_id: str, name: str) -> None:
        super().__init__(session, f"apologies from {name}")
        self.meeting_id, self.member_id, self.record_id = meeting_id, member_id, ""

    def do(self):
        changes = self.session.book.door.record_apology(self.meeting_id, self.member_id)
        self.record_id = changes.id
        return changes

    def take_back(self):
        return self.session.book.door.withdraw_attendance(self.record_id)


class Guest(Step):
    def __init__(self, session, meeting_id: str, name: str, organisation: str) -> None:
        super().__init__(session, f"guest {name}")
        self.meeting_id, self.name, self.organisation, self.record_id = meeting_id, name, organisation, ""

    def do(self):
        changes = self.session.book.door.add_guest(self.meeting_id, self.name, self.organisation)
        self.record_id = changes.id
        return changes

    def take_back(self):
        return self.session.book.door.withdraw_attendance(self.record_id)


class Proxy(Step):
    def __init__(self, session, meeting_id: str, member_id: str, holder_id: str, name: str, holder: str) -> None:
        super().__init__(session, f"proxy of {name} given to {holder}")
        self.meeting_id, self.member_id, self.holder_id, self.record_id = meeting_id, member_id, holder_id, ""

    def do(self):
        changes = self.session.book.door.record_proxy(self.meeting_id, self.member_id, self.holder_id)
        self.record_id = changes.id
        return changes

    def take_back(self):
        return self.session.book.door.withdraw_attendance(self.record_id)


class Departure(Step):
    def __init__(self, session, meeting_id: str, member_id: str, name: str) -> None:
        super().__init__(session, f"{name} left")
        self.meeting_id, self.member_id, self.record_id = meeting_id, member_id, ""

    def do(self):
        book = self.session.book
        changes = book.door.record_departure(self.meeting_id, self.member_id)
        self.record_id = [a for a in book.door.attendance(self.meeting_id)
                          if a.member_id == self.member_id and a.kind == "present" and a.left][-1].id
        return changes

    def take_back(self):
        return self.session.book.door.cancel_departure(self.record_id)


class Propose(Step):
    def __init__(self, session, meeting_id: str, text: str, **details) -> None:
        super().__init__(session, f"new motion “{_short(text)}”")
        self.meeting_id, self.text, self.details, self.motion_id = meeting_id, text, details, ""

    def do(self):
        changes = self.session.book.decisions.propose_motion(self.meeting_id, self.text, **self.details)
        self.motion_id = changes.id
        return changes

    def take_back(self):
        return self.session.book.decisions.withdraw_motion(self.motion_id)


class Vote(Step):
    """A counted vote (``counts`` = for, against, abstentions) or acclaim (``acclaim`` = 'unanimous'/'acclaim').

    ``movers`` (proposer id, seconder id) are given for a motion written in advance, when it is voted on;
    undoing the vote takes them back too.
    """

    def __init__(self, session, motion_id: str, counts=None, acclaim: str = "", movers=None, **options) -> None:
        super().__init__(session, f"vote on “{_short(session.book.decisions.motion(motion_id).text)}”")
        self.motion_id, self.counts, self.acclaim, self.options = motion_id, counts, acclaim, options
        self.movers = movers

    def do(self):
        book = self.session.book
        if self.movers:
            book.decisions.set_movers(self.motion_id, *self.movers)
        try:
            if not self.acclaim:
                return book.decisions.record_vote(self.motion_id, *self.counts, **self.options)
            motion = book.decisions.record_acclaim(self.motion_id, unanimous=self.acclaim == "unanimous")
            return Changes.of("motion", meeting_id=motion.meeting_id, ids=(motion.id,))
        except QuorumError:
            if self.movers:  # a refused vote leaves the motion as it was
                book.decisions.set_movers(self.motion_id, None, None)
            raise

    def take_back(self):
        book = self.session.book
        changes = book.decisions.clear_vote(self.motion_id)
        if self.movers:
            book.decisions.set_movers(self.motion_id, None, None)
        return changes


class AddAction(Step):
    def __init__(self, session, meeting_id: str, description: str, **details) -> None:
        super().__init__(session, f"new action “{_short(description)}”")
        self.meeting_id, self.description, self.details, self.action_id = meeting_id, description, details, ""

    def do(self):
        changes = self.session.book.actions.add_action(self.meeting_id, self.description, **self.details)
        self.action_id = changes.id
        return changes

    def take_back(self):
        return self.session.book.actions.remove_action(self.action_id)


class Elect(Step):
    """An election declared in one go: the post, its candidates and the result."""

    def __init__(self, session, meeting_id: str, post: str, seats: int, candidates, agenda_item_id=None) -> None:
        super().__init__(session, f"election of {post}")
        self.meeting_id, self.post, self.seats = meeting_id, post, seats
        self.people, self.agenda_item_id = candidates, agenda_item_id
        self.election_id, self.result = "", None

    def do(self):
        election, self.result = self.session.book.decisions.hold_election(self.meeting_id, self.post, self.seats,
                                                                          self.people, self.agenda_item_id)
        self.election_id = election.id
        return Changes.of("election", "candidate", "member", "office_term", meeting_id=self.meeting_id,
                          ids=(election.id,))

    def take_back(self):
        return self.session.book.decisions.withdraw_election(self.election_id)


class ActionStatus(Step):
    """Matters arising: an earlier action marked done, carried forward (left open) or dropped."""

    def __init__(self, session, action, status: str) -> None:
        super().__init__(session, f"action marked {status}")
        self.action_id, self.status, self.before = action.id, status, action.status

    def do(self):
        return self.session.book.actions.set_action_status(self.action_id, self.status)

    def take_back(self):
        return self.session.book.actions.set_action_status(self.action_id, self.before)


def _short(words: str, most: int = 40) -> str:
    """A motion's or action's opening words, enough to say which one an undo takes back."""
    return words if len(words) <= most else words[:most - 2].rstrip() + "…"
