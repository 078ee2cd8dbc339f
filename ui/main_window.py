"""The main window: the association at a glance and its meetings.

It is drawn in two steps, so that a chair sees it at once whatever the size of the association:
``MainWindow(name=...)`` is the skeleton (the association's name, the tabs saying what they will
hold, the menus), built from nothing but Qt straight after Qt has loaded; ``attach(session)``,
``show_meetings()`` and ``show_members()`` then fill it, each on its own turn of the event loop
(ui/application.py). Given a session, the window is filled at once (tests, and opening another file).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6 import QtCore, QtGui
from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.appearance import add_view_menu
from ui.rich_text import markup

if TYPE_CHECKING:  # the front door loads after the first paint (ui/application.py)
    from datetime import date

    from PySide6.QtGui import QAction

    from app.services import Changes
    from ui.session import Session

# Qt's classes the skeleton does not draw (QAction, QKeySequence, QByteArray) are named by attribute
# where they are used: PySide6 builds each class it is asked for, with all its enums, on the spot.

OPENING = "Opening…"


def summary_line(association, members: int, meetings: int, open_actions: int) -> str:
    from app.words import plural  # with the numbers, after the first paint

    area = f"{association.area} · " if association.area else ""
    return (f"{markup(area)}{plural(members, 'member')} · {plural(meetings, 'meeting')} · "
            f"{plural(open_actions, 'open action')}")


class Headline(NamedTuple):
    """What the line under the association's name says, but for the members (counted from the register)."""

    association: object  # app.model.Association
    meetings: int
    open_actions: int

    @classmethod
    def read(cls, book, meetings: list | None = None) -> Headline:
        """Off the GUI thread at start-up (ten years of actions take a while); ``meetings`` if read already."""
        meetings = book.meetings.meetings() if meetings is None else meetings
        return cls(book.association(), len(meetings), sum(1 for a in book.actions.actions() if a.status == "open"))


def _altered_minutes(path) -> list[str]:
    """On a worker thread, with a read-only connection of its own beside the window's (the one writer)."""
    from app.services import AssociationFile

    with AssociationFile.open(path, read_only=True) as book:
        return book.minutes.altered_minutes()


