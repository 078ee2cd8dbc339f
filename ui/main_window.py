"""The main window: the association at a glance and its meetings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services import Changes
from app.words import plural
from ui.appearance import add_view_menu
from ui.guide import guide_action
from ui.head_office import HeadOffice
from ui.meetings_page import MeetingsPage
from ui.members_page import MembersPage
from ui.rich_text import markup
from ui.save_copy import save_everything
from ui.session import Session


class MainWindow(QMainWindow):
    """Title, headline numbers, the next meeting and every meeting held."""

    new_requested = Signal()
    open_requested = Signal()
    backup_requested = Signal()
    restore_requested = Signal()
    demo_requested = Signal()

    def __init__(self, session: Session, today: date | None = None) -> None:
        super().__init__()
        self.session = session
        self.today = today or date.today()
        self.setObjectName("MainWindow")
        self._build()
        self._menus()
        self.head_office = HeadOffice(session, self)
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
        self.tabs.tabBar().setAccessibleName("Sections")
        self.meetings_page = MeetingsPage(self.session, self.today)
        self.meetings_page.run_requested.connect(self.run_meeting)
        self.console = None
        self.tabs.addTab(self.meetings_page, "&Meetings")
        self.members_page = MembersPage(self.session)
        self.tabs.addTab(self.members_page, "Mem&bers")
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.statusBar()

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New association…", QKeySequence.StandardKey.New, self.new_requested.emit)
        self._action(file_menu, "&Open association…", QKeySequence.StandardKey.Open, self.open_requested.emit)
        file_menu.addSeparator()
        self._action(file_menu, "&Back up now", QKeySequence("Ctrl+B"), self.backup_requested.emit)
        self._action(file_menu, "&Restore from a backup…", None, self.restore_requested.emit)
        self._action(file_menu, "Save everything to a ne&w place…", None,
                     lambda: save_everything(self, self.session.book))
        self._action(file_menu, "&Association and rules…", QKeySequence("Ctrl+,"), self._settings)
        self._action(file_menu, "&History of changes…", QKeySequence("Ctrl+H"), self._history)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence("Ctrl+Q"), self.close)  # Windows has no standard key
        add_view_menu(self)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(guide_action(self))
        self._action(help_menu, "&Practise with the demo association", None, self.demo_requested.emit)
        help_menu.addSeparator()
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
        self.title.setText(f"<h1 style='margin:0'>{markup(association.name)}</h1>")
        members = book.members()
        meetings = book.meetings()
        open_actions = [a for a in book.actions() if a.status == "open"]
        area = f"{association.area} · " if association.area else ""
        self.summary.setText(
            f"{markup(area)}{plural(len(members), 'member')} · {plural(len(meetings), 'meeting')} · "
            f"{plural(len(open_actions), 'open action')}"
        )

    def run_meeting(self, meeting) -> None:
        """Open the live console; a planned meeting is opened (and backed up) first."""
        from app.errors import QuorumError
        from ui.console.window import ConsoleWindow

        if self.console is not None and self.console.isVisible():
            self.console.raise_()
            self.console.activateWindow()
            return
        try:
            if meeting.status == "draft":
                self.session.apply(self.session.book.open_meeting, meeting.id)
        except (QuorumError, OSError) as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "The meeting could not be opened", str(error))
            return
        self.console = ConsoleWindow(self.session, meeting.id, self.today)
        self.console.closed_meeting.connect(lambda _id: self.head_office.sync_now(quiet=True))
        self.console.showMaximized()

    def check_approved_minutes(self) -> list[str]:
        """Tell the chair if an approved record was changed outside Quorum (its hash no longer holds)."""
        if not self.session.is_open:  # another association was opened meanwhile
            return []
        altered = self.session.book.altered_minutes()
        if altered:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Warning, "Approved minutes were changed",
                              "The approved minutes of " + ", ".join(altered) + " were changed outside Quorum "
                              "after they were approved. The printed, signed copy is the true record; a backup "
                              "from before the change can be restored from the File menu.",
                              QMessageBox.StandardButton.Ok, self)
            box.open()
        return altered

    def resume_open_meeting(self) -> None:
        """After a crash or a closed laptop lid, go straight back to a meeting still in progress."""
        open_meetings = self.session.book.open_meetings()
        if open_meetings:
            self.run_meeting(open_meetings[-1])

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("association", "member", "meeting", "action", "any"):
            self.refresh()

    def _settings(self) -> None:
        from ui.settings_dialog import open_settings  # loaded when first opened, not at start-up

        open_settings(self.session, self, self.today)

    def _history(self) -> None:
        from ui.history_dialog import HistoryDialog

        HistoryDialog(self.session, self).open()

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
        if self.console is not None:
            self.console.close()
        super().closeEvent(event)
