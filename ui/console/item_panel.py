"""The middle of the console: the current item's notes, motions and actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import asks, model
from ui.empty_state import show_when_empty
from ui.flow_layout import FlowLayout
from ui.forms import LinesBox
from ui.models.actions import ANSWER_COLUMN, ActionsModel
from ui.models.motions import MotionsModel
from ui.rich_text import markup
from ui.tables import read_only_table

SAVE_AFTER_MS = 600  # notes are saved this long after the last keystroke, and on leaving the item


class ItemPanel(QWidget):
    notes_changed = Signal(str, str)  # item id, text: save me
    motion_requested = Signal()
    vote_requested = Signal()
    action_requested = Signal()
    election_requested = Signal()
    approve_requested = Signal()
    arising_status_requested = Signal(object, str)  # Action, status

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.item: model.AgendaItem | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("ItemTitle")
        self.title.setAccessibleName("Current item")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.notes = LinesBox(least=3)  # room for three lines, even at a text size chosen mid-meeting
        self.notes.setAccessibleName("Notes for this item")
        self.notes.setPlaceholderText("Notes for the minutes: what was said, by whom, what was agreed (Ctrl+J)")
        self.notes.textChanged.connect(self._typed)
        self.parts = QSplitter(Qt.Orientation.Vertical)  # notes above the decisions; the chair may drag the line
        self.parts.setChildrenCollapsible(False)
        layout.addWidget(self.parts, 1)
        self.parts.addWidget(self.notes)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save_notes)
        self.arising_model = ActionsModel(self)
        self.arising = read_only_table(self.arising_model, "Open actions from earlier meetings", stretch=(0, 4), wrapped=True)
        show_when_empty(self.arising, "No open actions from earlier meetings.")
        self.arising_section = self._section("Earlier actions", self.arising, [
            ("Mark &done", "The action was done", lambda: self._arising("done")),
            ("Carry &forward", "Still open: it stays on the list", lambda: self._arising("open")),
            ("Dro&p", "No longer needed", lambda: self._arising("dropped")),
            ("Note the landlord's ans&wer", "Add the landlord's answer to the notes, so the minutes record it",
             self.note_answer),
        ])
        self.motions_model = MotionsModel(self)
        self.motions = read_only_table(self.motions_model, "Motions on this item", stretch=(0, 2), wrapped=True)
        self.motions.activated.connect(self._motion_activated)
        self.motions.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.motions.customContextMenuRequested.connect(self._motion_menu)
        show_when_empty(self.motions, "No motions on this item yet (new motion: Ctrl+M).")
        self.motions_section = self._section("Motions", self.motions, [
            ("New mo&tion…", "Put a motion to the meeting (Ctrl+M)", self.motion_requested.emit),
            ("Re&cord vote…", "Enter the vote on the chosen motion (Ctrl+Shift+V)", self.vote_requested.emit),
            ("Electio&n…", "Candidates and votes for a post (Ctrl+E)", self.election_requested.emit),
            ("Approve la&st minutes…", "Approve and lock the previous meeting's minutes", self.approve_requested.emit),
        ])
        self.actions_model = ActionsModel(self)
        self.actions = read_only_table(self.actions_model, "Actions from this item", stretch=(0, 4), wrapped=True)
        show_when_empty(self.actions, "No actions from this item yet (new action: Ctrl+T).")
        self.actions_section = self._section("Actions", self.actions, [
            ("New &action…", "Something to be done, by whom, by when (Ctrl+T)", self.action_requested.emit),
        ])
        self.sections = (self.arising_section, self.motions_section, self.actions_section)
        for section in self.sections:
            self.parts.addWidget(section)
        self.decision_tabs = QTabWidget()  # the sections as tabs, when the text is large for the screen
        self.decision_tabs.setAccessibleName("Decisions on this item")
        self.decision_tabs.tabBar().setAccessibleName("Decisions on this item")
        self.decision_tabs.hide()
        self.compacted = False
        self.parts.addWidget(self.decision_tabs)
        for index, stretch in enumerate((3, 2, 2, 1, 3)):  # notes, earlier actions, motions, actions, tabs
            self.parts.setStretchFactor(index, stretch)

    def _section(self, heading: str, table, buttons) -> QWidget:
        section = QWidget()
        column = QVBoxLayout(section)
        column.setContentsMargins(0, 0, 0, 0)
        label = QLabel(f"<b>{heading}</b>")
        label.setObjectName("SectionHeading")
        column.addWidget(label)
        column.addWidget(table, 1)
        column.addLayout(self._button_row(buttons))
        section.setObjectName(heading)
        return section

    def compact(self, on: bool) -> None:
        """Large text on a small screen: earlier actions, motions and actions become tabs, each with room."""
        if on == self.compacted:
            return
        self.compacted = on
        for section in self.sections:
            section.findChild(QLabel, "SectionHeading").setVisible(not on)
        if on:
            for section in self.sections:
                self.decision_tabs.addTab(section, section.objectName())
        else:
            self.decision_tabs.clear()
            self.arising_section.setParent(self)
            for position, section in enumerate(self.sections):
                self.parts.insertWidget(1 + position, section)
        self.decision_tabs.setVisible(on)
        self.parts.setStretchFactor(0, 1 if on else 3)  # as the window grows, the tabs take most of it
        self._show_sections()
        widget = self.parts  # its least height changed: each layout above keeps the old one until told
        while widget is not None and not widget.isWindow():
            widget.updateGeometry()
            widget = widget.parentWidget()
        if on:
            arising = self.item is not None and self.item.kind == "matters arising"
            self.decision_tabs.setCurrentWidget(self.arising_section if arising else self.motions_section)

    def resizeEvent(self, event) -> None:
        """As tabs, the decisions get the larger share: the notes scroll, a motion's wording should not."""
        super().resizeEvent(event)
        if self.compacted:
            sizes = self.parts.sizes()
            total = sum(sizes)
            if sizes[-1] < total * 3 // 5:
                self.parts.setSizes([total * 2 // 5, 0, 0, 0, total - total * 2 // 5])

    def _show_sections(self) -> None:
        arising = self.item is not None and self.item.kind == "matters arising"
        if self.compacted:  # the earlier actions' tab is there only for matters arising
            tabs = self.decision_tabs
            if arising and tabs.indexOf(self.arising_section) < 0:
                tabs.insertTab(0, self.arising_section, self.arising_section.objectName())
            elif not arising and tabs.indexOf(self.arising_section) >= 0:
                tabs.removeTab(tabs.indexOf(self.arising_section))
            tabs.setTabText(tabs.indexOf(self.motions_section), f"Motions ({self.motions_model.rowCount()})")
            tabs.setTabText(tabs.indexOf(self.actions_section), f"Actions ({self.actions_model.rowCount()})")
        else:
            self.arising_section.setVisible(arising)

    def _button_row(self, buttons) -> FlowLayout:
        row = FlowLayout()  # wraps rather than widening the console when the text is large
        for text, tip, slot in buttons:
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
            row.addWidget(button)
        return row

    # -- showing --------------------------------------------------------------------------------

    def show_item(self, item: model.AgendaItem, arising: list[model.Action]) -> None:
        self.save_notes()
        self.item = item
        presenter = f" — {item.presenter}" if item.presenter else ""
        self.title.setText(f"<h2 style='margin:0'>{item.position}. {markup(item.title)}{markup(presenter)}</h2>")
        self.notes.blockSignals(True)
        self.notes.setPlainText(item.notes)
        self.notes.blockSignals(False)
        is_arising = item.kind == "matters arising"
        self._show_sections()
        if self.compacted:
            self.decision_tabs.setCurrentWidget(self.arising_section if is_arising else self.motions_section)
        self.arising_model.load(arising if is_arising else [])
        _answers_only_for_asks(self.arising)

    def show_decisions(self, motions: list[model.Motion], actions: list[model.Action], names: dict[str, str]) -> None:
        item_id = self.item.id if self.item else None
        self.motions_model.load([m for m in motions if m.agenda_item_id == item_id], names)
        self.actions_model.load([a for a in actions if a.agenda_item_id == item_id])
        self.motions.resizeRowsToContents()
        _answers_only_for_asks(self.actions)
        self._show_sections()
        undecided = [r for r in range(self.motions_model.rowCount()) if not self.motions_model.motion_at(r).decided]
        if undecided:
            self.motions.selectRow(undecided[0])

    def chosen_motion(self) -> model.Motion | None:
        rows = self.motions.selectionModel().selectedRows()
        if rows:
            return self.motions_model.motion_at(rows[0].row())
        undecided = [self.motions_model.motion_at(r) for r in range(self.motions_model.rowCount())
                     if not self.motions_model.motion_at(r).decided]
        return undecided[0] if undecided else None

    def _motion_activated(self, index) -> None:
        """Enter or a double-click on a motion not yet voted on records its vote."""
        if not self.motions_model.motion_at(index.row()).decided:
            self.vote_requested.emit()

    def _motion_menu(self, point) -> None:
        index = self.motions.indexAt(point)
        menu = QMenu(self.motions)
        vote = menu.addAction("Record the &vote…", self.vote_requested.emit)
        vote.setEnabled(index.isValid() and not self.motions_model.motion_at(index.row()).decided)
        menu.addAction("New &motion…", self.motion_requested.emit)
        menu.popup(self.motions.viewport().mapToGlobal(point))

    # -- notes ----------------------------------------------------------------------------------

    def _typed(self) -> None:
        self._save_timer.start()

    def save_notes(self) -> None:
        """Save now if anything is waiting; called on a pause in typing, on leaving the item and on close."""
        self._save_timer.stop()
        if self.item is not None and self.notes.toPlainText() != self.item.notes:
            self.item.notes = self.notes.toPlainText()
            self.notes_changed.emit(self.item.id, self.item.notes)

    def note_answer(self) -> None:
        """Put the chosen ask's answer into the notes, where the chair can add to it; saved like typing."""
        rows = self.arising.selectionModel().selectedRows()
        action = self.arising_model.action_at(rows[0].row()) if rows else None
        if action is None or not (action.ask_of_landlord and action.answer_status):
            return
        sentence = asks.noted_sentence(action)
        if sentence not in self.notes.toPlainText():
            self.notes.appendPlainText(("\n" if self.notes.toPlainText().strip() else "") + sentence)

    def _arising(self, status: str) -> None:
        rows = self.arising.selectionModel().selectedRows()
        if rows:
            self.arising_status_requested.emit(self.arising_model.action_at(rows[0].row()), status)


def _answers_only_for_asks(table) -> None:
    """The landlord's answer column only when an action is an ask of the landlord: empty, it took half the
    width the actions' own words had, and at large text they wrapped a word to a line."""
    actions = table.model()
    asked = any(actions.action_at(row).ask_of_landlord for row in range(actions.rowCount()))
    table.setColumnHidden(ANSWER_COLUMN, not asked)
    table.resizeRowsToContents()


__all__ = ["ItemPanel"]