class _Waiting(QWidget):
    """A tab's place while its contents load: one quiet line, where the list will be."""

    def __init__(self, text: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        label = QLabel(text)
        label.setAccessibleName(text)
        label.setEnabled(False)  # drawn in the look's muted text colour
        row = QHBoxLayout()  # centred by stretches: Qt's alignment names take a while to load
        row.addStretch(1)
        row.addWidget(label)
        row.addStretch(1)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    """Title, headline numbers, the next meeting and every meeting held."""

    new_requested = Signal()
    open_requested = Signal()
    backup_requested = Signal()
    restore_requested = Signal()
    demo_requested = Signal()
    painted = Signal()  # the first time: the chair sees the window, and the rest may load
    loaded = Signal()  # the meetings list and the register are in: the window is whole

    def __init__(self, session: Session | None = None, today: date | None = None, name: str = "") -> None:
        super().__init__()
        self.session = session
        self._today = today
        self.console = None
        self.console_ahead = None  # ui.console.ahead.ConsoleAhead, once loaded
        self.head_office = None
        self.meetings_page = None
        self.members_page = None
        self._members_count: int | None = None
        self.was_painted = False
        self._saved_geometry = None
        self.setObjectName("MainWindow")
        self._build()
        self._menus()
        self.show_name(name or (session.book.association().name if session else ""))
        self._restore_geometry()
        self.loaded.connect(self._build_console_ahead)
        if session is not None:
            self.fill_menus()
            self.attach(session)
            self.show_meetings()
            self.show_members()
            self.loaded.emit()

    @property
    def today(self) -> date:
        """The day the window was opened on (or the tests' day); worked out when first needed, after the first
        paint, as ``datetime`` is one more module to load before it."""
        if self._today is None:
            from datetime import date

            self._today = date.today()
        return self._today

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        self.title = QLabel()
        self.title.setObjectName("AssociationName")
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Association name")
        self.summary = QLabel(OPENING)
        self.summary.setAccessibleName("Association summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Sections")
        self.tabs.tabBar().setAccessibleName("Sections")
        self.tabs.addTab(_Waiting("Opening the meetings…"), "&Meetings")
        self.tabs.addTab(_Waiting("Opening the register of members…"), "Mem&bers")
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.statusBar()

    def _put_in_tab(self, index: int, page: QWidget, label: str) -> None:
        """The loaded page takes the waiting one's place; the chair stays on the tab they chose."""
        current = self.tabs.currentIndex()
        waiting = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, label)
        self.tabs.setCurrentIndex(current)
        waiting.deleteLater()

    def _menus(self) -> None:
        """The menus' titles now, their commands with ``fill_menus``: setting the first shortcut loads all of
        Qt's names (a tenth of a second on an old laptop), which can wait until after the first paint."""
        self.file_menu = self.menuBar().addMenu("&File")
        self.help_menu = self.menuBar().addMenu("&Help")
        self._with_session: list[QAction] = []

    def fill_menus(self) -> None:
        for step in self.menu_steps():
            step()

    def menu_steps(self) -> list[Callable[[], object]]:
        """The menus' commands in three parts (File, View, Help), each short enough for one turn of the event
        loop while the association loads (ui/opening.py); none once they are there."""
        if self._with_session:  # filled already
            return []
        return [self._fill_file_menu, lambda: add_view_menu(self, before=self.help_menu.menuAction()),
                self._fill_help_menu]

    def _fill_file_menu(self) -> None:
        file_menu = self.file_menu
        QKeySequence = QtGui.QKeySequence  # after the first paint: see above
        self._action(file_menu, "&New association…", QKeySequence.StandardKey.New, self.new_requested.emit)
        self._action(file_menu, "&Open association…", QKeySequence.StandardKey.Open, self.open_requested.emit)
        file_menu.addSeparator()
        self._with_session = [  # offered once the association has loaded
            self._action(file_menu, "&Back up now", QKeySequence("Ctrl+B"), self.backup_requested.emit),
            self._action(file_menu, "&Restore from a backup…", None, self.restore_requested.emit),
            self._action(file_menu, "Save everything to a ne&w place…", None, self._save_everything),
            self._action(file_menu, "&Association and rules…", QKeySequence("Ctrl+,"), self._settings),
            self._action(file_menu, "&History of changes…", QKeySequence("Ctrl+H"), self._history),
        ]
        for action in self._with_session:
            action.setEnabled(self.session is not None)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence("Ctrl+Q"), self.close)  # Windows has no standard key

    def _fill_help_menu(self) -> None:
        from ui.guide import guide_action  # its dialog classes take a while to load: after the first paint

        help_menu = self.help_menu
        help_menu.addAction(guide_action(self))
        self._action(help_menu, "&Practise with the demo association", None, self.demo_requested.emit)
        help_menu.addSeparator()
        self._action(help_menu, "&About Quorum", None, self._about)

    def _action(self, menu, text: str, shortcut, slot) -> QAction:
        action = QtGui.QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def after_first_paint(self, then: Callable[[], None], patience_ms: int = 500) -> None:
        """``then`` once: as soon as the window has been painted, or after ``patience_ms`` should it not
        be painted (shown minimised, say), so that the association loads all the same."""
        asked: list[bool] = []

        def once() -> None:
            if not asked:
                asked.append(True)
                then()

        if self.was_painted:
            QTimer.singleShot(0, self, once)
            return
        self.painted.connect(once)
        QTimer.singleShot(patience_ms, self, once)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self.was_painted:
            self.was_painted = True
            QTimer.singleShot(0, self, self.painted.emit)  # after this paint has reached the screen

    # -- showing --------------------------------------------------------------------------------

    def show_name(self, name: str) -> None:
        self.setWindowTitle(f"{name} — Quorum" if name else "Quorum")
        self.title.setText(f"<h1 style='margin:0'>{markup(name)}</h1>")

    def attach(self, session: Session) -> None:
        """The association is open: the Head office menu, the numbers, and the File menu in full."""
        from ui.head_office import HeadOffice

        self.session = session
        self.head_office = HeadOffice(session, self)
        session.changed.connect(self._on_changed)
        for action in self._with_session:
            action.setEnabled(True)

    def show_meetings(self, page: QWidget | None = None) -> None:
        """The meetings list: ``page`` if built already (on an earlier turn of the event loop), else built now."""
        from ui.meetings_page import MeetingsPage

        self.meetings_page = page or MeetingsPage(self.session, self.today)
        self.meetings_page.run_requested.connect(self.run_meeting)
        self._put_in_tab(0, self.meetings_page, "&Meetings")

    def show_members(self, page: QWidget | None = None, headline: Headline | None = None) -> None:
        """The register: ``page`` if built already (from a register read off the GUI thread), else built now;
        ``headline``: the numbers under the name, if read already."""
        from ui.members_page import MembersPage

        self.members_page = page or MembersPage(self.session)
        self._put_in_tab(1, self.members_page, "Mem&bers")
        self.show_summary(self.members_page.model.total, headline)

    def refresh(self, recount: bool = True) -> None:
        """The name and the numbers; ``recount``: count the members again (not needed when only meetings or
        actions changed)."""
        count = self._members_count
        self.show_summary(len(self.session.book.register.members()) if recount or count is None else count)

    def show_summary(self, members: int, headline: Headline | None = None) -> None:
        """The name and the headline numbers; ``members`` is passed in, as reading 5,000 of them takes a while."""
        self._members_count = members
        association, meetings, open_actions = headline or Headline.read(self.session.book)
        self.show_name(association.name)  # the name shown first may be as remembered from the last start
        self.summary.setText(summary_line(association, members, meetings, open_actions))

    def run_meeting(self, meeting) -> None:
        """Open the live console; a planned meeting is opened (and backed up) first."""
        from app.errors import QuorumError
        from ui.console.window import ConsoleWindow

        if self.console is not None and self.console.isVisible():
            self.console.raise_()
            self.console.activateWindow()
            return
        try:
            if meeting.status in ("draft", "open"):  # an open one: its backup is made if Quorum stopped first
                self.session.apply(self.session.book.meetings.open_meeting, meeting.id)
        except (QuorumError, OSError) as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "The meeting could not be opened", str(error))
            return
        register = self.members_page.register() if self.members_page is not None else None
        ahead = self.console_ahead.take() if self.console_ahead is not None else None
        self.console = ConsoleWindow(self.session, today=self.today) if ahead is None else ahead
        self.console.show_meeting(meeting.id, register)
        self.console.closed_meeting.connect(lambda _id: self.head_office.sync_now(quiet=True))
        self.console.showMaximized()

    def _build_console_ahead(self) -> None:
        """Once loaded: the console's modules and widgets, built in idle time (ui/console/ahead.py)."""
        from ui.console.ahead import ConsoleAhead

        self.console_ahead = self.console_ahead or ConsoleAhead(self)
        self.console_ahead.later()

    def check_approved_minutes(self) -> list[str]:
        """Tell the chair if an approved record was changed outside Quorum (its hash no longer holds)."""
        if self.session is None or not self.session.is_open:  # another association was opened meanwhile
            return []
        altered = self.session.book.minutes.altered_minutes()
        self._warn_altered(altered)
        return altered

    def check_approved_minutes_in_background(self) -> None:
        """The same check, on a worker thread with its own connection: ten years of minutes take a while."""
        from ui.background import run_in_background

        path = self.session.book.path
        run_in_background(lambda: _altered_minutes(path), self._warn_altered, lambda _sentence: None, self)

    def _warn_altered(self, altered: list[str]) -> None:
        if altered:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Warning, "Approved minutes were changed",
                              "The approved minutes of " + ", ".join(altered) + " were changed outside Quorum "
                              "after they were approved. The printed, signed copy is the true record; a backup "
                              "from before the change can be restored from the File menu.",
                              QMessageBox.StandardButton.Ok, self)
            box.open()

    def resume_open_meeting(self) -> None:
        """After a crash or a closed laptop lid, go straight back to a meeting still in progress."""
        open_meetings = self.session.book.meetings.open_meetings()
        if open_meetings:
            self.run_meeting(open_meetings[-1])

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("association", "member", "meeting", "action", "any"):
            self.refresh(recount=changes.touches("member", "any"))

    def _save_everything(self) -> None:
        from ui.save_copy import save_everything

        save_everything(self, self.session.book)

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
        if saved is not None and isinstance(saved, QtCore.QByteArray) and self.restoreGeometry(saved):
            self._saved_geometry = saved
            return
        screen = self.screen().availableGeometry()
        width, height = min(1200, int(screen.width() * 0.92)), min(760, int(screen.height() * 0.9))
        self.setGeometry(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2,
                         width, height)

    def closeEvent(self, event) -> None:
        geometry = self.saveGeometry()
        if geometry != self._saved_geometry:  # not rewritten (and flushed to disk) when the window stayed put
            QSettings().setValue("main_window/geometry", geometry)
        if self.console is not None:
            self.console.close()
        super().closeEvent(event)
