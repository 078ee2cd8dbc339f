"""The main window: the association at a glance and its meetings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services import Changes
from app.words import weekday_date
from ui.members_page import MembersPage
from ui.models.meetings import MeetingsModel
from ui.session import Session


class MainWindow(QMainWindow):
    """Title, headline numbers, the next meeting and every meeting held."""

    new_requested = Signal()
    open_requested = Signal()
    backup_requested = Signal()
    restore_requested = Signal()

    def __init__(self, session: Session, today: date | None = None) -> None:
        super().__init__()
        self.session = session
        self.today = today or date.today()
        self.setObjectName("MainWindow")
        self.meetings_model = MeetingsModel(self)
        self._build()
        self._menus()
        session.changed.connect(self._on_changed)
        self.refresh()
        self._restore_geometry()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        self.title = QLabel()
        self.title.setObjectName("AssociationName")
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Association name")
        self.summary = QLabel()
        self.summary.setAccessibleName("Association summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Sections")
        self.tabs.addTab(self._meetings_page(), "&Meetings")
        self.members_page = MembersPage(self.session)
        self.tabs.addTab(self.members_page, "Mem&bers")
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.statusBar()

    def _meetings_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.next_meeting = QLabel()
        self.next_meeting.setObjectName("NextMeeting")
        self.next_meeting.setAccessibleName("Next meeting")
        self.next_meeting.setWordWrap(True)
        self.next_meeting.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.next_meeting)
        self.meetings_view = QTableView()
        self.meetings_view.setModel(self.meetings_model)
        self.meetings_view.setAccessibleName("Meetings")
        self.meetings_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.meetings_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.meetings_view.setAlternatingRowColors(True)
        self.meetings_view.verticalHeader().hide()
        header = self.meetings_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.meetings_view, 1)
        return page

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New association…", QKeySequence.StandardKey.New, self.new_requested.emit)
        self._action(file_menu, "&Open association…", QKeySequence.StandardKey.Open, self.open_requested.emit)
        file_menu.addSeparator()
        self._action(file_menu, "&Back up now", QKeySequence("Ctrl+B"), self.backup_requested.emit)
        self._action(file_menu, "&Restore from a backup…", None, self.restore_requested.emit)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence("Ctrl+Q"), self.close)  # Windows has no standard key
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&About Quorum", None, self._about)

    def _action(self, menu, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # -- showing --------------------------------------------------------------------------------

    def refresh(self) -> None:
        book = self.session.book
        association = book.association()
        self.setWindowTitle(f"{association.name} — Quorum")
        self.title.setText(f"<h1 style='margin:0'>{_escape(association.name)}</h1>")
        members = book.members()
        meetings = book.meetings()
        open_actions = [a for a in book.actions() if a.status == "open"]
        area = f"{association.area} · " if association.area else ""
        self.summary.setText(
            f"{_escape(area)}{len(members)} members · {len(meetings)} meetings · {len(open_actions)} open actions"
        )
        self.meetings_model.load(meetings, self.today)
        self._show_next_meeting(meetings)

    def _show_next_meeting(self, meetings) -> None:
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

    def _on_changed(self, changes: Changes) -> None:
        self.refresh()

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from app import __version__

        QMessageBox.about(self, "About Quorum",
                          f"<p><b>Quorum {__version__}</b></p><p>Meetings, minutes and members for tenants' and "
                          "residents' associations, on your laptop, with or without the internet.</p>")

    # -- geometry -------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = QSettings().value("main_window/geometry")
        if isinstance(saved, QByteArray) and self.restoreGeometry(saved):
            return
        screen = self.screen().availableGeometry()
        width, height = min(1200, int(screen.width() * 0.92)), min(760, int(screen.height() * 0.9))
        self.setGeometry(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2,
                         width, height)

    def closeEvent(self, event) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
