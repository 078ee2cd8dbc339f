"""The live meeting console: one window to run the whole meeting from the keyboard.

Agenda on the left, the current item's notes and decisions in the middle, the door and the
quorum on the right. When the text is large for the screen, the agenda folds into a list above
the item rather than squeezing it. Every step is committed to disk before the screen shows it,
and every step can be undone from anywhere in the console (the undo is itself a committed step).

The work is in three parts, each a plain object holding the console: ``door`` (check-in, guests,
proxies), ``decisions`` (motions, votes, elections, actions, minutes) and ``closing``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QBoxLayout,
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
from app.words import long_date
from ui.appearance import add_view_menu
from ui.console import commands
from ui.console.checkin_panel import CheckInPanel
from ui.console.closing import Closing
from ui.console.decisions import Decisions
from ui.console.door import Door
from ui.console.item_panel import ItemPanel
from ui.console.quorum_indicator import QuorumIndicator
from ui.guide import guide_action
from ui.models.agenda import AgendaModel
from ui.models.members import Prepared
from ui.rich_text import markup
from ui.session import Session

if TYPE_CHECKING:  # the projector is imported when first shown, not as the console opens
    from ui.console.projector import ProjectorWindow

UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
FOLD_BELOW_CHARACTERS = 150  # narrower than this many average characters: the agenda folds above the item


class Columns(QSplitter):
    """The console's columns ask for no more height than they need at least.

    The heading wraps, so the window's height follows its width; with the columns' preferred
    height in that sum, large text made the console taller than a 768-pixel screen.
    """

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setHeight(self.minimumSizeHint().height())
        return hint


class ConsoleWindow(QMainWindow):
    """The console for one meeting. Built with ``meeting_id``, or built first (ahead of time, in turns:
    ``building``) and given its meeting later by ``show_meeting``: none of its widgets depend on the
    meeting, and building them is most of the time from "Run this meeting" to the first check-in
    (ui/console/ahead.py builds the next console while the chair looks over the main window)."""

    closed_meeting = Signal(str)  # meeting id, once the chair has closed the meeting

    def __init__(self, session: Session, meeting_id: str | None = None, today: date | None = None,
                 register: Prepared | None = None, in_turns: bool = False) -> None:
        """``register``: the current members prepared for a table already (the main window's), if at hand;
        ``in_turns``: the widgets are built by whoever runs ``building``."""
        super().__init__()
        self.session = session
        self.book = session.book
        self.meeting: model.Meeting = None  # type: ignore[assignment]  # until show_meeting
        self.today = today or date.today()
        self.undo_stack = QUndoStack(self)
        self.projector: ProjectorWindow | None = None
        self.last_problem = ""
        self.read_only = False
        self._listening = False
        self.built = False
        self._people: dict[str, model.Member] = {}  # everyone by id, those who left too
        self.door, self.decisions, self.closing = Door(self), Decisions(self), Closing(self)
        self._item_started = time.monotonic()
        self.setObjectName("ConsoleWindow")
        self.setWindowTitle("Meeting — Quorum")
        if not in_turns:
            for _part in self.building():
                pass
        if meeting_id is not None:
            self.show_meeting(meeting_id, register)

    def show_meeting(self, meeting_id: str, register: Prepared | None = None) -> None:
        """The meeting this console runs, once: its heading, the register at the door, its agenda at the
        item the chair was on, the door and the decisions; then the console listens for changes."""
        if self.meeting is not None:
            raise RuntimeError("A console runs one meeting; build another for the next.")
        self.meeting = meeting = self.book.meetings.meeting(meeting_id)
        self.setWindowTitle(f"{meeting.heading}, {long_date(meeting.date)} — Quorum")
        self.heading.setText(f"<h2 style='margin:0'>{markup(meeting.heading)}</h2>"
                             f"{long_date(meeting.date)} at {meeting.time}, {markup(meeting.venue)}")
        self._listen()
        self.checkin.set_members(register if register is not None else self.book.register.members())
        self._people = self._everyone()
        self.agenda_model.load(self.book.meetings.agenda(meeting_id))
        self.go_to(self.book.meetings.current_item(meeting_id) or self.agenda_model.item_at(0).id)  # and refresh
        self._clock.start(1000)
        self._tick()
        self.checkin.search.setFocus()  # the first thing a chair does is check people in
        screen = self.screen().availableGeometry()
        self._fold_for(screen.width())  # before showing: the console opens maximized
        self.resize(self.sizeHint().boundedTo(screen.size()))  # never larger than the screen, even unmaximized

    # -- building -------------------------------------------------------------------------------

    def building(self) -> Iterator[None]:
        """Build the console, pausing after each part: ahead of time, each part is one turn of the event
        loop, so the main window answers the chair meanwhile."""
        self._frame()
        yield
        self.splitter.addWidget(self._agenda_column())
        yield
        self.splitter.addWidget(self._middle())
        yield
        self.checkin = CheckInPanel()
        self.splitter.addWidget(self.checkin)
        self.splitter.setSizes([240, 620, 480])
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setChildrenCollapsible(False)
        yield
        self._menus()
        self._wire()
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self.built = True

    def _frame(self) -> None:
        """The heading and quorum above, the warning for a disk that cannot be written, the columns' splitter."""
        central = QWidget()
        outer = QVBoxLayout(central)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setAccessibleName("Meeting")
        self.heading.setWordWrap(True)  # at large text sizes, rather than widening the console
        top.addWidget(self.heading, 1)
        self.quorum = QuorumIndicator()
        self.quorum.setWordWrap(True)
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
        self.save_elsewhere.clicked.connect(self._save_everything)
        self.save_elsewhere.hide()
        outer.addWidget(self.save_elsewhere)
        self.agenda_model = AgendaModel(self)
        self.splitter = Columns(Qt.Orientation.Horizontal)
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.saved = QLabel()
        self.saved.setAccessibleName("Save status")
        self.statusBar().addPermanentWidget(self.saved)

    def _middle(self) -> QWidget:
        """The current item; above it, when the agenda is folded, the agenda as a drop-down list and the time."""
        middle = QWidget()
        layout = QVBoxLayout(middle)
        layout.setContentsMargins(0, 0, 0, 0)
        self.folded_agenda = QComboBox()
        self.folded_agenda.setModel(self.agenda_model)
        self.folded_agenda.setAccessibleName("Agenda")
        self.folded_agenda.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.folded_agenda.setMinimumContentsLength(10)
        self.folded_agenda.activated.connect(lambda row: self.go_to(self.agenda_model.item_at(row).id))
        self.folded_agenda.hide()
        self._folded = QVBoxLayout()  # the agenda's list, and under it the time on the item and the clock
        self._folded.addWidget(self.folded_agenda)
        layout.addLayout(self._folded)
        self.item_panel = ItemPanel()
        layout.addWidget(self.item_panel, 1)
        return middle

    def _agenda_column(self) -> QWidget:
        column = self.agenda_column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Agenda</b>"))
        self.agenda = QListView()
        self.agenda.setModel(self.agenda_model)
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setWordWrap(True)
        self.agenda.activated.connect(lambda index: self.go_to(self.agenda_model.item_at(index.row()).id))
        self.agenda.clicked.connect(lambda index: self.go_to(self.agenda_model.item_at(index.row()).id))
        layout.addWidget(self.agenda, 1)
        self._agenda_layout = layout
        layout.addWidget(self._timing())
        row = QHBoxLayout()
        for text, tip, step in (("◀ P&revious", "Previous item (Alt+Up)", -1), ("Ne&xt ▶", "Next item (Alt+Down)", 1)):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(text.replace("&", "").strip("◀▶ "))
            button.clicked.connect(lambda _=False, s=step: self.step_item(s))
            row.addWidget(button)
        layout.addLayout(row)
        close = QPushButton("Close the meeting…")
        close.setToolTip("Close the meeting (Ctrl+Shift+W)")
        close.setAccessibleName("Close the meeting")
        close.clicked.connect(lambda: self.closing.close_meeting())
        layout.addWidget(close)
        return column

    def _timing(self) -> QWidget:
        """The time on this item, which wraps at large text sizes rather than widening the console, and the
        clock, which never wraps: "Now" at the end of one line and "19:42" on the next reads as nonsense.
        Under the agenda's narrow column the clock goes under the time; when the agenda folds, beside it."""
        self.timing = QWidget()
        row = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.timing)
        row.setContentsMargins(0, 0, 0, 0)
        self.timer = QLabel()
        self.timer.setAccessibleName("Time on this item")
        self.timer.setWordWrap(True)
        row.addWidget(self.timer, 1)
        self.clock = QLabel()
        self.clock.setAccessibleName("Time now")
        row.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignTop)
        return self.timing

    def _menus(self) -> None:
        door, decisions = self.door, self.decisions
        meeting = self.menuBar().addMenu("&Meeting")
        self._action(meeting, "&Find a member to check in", "Ctrl+K", door.focus_search)
        self._action(meeting, "&Type notes", "Ctrl+J", lambda: self.item_panel.notes.setFocus())
        self._action(meeting, "&New member at the door…", "Ctrl+Shift+N", door.walk_in)
        self._action(meeting, "&Guest…", "Ctrl+G", door.add_guest)
        self._action(meeting, "Pro&xy vote…", "Ctrl+Shift+P", door.add_proxy)
        self._action(meeting, "&Apologies from the member found", "Ctrl+P", door.apology_for_chosen)
        self._action(meeting, "The member found has &left", "Ctrl+L", door.departure_for_chosen)
        meeting.addSeparator()
        self._action(meeting, "New &motion…", "Ctrl+M", decisions.new_motion)
        self._action(meeting, "Record the &vote…", "Ctrl+Shift+V", decisions.record_vote)
        self._action(meeting, "&Election…", "Ctrl+E", decisions.election)
        self._action(meeting, "New act&ion…", "Ctrl+T", decisions.new_action)
        self._action(meeting, "Approve the last meeting's minute&s…", "Ctrl+Shift+A", decisions.approve_minutes)
        meeting.addSeparator()
        self._action(meeting, "&Projector view", "F5", self.toggle_projector)
        self._action(meeting, "&Close the meeting…", "Ctrl+Shift+W", self.closing.close_meeting)
        edit = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        undo.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(undo)
        edit.addAction(redo)
        go = self.menuBar().addMenu("&Go")
        self._action(go, "&Next item", "Alt+Down", lambda: self.step_item(1))
        self._action(go, "&Previous item", "Alt+Up", lambda: self.step_item(-1))
        add_view_menu(self)  # larger text mid-meeting, without going back to the main window
        self.menuBar().addMenu("&Help").addAction(guide_action(self))
        self.close_projector_action = QAction("Close the projector view", self)
        self.close_projector_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.close_projector_action.triggered.connect(self.close_projector)
        self.close_projector_action.setEnabled(False)  # Esc is the search box's own until the projector shows
        self.addAction(self.close_projector_action)

    def _action(self, menu, text: str, shortcut: str, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _wire(self) -> None:
        panel, door, decisions = self.item_panel, self.door, self.decisions
        panel.notes_changed.connect(self._save_notes)
        panel.motion_requested.connect(decisions.new_motion)
        panel.vote_requested.connect(decisions.record_vote)
        panel.action_requested.connect(decisions.new_action)
        panel.election_requested.connect(decisions.election)
        panel.approve_requested.connect(decisions.approve_minutes)
        panel.arising_status_requested.connect(
            lambda action, status: self.run(commands.ActionStatus(self.session, action, status)))
        self.checkin.check_in_requested.connect(door.check_in)
        self.checkin.walk_in_requested.connect(door.walk_in)
        self.checkin.guest_requested.connect(door.add_guest)
        self.checkin.apology_requested.connect(door.apology)
        self.checkin.departure_requested.connect(door.departure)
        self.checkin.undo_requested.connect(self.undo_stack.undo)
        self.undo_stack.undoTextChanged.connect(self.checkin.show_undo)
        for editor in (self.checkin.search, panel.notes):
            editor.installEventFilter(self)

    def _listen(self) -> None:
        self.session.changed.connect(self._on_changed)
        self.session.problem.connect(self.problem)
        self._listening = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z in the search box or the notes undoes the last meeting step, as the guide says,
        not the typing: the boxes let the console's Undo and Redo shortcuts through."""
        if event.type() == QEvent.Type.ShortcutOverride and any(event.matches(key) for key in UNDO_KEYS):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    # -- showing --------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._show_door()
        self._show_decisions()

    def _everyone(self) -> dict[str, model.Member]:
        """Everyone by id, those who left too, for the names of motions' movers: gathered again only when
        the register changes, not at each agenda item."""
        return {m.id: m for m in self.book.register.members(include_left=True)}

    def _arising(self, item: model.AgendaItem) -> list[model.Action]:
        """Earlier meetings' open actions, read only for the item that lists them (it reads every action)."""
        return self.book.actions.matters_arising(self.meeting.id) if item.kind == "matters arising" else []

    def _show_door(self) -> None:
        """The attendance and the quorum: all a check-in, an apology or a departure redraws."""
        book, meeting_id = self.book, self.meeting.id
        state = book.door.quorum(meeting_id)
        self.quorum.show_state(state)
        self.checkin.set_attendance(book.door.attendance(meeting_id), state.present)
        self._update_projector()

    def _show_decisions(self) -> None:
        book, meeting_id = self.book, self.meeting.id
        motions, people = book.decisions.motions(meeting_id), self._people
        names = {i: people[i].name for m in motions for i in (m.proposer_id, m.seconder_id) if i in people}
        self.item_panel.show_decisions(motions, book.actions.actions(meeting_id), names)
        self._update_projector()

    def _on_changed(self, changes: Changes) -> None:
        """Redraw only what changed: a check-in redraws the door and the quorum, not the register."""
        if changes.touches("member", "any"):
            self.checkin.set_members(self.book.register.members())
            self._people = self._everyone()
        if changes.touches("action", "any") and self.item_panel.item is not None:
            self.item_panel.show_item(self.item_panel.item, self._arising(self.item_panel.item))
        if changes.touches("attendance", "quorum_event", "member", "office_term", "rules", "meeting", "any"):
            self._show_door()
        if changes.touches("motion", "action", "election", "candidate", "member", "agenda_item", "any"):
            self._show_decisions()
        self.saved.setText(f"All changes saved at {time.strftime('%H:%M:%S')}")

    def go_to(self, item_id: str) -> None:
        row = self.agenda_model.row_of(item_id)
        if row < 0:
            row, item_id = 0, self.agenda_model.item_at(0).id
        item = self.agenda_model.item_at(row)
        self.agenda_model.set_current(item_id)
        self.agenda.setCurrentIndex(self.agenda_model.index(row))
        self.folded_agenda.setCurrentIndex(row)
        self.item_panel.show_item(item, self._arising(item))
        remembered = self.book.meetings.current_item(self.meeting.id) or self.agenda_model.item_at(0).id
        if remembered != item_id:  # none remembered means the first: opening the console writes nothing
            self.book.meetings.set_current_item(self.meeting.id, item_id)
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
        self.timer.setText(f"This item: {minutes} min{planned}{over}")
        self.clock.setText(f"Now {time.strftime('%H:%M')}")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fold_for(self.width())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # larger text mid-meeting: fold or unfold at once
            self._fold_for(self.width())

    def _fold_for(self, width: int) -> None:
        if not self.built:  # larger text chosen while the console is being built ahead: folded when shown
            return
        self.fold_agenda(width < FOLD_BELOW_CHARACTERS * self.fontMetrics().averageCharWidth())

    def fold_agenda(self, folded: bool) -> None:
        """Large text on a small screen: the agenda becomes a list above the item instead of a column."""
        if folded == self.agenda_column.isHidden():
            return
        self.agenda_column.setVisible(not folded)
        self.folded_agenda.setVisible(folded)
        self.timing.layout().setDirection(QBoxLayout.Direction.LeftToRight if folded else QBoxLayout.Direction.TopToBottom)
        if folded:  # the time on the item and the clock stay in sight, under the folded agenda, on one line
            self._folded.addWidget(self.timing)
        else:
            self._agenda_layout.insertWidget(2, self.timing)
        self.item_panel.compact(folded)

    # -- running steps --------------------------------------------------------------------------

    def run(self, step: commands.Step) -> bool:
        """Do a step and put it on the undo stack; a refusal is explained and nothing is kept."""
        try:
            step.run()
        except DiskError as error:
            self.enter_read_only(str(error))
            return False
        except QuorumError as error:
            self.problem(str(error))
            return False
        self.undo_stack.push(step)
        return True

    def enter_read_only(self, reason: str) -> None:
        """The disk is full or cannot be written: keep everything on screen, stop taking edits.

        What was saved before stays saved; the chair can still read the agenda, the attendance
        and the decisions, and can write on paper until the laptop is sorted out.
        """
        self.read_only = True
        self.banner.setText(f"<b>Quorum cannot save any more.</b> {markup(reason)} Everything shown here was "
                            "saved before this happened. Carry on on paper, or save everything to a new place "
                            "(another disk or memory stick) and carry on from there.")
        self.banner.show()
        self.save_elsewhere.show()
        self.saved.setText(f"Saving stopped at {time.strftime('%H:%M')}")
        for widget in (self.item_panel, self.checkin):
            widget.setEnabled(False)
        self.agenda.setEnabled(True)
        still = ("&Projector view", "&Next item", "&Previous item")
        for action in self.findChildren(QAction):
            if action is not self.close_projector_action:
                action.setEnabled(action.text() in still)
        self.statusBar().showMessage(reason)

    def problem(self, text: str) -> QMessageBox:
        """Explain a refusal without blocking the meeting: the chair reads it and carries on."""
        self.statusBar().showMessage(text, 15000)
        box = QMessageBox(QMessageBox.Icon.Information, "Not recorded", text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_problem = text
        return box

    def _save_notes(self, item_id: str, text: str) -> None:
        try:
            self.book.meetings.update_agenda_item(item_id, notes=text)
        except DiskError as error:
            self.enter_read_only(str(error))
            return
        except QuorumError as error:
            self.problem(str(error))
            return
        self.saved.setText(f"Notes saved at {time.strftime('%H:%M:%S')}")

    def _save_everything(self) -> None:
        """Only when the file has gone, so not imported as the console opens."""
        from ui.save_copy import save_everything

        save_everything(self, self.book)

    # -- the projector --------------------------------------------------------------------------

    def toggle_projector(self) -> ProjectorWindow:
        """F5 shows the hall's view (on the second screen, or in a window if the chair says so) or hides it."""
        if self.projector is not None and self.projector.isVisible():
            self.close_projector()
            return self.projector
        from ui.console.projector import ProjectorWindow, show_projector

        if self.projector is None:
            self.projector = ProjectorWindow(self.book.association().name, self.meeting.heading)
            self.projector.visibility.connect(self.close_projector_action.setEnabled)
        self._update_projector()
        show_projector(self.projector, self)
        return self.projector

    def close_projector(self) -> None:
        if self.projector is not None and self.projector.isVisible():
            self.projector.hide()
            self.activateWindow()

    def _update_projector(self) -> None:
        if self.projector is None or self.item_panel.item is None:
            return
        decided = [m for m in self.book.decisions.motions(self.meeting.id) if m.decided]
        last = f"“{decided[-1].text}”\n{decided[-1].result_text}" if decided else ""
        item = self.item_panel.item
        self.projector.show_state(f"{item.position}. {item.title}", self.book.door.quorum(self.meeting.id), last)

    def closeEvent(self, event) -> None:
        """Leaving the console never loses notes; the meeting stays open until the chair closes it."""
        self.item_panel.save_notes()
        self._clock.stop()
        if self.projector is not None:
            self.projector.close()
        if self._listening:
            self.session.changed.disconnect(self._on_changed)
            self.session.problem.disconnect(self.problem)
            self._listening = False
        super().closeEvent(event)
