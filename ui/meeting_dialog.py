"""Planning a meeting: kind, date, time and venue, with a plain warning when notice is too short."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app import model
from app.errors import QuorumError
from app.words import weekday_date
from ui.forms import name_buttons
from ui.session import Session

KINDS = (
    ("general", "General meeting"),
    ("committee", "Committee meeting"),
    ("annual general", "Annual general meeting (AGM)"),
    ("special general", "Special general meeting"),
)


def plan_meeting(session: Session, today: date | None = None, parent: QWidget | None = None,
                 then_edit_agenda: bool = True) -> PlanMeetingDialog:
    """Ask for the details; once planned, open the new meeting's agenda to prepare it."""
    dialog = PlanMeetingDialog(session, today, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.then_edit_agenda = then_edit_agenda
    dialog.open()
    return dialog


class PlanMeetingDialog(QDialog):
    """On Plan, the meeting is saved as a draft with the standard agenda for its kind."""

    def __init__(self, session: Session, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.today = today or date.today()
        self.meeting: model.Meeting | None = None
        self.then_edit_agenda = False
        earlier = session.book.meetings.meetings()
        self.setWindowTitle("Plan a meeting")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of meeting")
        for key, label in KINDS:
            self.kind.addItem(label, key)
        form.addRow(_label("&Kind of meeting", self.kind), self.kind)
        self.date = QDateEdit()
        self.date.setAccessibleName("Date")
        # Numbers only, so typing 29/12/2026 runs from day to month to year; the day's name is shown below.
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setCalendarPopup(True)
        self.date.setCurrentSectionIndex(0)
        first = self.today + timedelta(days=14)
        self.date.setDate(QDate(first.year, first.month, first.day))
        self.day_name = QLabel()
        self.day_name.setAccessibleName("Date in words")
        date_cell = QVBoxLayout()
        date_cell.setSpacing(2)
        date_cell.addWidget(self.date)
        date_cell.addWidget(self.day_name)
        form.addRow(_label("&Date", self.date), date_cell)
        self.time = QTimeEdit(QTime.fromString(earlier[-1].time if earlier else "19:00", "HH:mm"))
        self.time.setAccessibleName("Start time")
        self.time.setDisplayFormat("HH:mm")
        form.addRow(_label("&Time", self.time), self.time)
        venues = sorted({m.venue for m in earlier if m.venue})
        self.venue = QLineEdit(earlier[-1].venue if earlier else "")
        self.venue.setAccessibleName("Venue")
        self.venue.setPlaceholderText("Where: a community hall, a church hall, a flat")
        self.venue.setCompleter(QCompleter(venues, self.venue))
        form.addRow(_label("&Venue", self.venue), self.venue)
        layout.addLayout(form)
        self.notice = QLabel()
        self.notice.setAccessibleName("Notice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.notice)
        self.problem = QLabel()
        self.problem.setAccessibleName("Problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.plan_button = QPushButton("&Plan meeting")
        self.plan_button.setAccessibleName("Plan meeting")
        buttons.addButton(self.plan_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.plan)
        buttons.rejected.connect(self.reject)
        layout.addWidget(name_buttons(buttons))
        self.plan_button.setDefault(True)  # only once inside the dialog, or Enter would press Cancel
        self.kind.currentIndexChanged.connect(self.show_notice)
        self.date.dateChanged.connect(self.show_notice)
        self.setMinimumWidth(520)
        self.show_notice()

    def chosen_date(self) -> date:
        chosen = self.date.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def show_notice(self) -> None:
        """What notice the constitution asks for, and a warning when the date is too soon."""
        kind, on = self.kind.currentData(), self.chosen_date()
        self.day_name.setText(weekday_date(on))
        book = self.session.book
        warning = book.meetings.notice_warning(model.Meeting(kind=kind, date=on), self.today)
        days = book.meetings.notice_days(kind, on)
        if on < self.today:
            self.notice.setText("<b>⚠ This date has already passed.</b>")
        elif warning:
            self.notice.setText(f"<b>⚠ Not enough notice.</b> {warning} Choose a later date, or make sure "
                                "the constitution allows it.")
        elif days:
            send_by = weekday_date(on - timedelta(days=days))
            self.notice.setText(f"The constitution needs {days} days' notice: send the notice to members "
                                f"by {send_by}.")
        else:
            self.notice.setText("The constitution sets no notice period for this kind of meeting.")

    def plan(self) -> None:
        try:
            planned = self.session.apply(self.session.book.meetings.plan_meeting, self.kind.currentData(),
                                         self.chosen_date(), self.time.time().toString("HH:mm"),
                                         " ".join(self.venue.text().split()))
            self.meeting = self.session.book.meetings.meeting(planned.id)
        except QuorumError as error:
            self.problem.setText(str(error))
            return
        self.accept()
        if self.then_edit_agenda:
            from ui.agenda_editor import open_agenda_editor

            open_agenda_editor(self.session, self.meeting.id, self.parentWidget(), self.today)


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
