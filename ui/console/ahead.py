"""The next meeting console, built ahead of time while the chair looks over the main window.

Building the console's widgets (three columns, four tables, the splitter, the menus) and importing
its modules were most of the time from "Run this meeting" to a console ready for the first
check-in. None of that depends on the meeting. So, a second after the main window has loaded (and
again whenever the chair is back at the main window with no console open), the console's modules
are imported on a worker thread and a console is built here, hidden, one part per turn of the event
loop so the window answers meanwhile; "Run this meeting" then only gives it its meeting
(``ConsoleWindow.show_meeting``). Each console runs one meeting and the next is built afresh, so
nothing (the undo stack, the typing in the check-in box, a warning) carries over from one to the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

if TYPE_CHECKING:
    from ui.console.window import ConsoleWindow
    from ui.main_window import MainWindow

CONSOLE_MODULE = "ui.console.window"


class ConsoleAhead(QObject):
    """Keeps one console built ahead for ``window``'s association; a child of that window."""

    ready = Signal()  # a console is built and waiting for its meeting

    AFTER_MS: int | None = 1000  # after the window loads, when the chair is still reading it; None: never
    STEP_MS = 1  # a timer between parts: the event loop reads input and paints in between

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.console: ConsoleWindow | None = None  # built, waiting for a meeting
        self._building: tuple[ConsoleWindow, Iterator[None]] | None = None
        self._asked = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._next)
        window.installEventFilter(self)

    def later(self) -> None:
        """Build a console in a while, unless one is built, being built or asked for already."""
        if self.AFTER_MS is None or self._asked or self.console is not None or self._building is not None:
            return
        self._asked = True
        QTimer.singleShot(self.AFTER_MS, self, self._import)

    def _import(self) -> None:
        from importlib import import_module

        from ui.background import run_in_background

        if not self._wanted():
            self._asked = False
            return
        run_in_background(lambda: import_module(CONSOLE_MODULE), self._begin, self._not_built, self)

    def _begin(self, module) -> None:
        self._asked = False
        if not self._wanted():
            return
        console = module.ConsoleWindow(self.window.session, today=self.window.today, in_turns=True)
        self._building = (console, self._parts(console))
        self._timer.start(self.STEP_MS)

    def _parts(self, console: ConsoleWindow) -> Iterator[None]:
        yield from console.building()
        yield
        self._count_quorum_ahead()

    def _count_quorum_ahead(self) -> None:
        """The quorum of the meeting chosen in the list, counted now: who may vote on its day is then kept
        by the front door (``register.voting_members``) for the meeting's opening and its console."""
        page = self.window.meetings_page
        chosen = page.chosen() if page is not None else None
        if chosen is not None and chosen.status != "closed":
            self.window.session.book.door.quorum(chosen.id)

    def _next(self) -> None:
        if self._building is None:
            return
        console, parts = self._building
        try:
            next(parts)
        except StopIteration:
            self._building = None
            self.console = console
            self.ready.emit()
            return
        self._timer.start(self.STEP_MS)

    def _not_built(self, _sentence: str) -> None:
        self._asked = False  # "Run this meeting" builds one then, and says what is wrong if it cannot

    def _wanted(self) -> bool:
        """Only for an open association with no console on screen."""
        session, shown = self.window.session, self.window.console
        return session is not None and session.is_open and (shown is None or not shown.isVisible())

    def take(self) -> ConsoleWindow | None:
        """The console built ahead, for the chosen meeting, if it is ready for the association now open;
        the next is built once the chair is back at the main window."""
        console, self.console = self.console, None
        self._discard_building()
        if console is not None and (console.session is not self.window.session or not console.session.is_open):
            console.deleteLater()
            return None
        return console

    def _discard_building(self) -> None:
        if self._building is not None:
            self._timer.stop()
            self._building[0].deleteLater()
            self._building = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:  # back at the main window, the meeting over
            self.later()
        elif event.type() == QEvent.Type.Close:
            self._discard_building()
            if self.console is not None:
                self.console.deleteLater()
                self.console = None
        return False
