"""The live meeting console: one window to run the whole meeting from the keyboard.

Agenda on the left, the current item's notes and decisions in the middle, the door and the
quorum on the right. Every step is committed to disk before the screen shows it, and every
step can be undone (the undo is itself a committed step).
"""

from __future__ import annotations

import time
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import model
from app.errors import DiskError, QuorumError
from app.services import Changes
from app.words import long_date, meeting_title
from ui.appearance import add_view_menu
from ui.console import commands
from ui.console.action_dialogs import ActionDialog, GuestDialog, ProxyDialog
from ui.console.checkin_panel import CheckInPanel
from ui.console.election_dialog import ElectionDialog
from ui.console.item_panel import ItemPanel
from ui.console.minutes_dialog import ApproveMinutesDialog
from ui.console.motion_dialogs import MotionDialog, VoteDialog, member_choice
from ui.console.projector import ProjectorWindow
from ui.console.quorum_indicator import QuorumIndicator
from ui.guide import guide_action
from ui.member_dialog import MemberDialog
from ui.models.agenda import AgendaModel
from ui.models.members import Prepared
from ui.save_copy import save_everything
from ui.session import Session


class ConsoleWindow(QMainWindow):
    closed_meeting = Signal(str)  # meeting id, once the chair has closed the meeting

    def __init__(self, session: Session, meeting_id: str, today: date | None = None,
                 register: Prepared | None = None) -> None:
        """``register``: the current members prepared for a table already (the main window's), if at hand."""
        super().__init__()
        self.session = session
        self.book = session.book
        self.meeting = self.book.meeting(meeting_id)
        self.today = today or date.today()
        self.undo_stack = QUndoStack(self)
        self.projector: ProjectorWindow | None = None
        self.last_problem = ""
        self.read_only = False
        self._item_started = time.monotonic()
        self.setObjectName("ConsoleWindow")
        self.setWindowTitle(f"{self.meeting.heading}, {long_date(self.meeting.date)} — Quorum")
        self._build()
        self._menus()
        self._wire()
        self.checkin.set_members(register if register is not None else self.book.members())
        self.agenda_model.load(self.book.agenda(meeting_id))
        self.go_to(self.book.current_item(meeting_id) or self.agenda_model.item_at(0).id)
        self.refresh()
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._clock.start(1000)
        self._tick()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        top = QHBoxLayout()
        self.heading = QLabel(f"<h2 style='margin:0'>{self.meeting.heading}</h2>"
                              f"{long_date(self.meeting.date)} at {self.meeting.time}, {self.meeting.venue}")
        self.heading.setAccessibleName("Meeting")
        self.heading.setWordWrap(True)  # at large text sizes, rather than widening the console
        top.addWidget(self.heading, 1)
        self.quorum = QuorumIndicator()
        top.addWidget(self.quorum)
        outer.addLayout(top)
        self.banner = QLabel()
        self.banner.setObjectName("ReadOnlyBanner")
        self.banner.setAccessibleName("Warning")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #fff3cd; color: #3d2c00; padding: 8px; "
                                  "border: 2px solid #8a6d00; }")
        self.banner.hide()
        outer.addWidget(self.banner)
        self.save_elsewhere = QPushButton("Save everything to a ne&w place…")
        self.save_elsewhere.clicked.connect(lambda: save_everything(self, self.book))
        self.save_elsewhere.hide()
        outer.addWidget(self.save_elsewhere)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._agenda_column())
        self.item_panel = ItemPanel()
        splitter.addWidget(self.item_panel)
        self.checkin = CheckInPanel()
        splitter.addWidget(self.checkin)
        splitter.setSizes([240, 620, 480])
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.saved = QLabel()
        self.saved.setAccessibleName("Save status")
        self.statusBar().addPermanentWidget(self.saved)

    def _agenda_column(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Agenda</b>"))
        self.agenda_model = AgendaModel(self)
        self.agenda = QListView()
        self.agenda.setModel(self.agenda_model)
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setWordWrap(True)
        self.agenda.activated.connect(lambda index: self.go_to(self.agenda_model.item_at(index.row()).id))
        self.agenda.clicked.connect(lambda index: self.go_to(self.agenda_model.item_at(index.row()).id))
        layout.addWidget(self.agenda, 1)
        self.timer = QLabel()
        self.timer.setAccessibleName("Time on this item")
        self.timer.setWordWrap(True)  # at large text sizes, rather than widening the console
        layout.addWidget(self.timer)
        row = QHBoxLayout()
        for text, tip, step in (("◀ &Previous", "Previous item (Alt+Up)", -1), ("&Next ▶", "Next item (Alt+Down)", 1)):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(text.replace("&", "").strip("◀▶ "))
            button.clicked.connect(lambda _=False, s=step: self.step_item(s))
            row.addWidget(button)
        layout.addLayout(row)
        close = QPushButton("&Close the meeting…")
        close.setAccessibleName("Close the meeting")
        close.clicked.connect(self.close_meeting)
        layout.addWidget(close)
        return column

    def _menus(self) -> None:
        meeting = self.menuBar().addMenu("&Meeting")
        self._action(meeting, "Find a member to check in", "Ctrl+K", self._focus_search)
        self._action(meeting, "Type notes", "Ctrl+J", lambda: self.item_panel.notes.setFocus())
        self._action(meeting, "New member at the door…", "Ctrl+Shift+N", self.walk_in)
        self._action(meeting, "Guest…", "Ctrl+G", self.add_guest)
        self._action(meeting, "Proxy vote…", "Ctrl+Shift+P", self.add_proxy)
        self._action(meeting, "Apologies from the member found", "Ctrl+P", self._apology_for_chosen)
        self._action(meeting, "The member found has left", "Ctrl+L", self._departure_for_chosen)
        meeting.addSeparator()
        self._action(meeting, "New motion…", "Ctrl+M", self.new_motion)
        self._action(meeting, "Record the vote…", "Ctrl+Shift+V", self.record_vote)
        self._action(meeting, "Election…", "Ctrl+E", self.election)
        self._action(meeting, "New action…", "Ctrl+T", self.new_action)
        self._action(meeting, "Approve the last meeting's minutes…", "Ctrl+Shift+A", self.approve_minutes)
        meeting.addSeparator()
        self._action(meeting, "Projector view", "F5", self.toggle_projector)
        self._action(meeting, "Close the meeting…", "Ctrl+Shift+W", self.close_meeting)
        edit = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(undo)
        edit.addAction(redo)
        go = self.menuBar().addMenu("&Go")
        self._action(go, "Next item", "Alt+Down", lambda: self.step_item(1))
        self._action(go, "Previous item", "Alt+Up", lambda: self.step_item(-1))
        add_view_menu(self)  # larger text mid-meeting, without going back to the main window
        self.menuBar().addMenu("&Help").addAction(guide_action(self))

    def _action(self, menu, text: str, shortcut: str, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _wire(self) -> None:
        self.session.changed.connect(self._on_changed)
        self.session.problem.connect(self._problem)
        self._listening = True
        self.item_panel.notes_changed.connect(self._save_notes)
        self.item_panel.motion_requested.connect(self.new_motion)
        self.item_panel.vote_requested.connect(self.record_vote)
        self.item_panel.action_requested.connect(self.new_action)
        self.item_panel.election_requested.connect(self.election)
        self.item_panel.approve_requested.connect(self.approve_minutes)
        self.item_panel.arising_status_requested.connect(
            lambda action, status: self.run(commands.ActionStatus(self.session, action, status)))
        self.checkin.check_in_requested.connect(self.check_in)
        self.checkin.walk_in_requested.connect(self.walk_in)
        self.checkin.guest_requested.connect(self.add_guest)
        self.checkin.apology_requested.connect(
            lambda m: self.run(commands.Apology(self.session, self.meeting.id, m.id, m.name)))
        self.checkin.departure_requested.connect(
            lambda m: self.run(commands.Departure(self.session, self.meeting.id, m.id, m.name)))

    # -- showing --------------------------------------------------------------------------------

    def refresh(self) -> None:
        book, meeting_id = self.book, self.meeting.id
        state = book.quorum(meeting_id)
        self.quorum.show_state(state)
        self.checkin.set_attendance(book.attendance(meeting_id), state.present)
        names = {m.id: m.name for m in book.members(include_left=True)}
        self.item_panel.show_decisions(book.motions(meeting_id), book.actions(meeting_id), names)
        self._update_projector()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("member", "any"):
            self.checkin.set_members(self.book.members())
        if changes.touches("action", "any") and self.item_panel.item is not None:
            self.item_panel.show_item(self.item_panel.item, self.book.matters_arising(self.meeting.id))
        self.refresh()
        self.saved.setText(f"All changes saved at {time.strftime('%H:%M:%S')}")

    def go_to(self, item_id: str) -> None:
        row = self.agenda_model.row_of(item_id)
        if row < 0:
            row, item_id = 0, self.agenda_model.item_at(0).id
        item = self.agenda_model.item_at(row)
        self.agenda_model.set_current(item_id)
        self.agenda.setCurrentIndex(self.agenda_model.index(row))
        self.item_panel.show_item(item, self.book.matters_arising(self.meeting.id))
        if self.book.current_item(self.meeting.id) != item_id:
            self.book.set_current_item(self.meeting.id, item_id)
        self._item_started = time.monotonic()
        self._tick()  # the new item's planned length at once, not a second later
        self.refresh()

    def step_item(self, step: int) -> None:
        row = self.agenda_model.row_of(self.agenda_model.current_id) + step
        if 0 <= row < self.agenda_model.rowCount():
            self.go_to(self.agenda_model.item_at(row).id)

    def _tick(self) -> None:
        item = self.item_panel.item
        minutes = int((time.monotonic() - self._item_started) // 60)
        planned = f" of {item.expected_minutes}" if item and item.expected_minutes else ""
        over = " — over time" if item and item.expected_minutes and minutes > item.expected_minutes else ""
        self.timer.setText(f"This item: {minutes} min{planned}{over} · Now {time.strftime('%H:%M')}")

    # -- running steps --------------------------------------------------------------------------

    def run(self, step: commands.Step) -> bool:
        """Do a step and put it on the undo stack; a refusal is explained and nothing is kept."""
        try:
            step.run()
        except DiskError as error:
            self.enter_read_only(str(error))
            return False
        except QuorumError as error:
            self._problem(str(error))
            return False
        self.undo_stack.push(step)
        return True

    def enter_read_only(self, reason: str) -> None:
        """The disk is full or cannot be written: keep everything on screen, stop taking edits.

        What was saved before stays saved; the chair can still read the agenda, the attendance
        and the decisions, and can write on paper until the laptop is sorted out.
        """
        self.read_only = True
        self.banner.setText(f"<b>Quorum cannot save any more.</b> {reason} Everything shown here was saved "
                            "before this happened. Carry on on paper, or save everything to a new place "
                            "(another disk or memory stick) and carry on from there.")
        self.banner.show()
        self.save_elsewhere.show()
        self.saved.setText(f"Saving stopped at {time.strftime('%H:%M')}")
        for widget in (self.item_panel, self.checkin):
            widget.setEnabled(False)
        self.agenda.setEnabled(True)
        for action in self.findChildren(QAction):
            action.setEnabled(action.text() in ("Projector view", "Next item", "Previous item"))
        self.statusBar().showMessage(reason)

    def _problem(self, text: str) -> QMessageBox:
        """Explain a refusal without blocking the meeting: the chair reads it and carries on."""
        self.statusBar().showMessage(text, 15000)
        box = QMessageBox(QMessageBox.Icon.Information, "Not recorded", text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_problem = text
        return box

    def _save_notes(self, item_id: str, text: str) -> None:
        try:
            self.book.update_agenda_item(item_id, notes=text)
        except DiskError as error:
            self.enter_read_only(str(error))
            return
        except QuorumError as error:
            self._problem(str(error))
            return
        self.saved.setText(f"Notes saved at {time.strftime('%H:%M:%S')}")

    # -- the door -------------------------------------------------------------------------------

    def check_in(self, member: model.Member) -> None:
        if self.run(commands.CheckIn(self.session, self.meeting.id, member.id, member.name)):
            self.statusBar().showMessage(f"{member.name} checked in.", 5000)
            self.checkin.ready_for_next()

    def walk_in(self) -> MemberDialog:
        dialog = MemberDialog(parent=self)
        dialog.setWindowTitle("New member at the door")
        dialog.accepted.connect(lambda: self.run(commands.WalkIn(self.session, self.meeting.id, dialog.member())))
        dialog.open()
        return dialog

    def add_guest(self) -> GuestDialog:
        dialog = GuestDialog(self)
        dialog.accepted.connect(lambda: self.run(commands.Guest(
            self.session, self.meeting.id, dialog.name.text().strip(), dialog.organisation.text().strip())))
        dialog.open()
        return dialog

    def add_proxy(self) -> ProxyDialog | None:
        """Only where the constitution allows proxies; otherwise say so rather than offer the form."""
        rules = self.book.rules(self.meeting.date)
        if not rules.proxies_allowed:
            self._problem("The constitution does not allow proxy votes.")
            return None
        here = self.book.present_ids(self.meeting.id)
        members = self.book.voting_members(self.meeting.date)
        dialog = ProxyDialog([m for m in members if m.id not in here], [m for m in members if m.id in here], self)
        dialog.accepted.connect(lambda: self.run(commands.Proxy(
            self.session, self.meeting.id, dialog.giver.currentData(), dialog.holder.currentData(),
            dialog.giver.currentText())))
        dialog.open()
        return dialog

    def _apology_for_chosen(self) -> None:
        member = self.checkin.chosen()
        if member:
            self.run(commands.Apology(self.session, self.meeting.id, member.id, member.name))

    def _departure_for_chosen(self) -> None:
        member = self.checkin.chosen()
        if member:
            self.run(commands.Departure(self.session, self.meeting.id, member.id, member.name))

    def _focus_search(self) -> None:
        self.checkin.search.setFocus()
        self.checkin.search.selectAll()

    # -- decisions ------------------------------------------------------------------------------

    def _present_members(self) -> list[model.Member]:
        here = self.book.present_ids(self.meeting.id)
        return [m for m in self.book.members(include_left=True) if m.id in here]

    def new_motion(self) -> MotionDialog:
        undecided = [m for m in self.book.motions(self.meeting.id) if not m.decided and not m.amends_id]
        default = self.book.rules(self.meeting.date).majority.kind
        here = self.book.present_ids(self.meeting.id)
        left = {a.member_id for a in self.book.attendance(self.meeting.id) if a.kind == "present" and a.left}
        gone = [m for m in self.book.members(include_left=True) if m.id in left - here]
        dialog = MotionDialog(self._present_members(), default, undecided, self, gone)
        dialog.accepted.connect(lambda: self.run(commands.Propose(
            self.session, self.meeting.id, dialog.text.toPlainText(),
            agenda_item_id=self.item_panel.item.id, **dialog.details())))
        dialog.open()
        return dialog

    def record_vote(self) -> VoteDialog | None:
        motion = self.item_panel.chosen_motion()
        if motion is None or motion.decided:
            self._problem("Choose a motion that has not been voted on yet, or put a new motion first.")
            return None
        room = self.book.room(self.meeting.id)  # members present and, where they count, proxies held
        dialog = VoteDialog(motion, room.votes_possible, self, room.may_vote_sentence())
        dialog.accepted.connect(lambda: self._vote(motion, dialog))
        dialog.open()
        return dialog

    def _vote(self, motion: model.Motion, dialog: VoteDialog) -> None:
        options = {}
        if not self.book.quorum(self.meeting.id).quorate:
            if not self._ask_inquorate():
                return
            options["inquorate_ok"] = True
        counts = dialog.counts()
        if not dialog.acclaim and self.book.casting_vote_applies(motion.id, counts[0], counts[1]):
            options["casting_vote"] = self._ask_casting_vote(counts)
        step = commands.Vote(self.session, motion.id, counts, dialog.acclaim, **options)
        if self.run(step):
            self.statusBar().showMessage(self.book.motion(motion.id).result_text, 15000)

    def _ask_inquorate(self) -> bool:
        state = self.book.quorum(self.meeting.id)
        box = QMessageBox(QMessageBox.Icon.Warning, "The meeting is not quorate",
                          f"{state.sentence}. The constitution does not allow decisions while the meeting is "
                          "not quorate.\n\nYou may record the show of hands for information only; the minutes "
                          "will say no decision was taken.", QMessageBox.StandardButton.Cancel, self)
        record = box.addButton("Record for information only", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        return box.clickedButton() is record

    def _ask_casting_vote(self, counts) -> str | None:
        box = QMessageBox(QMessageBox.Icon.Question, "The votes are tied",
                          f"{counts[0]} for and {counts[1]} against. The constitution gives the chair a casting "
                          "vote. How does the chair vote?", QMessageBox.StandardButton.NoButton, self)
        for_button = box.addButton("Casting vote &for", QMessageBox.ButtonRole.YesRole)
        against = box.addButton("Casting vote &against", QMessageBox.ButtonRole.NoRole)
        box.addButton("No casting vote (the motion falls)", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return {for_button: "for", against: "against"}.get(box.clickedButton())

    def election(self) -> ElectionDialog:
        title = self.item_panel.item.title if self.item_panel.item else ""
        post = title.removeprefix("Election of ").capitalize() if title.startswith("Election of") else ""
        dialog = ElectionDialog(self.book.members(), post, self)
        dialog.accepted.connect(lambda: self._elect(dialog))
        dialog.open()
        return dialog

    def _elect(self, dialog: ElectionDialog) -> None:
        step = commands.Elect(self.session, self.meeting.id, dialog.post.text().strip(), dialog.seats.value(),
                              dialog.candidates(), self.item_panel.item.id if self.item_panel.item else None)
        if self.run(step) and step.result.tied:
            names = {c.id: c.name for c in self.book.candidates(step.election_id)}
            self._problem("There is a tie for the last place between " + " and ".join(names[i] for i in step.result.tied)
                          + ". Settle it as the constitution says, then record the result again.")

    def new_action(self) -> ActionDialog:
        dialog = ActionDialog(self.book.members(), self.today, self)
        dialog.accepted.connect(lambda: self.run(commands.AddAction(
            self.session, self.meeting.id, dialog.description.text().strip(),
            agenda_item_id=self.item_panel.item.id if self.item_panel.item else None, **dialog.details())))
        dialog.open()
        return dialog

    def previous_minutes(self) -> model.Meeting | None:
        """The last meeting of the same kind (committee or general) whose minutes await approval."""
        committee = self.meeting.kind == "committee"
        waiting = [m for m in self.book.meetings() if m.status == "closed" and m.minutes_status == "draft"
                   and (m.kind == "committee") == committee and m.date <= self.meeting.date and m.id != self.meeting.id]
        return waiting[-1] if waiting else None

    def approve_minutes(self) -> ApproveMinutesDialog | None:
        previous = self.previous_minutes()
        if previous is None:
            self._problem("There are no earlier minutes waiting for approval.")
            return None
        dialog = ApproveMinutesDialog(previous, self._present_members(), self)
        dialog.accepted.connect(lambda: self._approve(previous, dialog))
        dialog.open()
        return dialog

    def _approve(self, previous: model.Meeting, dialog: ApproveMinutesDialog) -> None:
        try:
            self.session.apply(self.book.approve_minutes, previous.id, at_meeting_id=self.meeting.id,
                               on=self.meeting.date, **dialog.details())
        except QuorumError as error:
            self._problem(str(error))
            return
        self.statusBar().showMessage(f"The minutes of {meeting_title(previous.kind, previous.date)} are approved "
                                     "and locked.", 15000)

    # -- projector and closing ------------------------------------------------------------------

    def toggle_projector(self) -> ProjectorWindow:
        if self.projector is None:
            self.projector = ProjectorWindow(self.book.association().name, self.meeting.heading)
        self.projector.setVisible(not self.projector.isVisible())
        self._update_projector()
        return self.projector

    def _update_projector(self) -> None:
        if self.projector is None or self.item_panel.item is None:
            return
        decided = [m for m in self.book.motions(self.meeting.id) if m.decided]
        last = f"“{decided[-1].text}”\n{decided[-1].result_text}" if decided else ""
        item = self.item_panel.item
        self.projector.show_state(f"{item.position}. {item.title}", self.book.quorum(self.meeting.id), last)

    def summary(self) -> str:
        book, meeting_id = self.book, self.meeting.id
        attendance = book.attendance(meeting_id)
        present = len({a.member_id for a in attendance if a.kind == "present"})
        motions = book.motions(meeting_id)
        carried = sum(1 for m in motions if m.carried)
        return (f"{present} members attended, with {sum(a.kind == 'guest' for a in attendance)} guests and "
                f"{sum(a.kind == 'apology' for a in attendance)} apologies.\n"
                f"{len(motions)} motions: {carried} carried, {len(motions) - carried} not carried.\n"
                f"{len(book.elections(meeting_id))} elections, {len(book.actions(meeting_id))} actions.\n\n"
                "The draft minutes are ready to print. Close the meeting now?")

    def close_meeting(self) -> QMessageBox:
        self.item_panel.save_notes()
        box = QMessageBox(QMessageBox.Icon.Question, "Close the meeting", self.summary(),
                          QMessageBox.StandardButton.Cancel, self)
        close = box.addButton("Close the meeting", QMessageBox.ButtonRole.AcceptRole)
        box.minute_taker = self._ask_minute_taker(box)
        box.buttonClicked.connect(lambda button: button is close and self._close_meeting(box.minute_taker))
        box.open()
        return box

    def _ask_minute_taker(self, box: QMessageBox) -> QComboBox | None:
        """The minutes say who took them: if nobody has said yet, the closing question asks."""
        if self.book.meeting(self.meeting.id).minute_taker_id:
            return None
        choice = member_choice("Who took the minutes", self._present_members())
        choice.setItemText(0, "— not recorded —")
        secretary = [m.id for m in self.book.members_on(self.meeting.date) if m.role == "secretary"]
        if secretary and choice.findData(secretary[0]) >= 0:
            choice.setCurrentIndex(choice.findData(secretary[0]))
        label = QLabel("&Minutes taken by:")
        label.setBuddy(choice)
        grid = box.layout()
        grid.addWidget(label, grid.rowCount(), 0, 1, grid.columnCount())
        grid.addWidget(choice, grid.rowCount(), 0, 1, grid.columnCount())
        return choice

    def _close_meeting(self, minute_taker: QComboBox | None = None) -> None:
        try:
            if minute_taker is not None and minute_taker.currentData():
                self.session.apply(self.book.update_meeting, self.meeting.id, minute_taker_id=minute_taker.currentData())
            self.session.apply(self.book.close_meeting, self.meeting.id)
        except (QuorumError, OSError) as error:
            self._problem(str(error))
            return
        self.undo_stack.clear()
        self.closed_meeting.emit(self.meeting.id)
        self.close()

    def closeEvent(self, event) -> None:
        """Leaving the console never loses notes; the meeting stays open until the chair closes it."""
        self.item_panel.save_notes()
        self._clock.stop()
        if self.projector is not None:
            self.projector.close()
        if self._listening:
            self.session.changed.disconnect(self._on_changed)
            self.session.problem.disconnect(self._problem)
            self._listening = False
        super().closeEvent(event)
