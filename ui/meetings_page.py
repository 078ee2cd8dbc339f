"""The meetings tab: the next meeting at a glance, and every meeting held or planned."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import model
from app.services import Changes
from app.words import plural, weekday_date
from ui.empty_state import EmptyState
from ui.models.meetings import COLUMNS, MeetingsModel
from ui.rich_text import markup
from ui.session import Session
from ui.tables import ROWS_MEASURED, remember_columns

VENUE = COLUMNS.index("Venue")  # the column that takes the spare width


class MeetingsPage(QWidget):
    run_requested = Signal(object)  # Meeting

    def __init__(self, session: Session, today: date, parent=None, meetings: list[model.Meeting] | None = None) -> None:
        """``meetings``: every meeting, when read already (off the GUI thread at start-up)."""
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
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next control; the arrow keys move within the table
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(ROWS_MEASURED)  # not ten years of meetings: see ui/tables.py
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(VENUE, QHeaderView.ResizeMode.Stretch)
        # widths from the last time, so the first layout measures no rows; else measured once, when filled
        self._columns_sized = remember_columns(self.table, "meetings", self._fit_columns)
        layout.addWidget(self.table, 1)
        self.empty = EmptyState(
            "No meetings yet",
            "Plan your first meeting: Quorum fills in the usual agenda for its kind and tells you how much "
            "notice your constitution needs.",
            [("&Plan a meeting…", "Plan a new meeting with the standard agenda for its kind", self._plan)])
        layout.addWidget(self.empty, 1)
        self.buttons = QHBoxLayout()
        self.run_button = self._button("&Run this meeting", "Open the live meeting console (Ctrl+R)",
                                       self._run_chosen)
        QShortcut(QKeySequence("Ctrl+R"), self, self._run_chosen)  # as the button's tip says, from anywhere on the tab
        self._button("&Plan a meeting…", "Plan a new meeting with the standard agenda for its kind", self._plan)
        self._button("Edit &agenda…", "Prepare the chosen meeting: agenda, motions, apologies and proxies",
                     self._edit_agenda)
        self._button("&Documents…", "Preview, print or save the chosen meeting's minutes, agenda, sign-in sheet, "
                     "ballot slips, action list or the landlord's yearly pack", self._documents)
        self._button("&Summary for members…", "A plain-English summary of the chosen meeting once it has "
                     "closed: a poster, a short text for a group chat, and a page members open from a QR code",
                     self._digest)
        self.buttons.addStretch(1)
        layout.addLayout(self.buttons)
        session.changed.connect(self._on_changed)
        self.refresh(meetings)

    def _plan(self):
        from ui.meeting_dialog import plan_meeting  # dialogs load when first opened, not at start-up

        return plan_meeting(self.session, self.today, self)

    def _edit_agenda(self):
        from ui.agenda_editor import open_agenda_editor

        return self.chosen() and open_agenda_editor(self.session, self.chosen().id, self, self.today)

    def _documents(self):
        from ui.documents_dialog import open_documents

        return self.chosen() and open_documents(self.session, self.chosen().id, self, self.today)

    def _digest(self):
        from PySide6.QtWidgets import QMessageBox

        from ui.digest_dialog import open_digest

        meeting = self.chosen()
        if meeting is None or meeting.status != "closed":
            QMessageBox.information(self, "Summary for members", "The summary for members is written once the "
                                    "meeting has closed; choose a meeting that has been held.")
            return None
        return open_digest(self.session, meeting.id, self.today, self)

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def refresh(self, meetings: list[model.Meeting] | None = None) -> None:
        chosen = self.chosen()
        meetings = self.session.book.meetings.meetings() if meetings is None else meetings
        self.model.load(meetings, self.today)
        self._show_next_meeting(meetings)
        self._show_empty(not meetings)
        row = next((r for r in range(self.model.rowCount()) if chosen and self.model.meeting_at(r).id == chosen.id), 0)
        if self.model.rowCount():
            self.table.selectRow(row)
        if not self._columns_sized and self.model.rowCount():  # once; after that the widths are kept
            self._columns_sized = True
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column as wide as its words in the rows near the top; the venue takes the rest."""
        for column in range(self.model.columnCount()):
            if column != VENUE:
                self.table.resizeColumnToContents(column)

    def _show_empty(self, empty: bool) -> None:
        """No meetings at all: one button to plan the first, instead of an empty table and idle buttons."""
        self.empty.setVisible(empty)
        for widget in (self.next_meeting, self.table, *(self.buttons.itemAt(i).widget()
                                                        for i in range(self.buttons.count()))):
            if widget is not None:
                widget.setVisible(not empty)

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
        apologies = sum(1 for a in book.door.attendance(meeting.id) if a.kind == "apology")
        warning = book.meetings.notice_warning(meeting, self.today)
        text = (f"<p><b>Next meeting:</b> {markup(meeting.heading)}, {weekday_date(meeting.date)} at {meeting.time}"
                f"{', ' + markup(meeting.venue) if meeting.venue else ''}. "
                f"{plural(apologies, 'apology', 'apologies')} so far.</p>")
        if warning:
            text += f"<p><b>Notice:</b> {warning}</p>"
        self.next_meeting.setText(text)

    def _run_chosen(self) -> QMessageBox | None:
        """Run the chosen meeting; say why not for one already held, and ask first for one planned
        for another day (the date on the notice is what members were told)."""
        meeting = self.chosen()
        if meeting is None:
            return None
        title = f"{meeting.heading} of {weekday_date(meeting.date)}"
        if meeting.status == "closed":
            return self._tell("This meeting has been held", f"The {title} has been held and closed, so it cannot "
                              "be run again. Its minutes are under Documents…; for another meeting, choose Plan a "
                              "meeting….")
        if meeting.status == "draft" and meeting.date != self.today:
            when = "was" if meeting.date < self.today else "is"
            box = self._tell("Start this meeting today?", f"The {title} {when} planned for "
                             f"{weekday_date(meeting.date)}, not today ({weekday_date(self.today)}). Start it now "
                             "anyway? Members were given notice of the date planned.",
                             QMessageBox.Icon.Question, QMessageBox.StandardButton.Cancel)
            start = box.addButton("Start it &now", QMessageBox.ButtonRole.AcceptRole)
            box.buttonClicked.connect(lambda button: button is start and self.run_requested.emit(meeting))
            return box
        self.run_requested.emit(meeting)
        return None

    def _tell(self, title: str, text: str, icon=QMessageBox.Icon.Information,
              buttons=QMessageBox.StandardButton.Ok) -> QMessageBox:
        box = QMessageBox(icon, title, text, buttons, self)
        box.setObjectName("RunQuestion")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("meeting", "attendance", "agenda_item", "minutes", "any"):
            self.refresh()
