"""Opening an association once its window is on screen: the slow parts off the GUI thread, the rest in turns.

Importing the front door and the window's own modules (PySide6 builds every Qt class they name),
checking the file, reading ten years of meetings and a register of 5,000 members all take longer
than a chair should wait for a window that does not answer. So, after the window's first paint,
a worker thread does those (a store's connection may move between threads, one at a time, and the
GUI thread does not touch this one until the worker hands it over); meanwhile and then, the window
is filled on the GUI thread in short steps (the menus' commands, each page built, each put in its
tab), one per turn of the event loop, so a key press or a repaint waits for one step at most.
bench/startup.py measures the longest wait.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ui.main_window import Headline, MainWindow

# Imported by the worker once the file is read, so that the GUI thread's steps only build widgets.
WINDOW_MODULES = ("ui.session", "ui.head_office", "ui.meetings_page", "ui.members_page")


@dataclass
class FirstRead:
    """What the worker hands back: the open file, its meetings, its current members and the numbers under
    its name; or why it would not open."""

    book: object = None  # app.services.AssociationFile
    register: object = None  # ui.models.members.Prepared
    meetings: list | None = None
    headline: Headline | None = None
    problem: Exception | None = None


def read_first(path: Path) -> FirstRead:
    """On the worker thread: the front door's import, the file's health check, and all the window reads."""
    from app.errors import QuorumError
    from app.services import AssociationFile
    from ui.models.members import prepare

    try:
        book = AssociationFile.open(path)
    except QuorumError as error:
        return FirstRead(problem=error)
    try:
        meetings = book.meetings.meetings()
        first = FirstRead(book, prepare(book.register.members(), book.register.why_not_voting()), meetings,
                          Headline.read(book, meetings))
        for module in WINDOW_MODULES:
            import_module(module)
        return first
    except BaseException:
        book.close()
        raise


class Opening(QObject):
    """Fills one skeleton ``MainWindow`` with the association at ``path``; a child of that window."""

    STEP_MS = 1  # a timer, not a posted call, between steps: the event loop reads input and paints in between

    def __init__(self, window: MainWindow, path: Path, opened: Callable[[MainWindow], None],
                 not_opened: Callable[[MainWindow, Path, Exception], None]) -> None:
        super().__init__(window)
        self.window, self.path = window, path
        self.opened, self.not_opened = opened, not_opened
        self.first: FirstRead | None = None
        self._settle: list[Callable[[], object]] = []
        self._steps: list[Callable[[], object]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.STEP_MS)
        self._timer.timeout.connect(self._next)

    def start(self, settle: Sequence[Callable[[], object]] = ()) -> None:
        """Once the window has been painted (``MainWindow.after_first_paint``): read on a worker; then, in
        turns, ``settle`` (the rest of what waited for the first paint), the menus' commands and the pages.

        Meanwhile the GUI thread only paints and answers: PySide6 builds each Qt class (and all of Qt's
        names) when first asked for, a tenth of a second for some, and the worker is the one asking.
        """
        from ui.background import run_in_background

        self._settle = list(settle)
        run_in_background(lambda: read_first(self.path), self._fill, self._failed, self)

    def _failed(self, sentence: str) -> None:
        from app.errors import QuorumError

        self._settle_now()
        self.not_opened(self.window, self.path, QuorumError(sentence))

    def _fill(self, first: FirstRead) -> None:
        if first.problem is not None:
            self._settle_now()
            self.not_opened(self.window, self.path, first.problem)
            return
        self.first = first
        pages = {}
        self._steps = [
            *self._settle,
            *self.window.menu_steps(),
            self._attach,
            lambda: pages.setdefault("meetings", self._build("ui.meetings_page", "MeetingsPage", self.window.today,
                                                             meetings=self.first.meetings)),
            lambda: self.window.show_meetings(pages["meetings"]),
            lambda: pages.setdefault("members", self._build("ui.members_page", "MembersPage",
                                                            register=self.first.register)),
            lambda: self.window.show_members(pages["members"], self.first.headline),
            self._done,
        ]
        self._timer.start()

    def _settle_now(self) -> None:
        for step in self._settle:
            step()

    def _next(self) -> None:
        """Run one step, then let the event loop breathe (read input, lay out and paint) before the next.

        Building a page and putting it in its tab (where it is laid out and painted) are steps of
        their own: each takes a while with ten years of meetings.
        """
        if not self._steps:
            return
        step = self._steps.pop(0)
        step()
        if self._steps:
            self._timer.start()

    def _attach(self) -> None:
        from ui.session import Session

        self.window.attach(Session(self.first.book))

    def _build(self, module: str, page: str, *args, **kwargs):
        return getattr(import_module(module), page)(self.window.session, *args, **kwargs)

    def _done(self) -> None:
        self.first = None  # the window holds the session now
        self.opened(self.window)
        self.window.loaded.emit()
