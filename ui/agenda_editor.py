"""Preparing one meeting: its agenda, the matters arising, apologies and proxies sent in advance.

Edits in the table are saved at once; what is typed in the side panel is saved with Save item,
on choosing another item or on closing, so nothing typed is lost. Each save is one transaction.
Keyboard: Ctrl+Up and Ctrl+Down move the chosen item, Delete removes it, F2
renames it in place; items can also be dragged into a new order.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import asks, model
from app.errors import QuorumError
from app.services import Changes
from app.words import long_date, meeting_title, weekday_date
from ui.apologies_panel import ApologiesPanel
from ui.forms import LinesBox, scrolled
from ui.models.agenda_table import MOST_MINUTES, AgendaTableModel
from ui.rich_text import markup
from ui.session import Session

REFRESH_ON = ("agenda_item", "motion", "attendance", "meeting", "action", "member", "rules", "any")


def open_agenda_editor(session: Session, meeting_id: str, parent: QWidget | None = None,
                       today: date | None = None) -> AgendaEditor | None:
    """The editor for a meeting whose record is still open to change; a plain refusal otherwise."""
    meeting = session.book.meetings.meeting(meeting_id)
    if meeting.minutes_status == "approved":
        QMessageBox.information(parent, "Agenda locked", "The minutes of this meeting have been approved, "
                                "so its agenda is part of the record and cannot be changed.")
        return None
    editor = AgendaEditor(session, meeting_id, today, parent)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.open()
    return editor


class AgendaEditor(QDialog):
    """The agenda on the left, reordered in place; the chosen item, matters arising and apologies on the right."""

    def __init__(self, session: Session, meeting_id: str, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.book = session.book
        self.meeting_id = meeting_id
        self.today = today or date.today()
        self.chosen_id: str | None = None
        self.model = AgendaTableModel(self)
        self.model.edited.connect(self._edited)
        self.model.moved.connect(self._dropped)
        self._build()
        session.changed.connect(self._on_changed)
        self._listening = True
        self.refresh()
        if self.model.rowCount():
            self.table.selectRow(0)
        self._fit_to_screen()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setAccessibleName("Meeting")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        body = QHBoxLayout()
        body.addLayout(self._agenda_side(), 3)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Preparation")
        self.tabs.tabBar().setAccessibleName("Preparation")
        self.tabs.addTab(self._item_tab(), "&Chosen item")
        self.tabs.addTab(self._matters_tab(), "&Matters arising")
        self.apologies = ApologiesPanel(self.session, self.meeting_id, self.today)
        self.tabs.addTab(scrolled(self.apologies), "A&pologies and proxies")
        body.addWidget(self.tabs, 2)
        layout.addLayout(body, 1)
        bottom = QHBoxLayout()
        self.length = QLabel()
        self.length.setAccessibleName("Expected length")
        bottom.addWidget(self.length, 1)
        print_button = _button("Print a&genda…", "Save the agenda with its notice of meeting as a PDF",
                               self.print_agenda)
        bottom.addWidget(print_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        close.rejected.connect(self.reject)
        bottom.addWidget(close)
        layout.addLayout(bottom)

    def _agenda_side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Agenda items")
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next control; the arrow keys move within the table
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragDropOverwriteMode(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self._chose(current.row()))
        self.table.installEventFilter(self)
        side.addWidget(_buddy("Agenda &items: Ctrl+Up and Ctrl+Down move the chosen item, F2 renames it, "
                              "or drag it", self.table))
        side.addWidget(self.table, 1)
        adding = QHBoxLayout()
        self.new_title = QLineEdit()
        self.new_title.setAccessibleName("Title of a new item")
        self.new_title.setPlaceholderText("Title of a new item, e.g. Repairs update from the housing officer")
        self.new_title.returnPressed.connect(self.add_item)
        adding.addWidget(_buddy("N&ew item", self.new_title, wrap=False))
        adding.addWidget(self.new_title, 1)
        self.add_button = _button("&Add", "Add it before Any other competent business", self.add_item)
        adding.addWidget(self.add_button)
        side.addLayout(adding)
        moving = QHBoxLayout()
        self.up_button = _button("Move &up", "Move the chosen item up (Ctrl+Up)", lambda: self.move_chosen(-1))
        self.down_button = _button("Move &down", "Move the chosen item down (Ctrl+Down)",
                                   lambda: self.move_chosen(1))
        self.remove_button = _button("&Remove", "Take the chosen item off the agenda (Delete)", self.remove_chosen)
        for button in (self.up_button, self.down_button, self.remove_button):
            moving.addWidget(button)
        moving.addStretch(1)
        side.addLayout(moving)
        return side

    def _item_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        form.addRow(_buddy("&Title", self.title, wrap=False), self.title)
        self.presenter = QLineEdit()
        self.presenter.setAccessibleName("Presented by")
        self.presenter.setPlaceholderText("Chair, Treasurer, or a name")
        names = [m.name for m in self.book.register.members()]
        completer = QCompleter(["Chair", "Vice-chair", "Secretary", "Treasurer", *names], self.presenter)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.presenter.setCompleter(completer)
        form.addRow(_buddy("Presented &by", self.presenter, wrap=False), self.presenter)
        self.minutes = QSpinBox()
        self.minutes.setAccessibleName("Expected length in minutes")
        self.minutes.setRange(0, MOST_MINUTES)
        self.minutes.setSpecialValueText("Not set")
        self.minutes.setSuffix(" minutes")
        form.addRow(_buddy("Expected &length", self.minutes, wrap=False), self.minutes)
        layout.addLayout(form)
        self.notes = _text_box("Notes for the chair", "Reminders for the chair; they are not printed.")
        layout.addWidget(_buddy("&Notes for the chair", self.notes))
        layout.addWidget(self.notes)
        self.motion = _text_box("Motion to be put", "That the association …")
        layout.addWidget(_buddy("M&otion to be put (it waits under this item in the meeting console, "
                                "to be proposed, seconded and voted on)", self.motion))
        layout.addWidget(self.motion)
        saving = QHBoxLayout()
        self.save_button = _button("&Save item", "Save the title, presenter, length, notes and motion",
                                   self.save_chosen)
        saving.addWidget(self.save_button)
        saving.addStretch(1)
        layout.addLayout(saving)
        self.item_problem = _hint("")
        layout.addWidget(self.item_problem)
        layout.addStretch(1)
        self.title.returnPressed.connect(self.save_chosen)
        self.presenter.returnPressed.connect(self.save_chosen)
        return page

    def _matters_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_hint("Actions from earlier meetings that are still open. They are listed under "
                               "Matters arising on the printed agenda, so whoever owns each can report back."))
        self.matters = QListWidget()
        self.matters.setAccessibleName("Open actions from earlier meetings")
        self.matters.setWordWrap(True)
        self.matters.setSpacing(4)
        self.matters.setAlternatingRowColors(True)
        layout.addWidget(self.matters, 1)
        self.asks_waiting = _hint("")
        self.asks_waiting.setAccessibleName("How long asks of the landlord wait")
        layout.addWidget(self.asks_waiting)
        return page

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(1200, int(screen.width() * 0.94)), min(700, int(screen.height() * 0.92)))

    # -- showing --------------------------------------------------------------------------------

    def refresh(self) -> None:
        meeting = self.book.meetings.meeting(self.meeting_id)
        items = self.book.meetings.agenda(self.meeting_id)
        with_motions = {i.id for i in items if self.book.meetings.advance_motion(i.id) is not None}
        chosen = self.chosen_id
        self.model.load(items, with_motions)
        self._show_heading(meeting)
        self._show_length(meeting)
        self._show_matters()
        self.apologies.refresh()
        row = self.model.row_of(chosen)
        if row >= 0:
            self.table.selectRow(row)
        elif self.model.rowCount():
            self.table.selectRow(min(max(self.table.currentIndex().row(), 0), self.model.rowCount() - 1))

    def _show_heading(self, meeting: model.Meeting) -> None:
        self.setWindowTitle(f"Agenda — {meeting_title(meeting.kind, meeting.date).removeprefix('the ')}")
        venue = f", {markup(meeting.venue)}" if meeting.venue else ""
        text = f"<b>{meeting.heading}</b>, {weekday_date(meeting.date)} at {meeting.time}{venue}"
        warning = self.book.meetings.notice_warning(meeting, self.today)
        if warning:
            text += f"<br><b>⚠ Not enough notice:</b> {warning}"
        self.heading.setText(text)

    def _show_length(self, meeting: model.Meeting) -> None:
        total = self.model.total_minutes()
        hours, minutes = divmod(total, 60)
        start_h, start_m = (int(part) for part in meeting.time.split(":"))
        end_h, end_m = divmod(start_h * 60 + start_m + total, 60)
        spoken = " ".join(filter(None, [f"{hours} hour{'s' if hours > 1 else ''}" if hours else "",
                                        f"{minutes} minutes" if minutes or not hours else ""]))
        self.length.setText(f"{self.model.rowCount()} items, expected to take {spoken}: "
                            f"from {meeting.time} to about {end_h % 24:02d}:{end_m:02d}.")

    def _show_matters(self) -> None:
        self.matters.clear()
        meetings = {m.id: m for m in self.book.meetings.meetings()}
        actions = self.book.actions.matters_arising(self.meeting_id)
        for action in actions:
            owner = f" — {action.owner_name}" if action.owner_name else ""
            due = f", due {long_date(action.due)}" if action.due else ""
            late = " (overdue)" if action.overdue(self.today) else ""
            source = meetings.get(action.meeting_id)
            came = f"\n    from {meeting_title(source.kind, source.date)}" if source else ""
            answer = f"\n    Landlord's answer: {asks.answer_line(action)}" if action.ask_of_landlord else ""
            self.matters.addItem(f"{action.description}{owner}{due}{late}{came}{answer}")
        if not actions:
            self.matters.addItem("No open actions from earlier meetings.")
        self.tabs.setTabText(1, f"&Matters arising ({len(actions)})")
        self.asks_waiting.setText(f"Asks of the landlord: {self.book.actions.asks_waiting(self.today).sentence}")

    def _chose(self, row: int) -> None:
        """Show the chosen item's details, first saving any left unsaved on the item before."""
        previous, item = self.chosen_id, self.model.item_at(row) if row >= 0 else None
        if item is not None and item.id == previous:
            return
        self.chosen_id = item.id if item else None
        if previous and self.model.row_of(previous) >= 0 and self._unsaved(previous):
            self.save_item(previous)
        self._show_item(self._item(self.chosen_id))

    def _show_item(self, item: model.AgendaItem | None) -> None:
        motion = self.book.meetings.advance_motion(item.id) if item else None
        self.title.setText(item.title if item else "")
        self.presenter.setText(item.presenter if item else "")
        self.minutes.setValue((item.expected_minutes or 0) if item else 0)
        self.notes.setPlainText(item.notes if item else "")
        self.motion.setPlainText(motion.text if motion else "")
        self.item_problem.setText("")
        for widget in (self.title, self.presenter, self.minutes, self.notes, self.motion, self.save_button):
            widget.setEnabled(item is not None)

    def _on_changed(self, changes: Changes) -> None:
        if changes.meeting_id in (None, self.meeting_id) and changes.touches(*REFRESH_ON):
            self.refresh()

    # -- editing the agenda ---------------------------------------------------------------------

    def chosen(self) -> model.AgendaItem | None:
        return self._item(self.chosen_id)

    def _item(self, item_id: str | None) -> model.AgendaItem | None:
        """As last loaded from the store: the model is reloaded after every change."""
        row = self.model.row_of(item_id)
        return self.model.item_at(row) if row >= 0 else None

    def add_item(self) -> None:
        title = " ".join(self.new_title.text().split())
        if not title:
            self.new_title.setFocus()
            self.new_title.setPlaceholderText("Type the new item's title here first, then press Enter")
            return
        kind = "motion" if title.casefold().startswith("motion") else "other"
        item = self._apply(self.book.meetings.add_agenda_item, self.meeting_id, title, kind)
        if item is not None:
            self.new_title.clear()
            self.select(item.id)

    def _dropped(self, item_id: str, position: int) -> None:
        """Moved once the drop has finished, so the view is not reset in the middle of it."""
        QTimer.singleShot(0, lambda: self.move_item(item_id, position))

    def move_chosen(self, step: int) -> None:
        item = self.chosen()
        if item is not None:
            self.move_item(item.id, item.position + step)

    def move_item(self, item_id: str, position: int) -> None:
        position = max(1, min(position, self.model.rowCount()))
        item = self._item(item_id)
        if item is not None and item.position != position:
            self.chosen_id = item_id
            self._apply(self.book.meetings.move_agenda_item, item_id, position)
            self.select(item_id)

    def remove_chosen(self) -> QMessageBox | None:
        """Remove at once, unless notes or a motion would go with the item: then ask first."""
        item = self.chosen()
        if item is None:
            return None
        if not (item.notes.strip() or self.book.meetings.advance_motion(item.id)):
            self._remove(item)
            return None
        box = QMessageBox(QMessageBox.Icon.Question, "Remove agenda item",
                          f"“{item.title}” has notes or a motion written for it. Remove the item and them?",
                          QMessageBox.StandardButton.Cancel, self)
        remove = box.addButton("Remove", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: self._remove(item) if button is remove else None)
        box.open()
        return box

    def _remove(self, item: model.AgendaItem) -> None:
        row = self.model.row_of(item.id)
        self.chosen_id = None
        self._apply(self.book.meetings.drop_agenda_item, item.id)
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def _edited(self, item_id: str, field: str, value) -> None:
        """An edit typed into the table itself (F2 or a double-click), saved once the editor has closed."""
        QTimer.singleShot(0, lambda: self.save_field(item_id, field, value))

    def save_field(self, item_id: str, field: str, value) -> None:
        self._apply(self.book.meetings.update_agenda_item, item_id, **{field: value})
        if item_id == self.chosen_id:
            self._show_item(self._item(item_id))

    def _unsaved(self, item_id: str) -> dict:
        """What the side panel holds that the store does not, for the item shown there."""
        item = self._item(item_id)
        motion = self.book.meetings.advance_motion(item_id)
        typed = self._typed()
        changed = {k: v for k, v in typed.items() if k != "motion" and getattr(item, k) != v}
        if typed["motion"] != (motion.text if motion else ""):
            changed["motion"] = typed["motion"]
        return changed

    def _typed(self) -> dict:
        return {
            "title": " ".join(self.title.text().split()),
            "presenter": " ".join(self.presenter.text().split()),
            "expected_minutes": self.minutes.value() or None,
            "notes": self.notes.toPlainText().strip(),
            "motion": self.motion.toPlainText().strip(),
        }

    def save_chosen(self) -> None:
        if self.chosen_id:
            self.save_item(self.chosen_id)

    def save_item(self, item_id: str) -> None:
        changed = self._unsaved(item_id)
        if "title" in changed and not changed["title"]:
            self.item_problem.setText("An agenda item needs a title.")
            return
        motion = changed.pop("motion", None)
        if changed:
            self._apply(self.book.meetings.update_agenda_item, item_id, **changed)
        if motion is not None:
            self._apply(self.book.meetings.set_advance_motion, item_id, motion)

    def select(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 1))

    # -- the rest -------------------------------------------------------------------------------

    def print_agenda(self) -> None:
        settings = QSettings()
        folder = Path(str(settings.value("print/folder", str(Path.home()))))
        meeting = self.book.meetings.meeting(self.meeting_id)
        suggested = folder / f"agenda-{meeting.date.isoformat()}.pdf"
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the agenda", str(suggested), "PDF files (*.pdf)")
        if not chosen:
            return
        settings.setValue("print/folder", str(Path(chosen).parent))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.book.documents.print_document("agenda", self.meeting_id, Path(chosen))
        except (QuorumError, OSError) as error:
            QMessageBox.warning(self, "The agenda was not saved", str(error))
        finally:
            QApplication.restoreOverrideCursor()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Up / Ctrl+Down move the chosen item, Delete removes it, while the table has the keyboard."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress and self.table.state() != \
                QAbstractItemView.State.EditingState:
            key_event: QKeyEvent = event
            control = key_event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if control and key_event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_chosen(-1 if key_event.key() == Qt.Key.Key_Up else 1)
                return True
            if key_event.key() == Qt.Key.Key_Delete and not key_event.modifiers():
                self.remove_chosen()
                return True
        return super().eventFilter(watched, event)

    def _apply(self, edit, *args, **kwargs):
        """Run one service call through the session; a refusal is shown in plain words, not raised."""
        try:
            result = self.session.apply(edit, *args, **kwargs)
        except QuorumError as error:
            self.item_problem.setText(str(error))
            return None
        return result if result is not None else True

    def done(self, result: int) -> None:
        """Closing keeps what was typed about the chosen item (nothing is lost by closing), then stops listening."""
        if self.chosen_id and self.model.row_of(self.chosen_id) >= 0 and self._unsaved(self.chosen_id):
            self.save_item(self.chosen_id)
        if self._listening:
            self.session.changed.disconnect(self._on_changed)
            self._listening = False
        super().done(result)


# -- small builders ------------------------------------------------------------------------------


def _button(text: str, tip: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setAutoDefault(False)  # Enter in a text box must not press a button (Close, Remove) by surprise
    button.clicked.connect(slot)
    return button


def _buddy(text: str, widget: QWidget, wrap: bool = True) -> QLabel:
    """``wrap``: a long caption wraps; a form's short label does not, since at 200% a label given just its
    own width can break its last word onto a second line its row has no room for ("Presented" / "by")."""
    label = QLabel(text)
    label.setBuddy(widget)
    label.setWordWrap(wrap)
    return label


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _text_box(name: str, placeholder: str) -> QPlainTextEdit:
    box = LinesBox(most=5)
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    return box
