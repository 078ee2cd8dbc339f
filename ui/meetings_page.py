"""The meetings tab: the next meeting at a glance, and every meeting held or planned."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import model
from app.services import Changes
from app.words import weekday_date
from ui.models.meetings import MeetingsModel
from ui.session import Session


class MeetingsPage(QWidget):
    run_requested = Signal(object)  # Meeting

    def __init__(self, session: Session, today: date, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.today = today
        self.model = MeetingsModel(self)
        layout = QVBoxLayout(self)
        self.next_meeting = QLabel()
        self.next_meeting.setObjectName("NextMeeting")
        self.next_meeting.setAccessibleName("Next meeting")
        self.next_meeting.setWordWrap(True)
        self.next_meeting.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.next_meeting)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Meetings")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.buttons = QHBoxLayout()
        self.run_button = self._button("&Run this meeting", "Open the live meeting console (Ctrl+R)",
                                       self._run_chosen)
        self._button("&Plan a meeting…", "Plan a new meeting with the standard agenda for its kind", self._plan)
        self._button("Edit &agenda…", "Prepare the chosen meeting: agenda, motions, apologies and proxies",
                     self._edit_agenda)
        self.buttons.addStretch(1)
        layout.addLayout(self.buttons)
        session.changed.connect(self._on_changed)
        self.refresh()

    def _plan(self):
        from ui.meeting_dialog import plan_meeting  # dialogs load when first opened, not at start-up

        return plan_meeting(self.session, self.today, self)

    def _edit_agenda(self):
        from ui.agenda_editor import open_agenda_editor

        return self.chosen() and open_agenda_editor(self.session, self.chosen().id, self, self.today)

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def refresh(self) -> None:
        chosen = self.chosen()
        meetings = self.session.book.meetings()
        self.model.load(meetings, self.today)
        self._show_next_meeting(meetings)
        row = next((r for r in range(self.model.rowCount()) if chosen and self.model.meeting_at(r).id == chosen.id), 0)
        if self.model.rowCount():
            self.table.selectRow(row)

    def chosen(self) -> model.Meeting | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.meeting_at(rows[0].row()) if rows else None

    def _show_next_meeting(self, meetings: list[model.Meeting]) -> None:
        book = self.session.book
        upcoming = sorted((m for m in meetings if m.date >= self.today and m.status != "closed"),
                          key=lambda m: (m.date, m.time))
        if not upcoming:
            self.next_meeting.setText("<p><b>No meeting planned yet.</b> Plan the next one to prepare its agenda "
                                      "and print the notice.</p>")
            return
        meeting = upcoming[0]
        apologies = sum(1 for a in book.attendance(meeting.id) if a.kind == "apology")
        warning = book.notice_warning(meeting, self.today)
        text = (f"<p><b>Next meeting:</b> {meeting.heading}, {weekday_date(meeting.date)} at {meeting.time}"
                f"{', ' + _escape(meeting.venue) if meeting.venue else ''}. "
                f"{apologies} {'apology' if apologies == 1 else 'apologies'} so far.</p>")
        if warning:
            text += f"<p><b>Notice:</b> {warning}</p>"
        self.next_meeting.setText(text)

    def _run_chosen(self) -> None:
        meeting = self.chosen()
        if meeting is not None and meeting.status != "closed":
            self.run_requested.emit(meeting)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("meeting", "attendance", "agenda_item", "minutes", "any"):
            self.refresh()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
