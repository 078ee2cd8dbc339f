"""Opening an association once its window is on screen: the slow parts off the GUI thread, the rest in turns.

Importing the front door, checking the file and reading a register of 5,000 members take longer
than a chair should wait for a window that does not answer. So, after the window's first paint,
a worker thread does those (a store's connection may move between threads, one at a time, and the
GUI thread does not touch this one until the worker hands it over); then the window is filled on
the GUI thread in short steps, one per turn of the event loop, so a key press or a repaint waits
for one step at most. bench/startup.py measures the longest wait.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ui.main_window import MainWindow


@dataclass
class FirstRead:
    """What the worker hands back: the open file and its current members, or why it would not open."""

    book: object = None  # app.services.AssociationFile
    register: object = None  # ui.models.members.Prepared
    problem: Exception | None = None


def read_first(path: Path) -> FirstRead:
    """On the worker thread: the front door's import, the file's health check, the register."""
    from app.errors import QuorumError
    from app.services import AssociationFile
    from ui.models.members import prepare

    try:
        book = AssociationFile.open(path)
    except QuorumError as error:
        return FirstRead(problem=error)
    try:
        return FirstRead(book, prepare(book.register.members(), book.register.why_not_voting()))
    except BaseException:
        book.close()
        raise


class Opening(QObject):
    """Fills one skeleton ``MainWindow`` with the association at ``path``; a child of that window."""

    def __init__(self, window: MainWindow, path: Path, opened: Callable[[MainWindow], None],
                 not_opened: Callable[[MainWindow, Path, Exception], None]) -> None:
        super().__init__(window)
        self.window, self.path = window, path
        self.opened, self.not_opened = opened, not_opened
        self.first: FirstRead | None = None
        self.asked = False

    def start(self) -> None:
        """Once the window has been painted (or soon, should it never be, as when minimised)."""
        if self.window.was_painted:
            QTimer.singleShot(0, self, self._read)
            return
        self.window.painted.connect(self._read)
        QTimer.singleShot(500, self, self._read)

    def _read(self) -> None:
        if self.asked:  # once, whichever of the paint and the timer comes first
            return
        self.asked = True
        from ui.background import run_in_background

        run_in_background(lambda: read_first(self.path), self._fill, self._failed, self)
        self.window.fill_menus()  # meanwhile

    def _failed(self, sentence: str) -> None:
        from app.errors import QuorumError

        self.not_opened(self.window, self.path, QuorumError(sentence))

    def _fill(self, first: FirstRead) -> None:
        if first.problem is not None:
            self.not_opened(self.window, self.path, first.problem)
            return
        self.first = first
        pages = {}
        self._steps = [
            self._attach,
            lambda: import_module("ui.meetings_page"),
            lambda: pages.setdefault("meetings", self._build("ui.meetings_page", "MeetingsPage", self.window.today)),
            lambda: self.window.show_meetings(pages["meetings"]),
            lambda: import_module("ui.members_page"),
            lambda: pages.setdefault("members", self._build("ui.members_page", "MembersPage",
                                                            register=self.first.register)),
            lambda: self.window.show_members(pages["members"]),
            self._done,
        ]
        self._next()

    def _next(self) -> None:
        """Run one step, then let the event loop breathe (and paint) before the next.

        Importing a page's module, building the page and putting it in its tab (where it is laid out
        and painted) are steps of their own: each takes a while with ten years of meetings.
        """
        step = self._steps.pop(0)
        step()
        if self._steps:
            QTimer.singleShot(0, self, self._next)

    def _attach(self) -> None:
        from ui.session import Session

        self.window.attach(Session(self.first.book))

    def _build(self, module: str, page: str, *args, **kwargs):
        return getattr(import_module(module), page)(self.window.session, *args, **kwargs)

    def _done(self) -> None:
        self.first = None  # the window holds the session now
        self.opened(self.window)
        self.window.loaded.emit()
