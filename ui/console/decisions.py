"""The console's decisions: motions and their votes, elections, actions and approving minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from app import model
from app.errors import QuorumError
from app.words import meeting_title
from ui.console import commands

if TYPE_CHECKING:  # the dialogs are imported when first opened, not as the console opens
    from ui.console.action_dialogs import ActionDialog
    from ui.console.election_dialog import ElectionDialog
    from ui.console.minutes_dialog import ApproveMinutesDialog
    from ui.console.motion_dialogs import MotionDialog, VoteDialog
    from ui.console.window import ConsoleWindow


class Decisions:
    def __init__(self, console: ConsoleWindow) -> None:
        self.console = console

    @property
    def _meeting(self) -> model.Meeting:
        return self.console.meeting

    def _item_id(self) -> str | None:
        item = self.console.item_panel.item
        return item.id if item else None

    def present_members(self) -> list[model.Member]:
        book = self.console.book
        here = book.door.present_ids(self._meeting.id)
        return [m for m in book.register.members(include_left=True) if m.id in here]

    # -- motions --------------------------------------------------------------------------------

    def new_motion(self) -> MotionDialog:
        console, book = self.console, self.console.book
        undecided = [m for m in book.decisions.motions(self._meeting.id) if not m.decided and not m.amends_id]
        default = book.rules(self._meeting.date).majority.kind
        here = book.door.present_ids(self._meeting.id)
        left = {a.member_id for a in book.door.attendance(self._meeting.id) if a.kind == "present" and a.left}
        gone = [m for m in book.register.members(include_left=True) if m.id in left - here]
        from ui.console.motion_dialogs import MotionDialog

        dialog = MotionDialog(self.present_members(), default, undecided, console, gone)
        dialog.accepted.connect(lambda: console.run(commands.Propose(
            console.session, self._meeting.id, dialog.text.toPlainText(),
            agenda_item_id=self._item_id(), **dialog.details())))
        dialog.open()
        return dialog

    def record_vote(self) -> VoteDialog | None:
        """The chosen motion's vote; a motion written in advance is given its proposer and seconder here."""
        console = self.console
        motion = console.item_panel.chosen_motion()
        if motion is None or motion.decided:
            console.problem("Choose a motion that has not been voted on yet, or put a new motion first.")
            return None
        room = console.book.decisions.room(self._meeting.id)  # members present and, where they count, proxies held
        prepared = not (motion.proposer_id or motion.seconder_id)
        from ui.console.motion_dialogs import VoteDialog

        dialog = VoteDialog(motion, room.votes_possible, console, room.may_vote_sentence(),
                            movers=self.present_members() if prepared else None)
        dialog.accepted.connect(lambda: self._vote(motion, dialog))
        dialog.open()
        return dialog

    def _vote(self, motion: model.Motion, dialog: VoteDialog) -> None:
        console, book = self.console, self.console.book
        options = {}
        if not book.door.quorum(self._meeting.id).quorate:
            if not self._ask_inquorate():
                return
            options["inquorate_ok"] = True
        counts = dialog.counts()
        if not dialog.acclaim and book.decisions.casting_vote_applies(motion.id, counts[0], counts[1]):
            options["casting_vote"] = self._ask_casting_vote(counts)
        step = commands.Vote(console.session, motion.id, counts, dialog.acclaim, movers=dialog.movers(), **options)
        if console.run(step):
            console.statusBar().showMessage(book.decisions.motion(motion.id).result_text, 15000)

    def _ask_inquorate(self) -> bool:
        state = self.console.book.door.quorum(self._meeting.id)
        box = QMessageBox(QMessageBox.Icon.Warning, "The meeting is not quorate",
                          f"{state.sentence}. The constitution does not allow decisions while the meeting is "
                          "not quorate.\n\nYou may record the show of hands for information only; the minutes "
                          "will say no decision was taken.", QMessageBox.StandardButton.Cancel, self.console)
        record = box.addButton("Record for information only", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        return box.clickedButton() is record

    def _ask_casting_vote(self, counts) -> str | None:
        box = QMessageBox(QMessageBox.Icon.Question, "The votes are tied",
                          f"{counts[0]} for and {counts[1]} against. The constitution gives the chair a casting "
                          "vote. How does the chair vote?", QMessageBox.StandardButton.NoButton, self.console)
        for_button = box.addButton("Casting vote &for", QMessageBox.ButtonRole.YesRole)
        against = box.addButton("Casting vote &against", QMessageBox.ButtonRole.NoRole)
        box.addButton("&No casting vote (the motion falls)", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return {for_button: "for", against: "against"}.get(box.clickedButton())

    # -- elections and actions ------------------------------------------------------------------

    def election(self) -> ElectionDialog:
        item = self.console.item_panel.item
        title = item.title if item else ""
        post = title.removeprefix("Election of ").capitalize() if title.startswith("Election of") else ""
        from ui.console.election_dialog import ElectionDialog

        dialog = ElectionDialog(self.console.book.register.members(), post, self.console)
        dialog.accepted.connect(lambda: self._elect(dialog))
        dialog.open()
        return dialog

    def _elect(self, dialog: ElectionDialog) -> None:
        console = self.console
        step = commands.Elect(console.session, self._meeting.id, dialog.post.text().strip(), dialog.seats.value(),
                              dialog.candidates(), self._item_id())
        if console.run(step) and step.result.tied:
            names = {c.id: c.name for c in console.book.decisions.candidates(step.election_id)}
            console.problem("There is a tie for the last place between "
                            + " and ".join(names[i] for i in step.result.tied)
                            + ". Settle it as the constitution says, then record the result again.")

    def new_action(self) -> ActionDialog:
        console = self.console
        from ui.console.action_dialogs import ActionDialog

        dialog = ActionDialog(console.book.register.members(), console.today, console)
        dialog.accepted.connect(lambda: console.run(commands.AddAction(
            console.session, self._meeting.id, dialog.description.text().strip(),
            agenda_item_id=self._item_id(), **dialog.details())))
        dialog.open()
        return dialog

    # -- the last meeting's minutes -------------------------------------------------------------

    def previous_minutes(self) -> model.Meeting | None:
        """The last meeting of the same kind (committee or general) whose minutes await approval."""
        meeting = self._meeting
        committee = meeting.kind == "committee"
        waiting = [m for m in self.console.book.meetings.meetings() if m.status == "closed" and m.minutes_status == "draft"
                   and (m.kind == "committee") == committee and m.date <= meeting.date and m.id != meeting.id]
        return waiting[-1] if waiting else None

    def approve_minutes(self) -> ApproveMinutesDialog | None:
        previous = self.previous_minutes()
        if previous is None:
            self.console.problem("There are no earlier minutes waiting for approval.")
            return None
        from ui.console.minutes_dialog import ApproveMinutesDialog

        dialog = ApproveMinutesDialog(previous, self.present_members(), self.console)
        dialog.accepted.connect(lambda: self._approve(previous, dialog))
        dialog.open()
        return dialog

    def _approve(self, previous: model.Meeting, dialog: ApproveMinutesDialog) -> None:
        console = self.console
        try:
            console.session.apply(console.book.minutes.approve_minutes, previous.id, at_meeting_id=self._meeting.id,
                                  on=self._meeting.date, **dialog.details())
        except QuorumError as error:
            console.problem(str(error))
            return
        console.statusBar().showMessage(f"The minutes of {meeting_title(previous.kind, previous.date)} are "
                                        "approved and locked.", 15000)
