"""Running slow, pure work (reading a 5,000-row spreadsheet) off the GUI thread.

The work must not touch widgets or the association file (SQLite connections belong to the
thread that opened them): gather what it needs first, hand it plain values, and take the
answer back on the GUI thread in ``done``.
"""

from __future__ import annotations

import atexit
import itertools
import sys
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app.errors import QuorumError

LONGEST_AT_EXIT_MS = 30_000  # a large pack takes seconds on an old laptop; a hung worker must not hold the exit


class _Relay(QObject):
    """One object for the life of the app, on the GUI thread: workers answer through it.

    It is never deleted, so a worker can always emit to it, even when the dialog that asked has
    been closed and deleted meanwhile; such answers are dropped here.
    """

    answered = Signal(int, bool, object)  # ticket, succeeded, result or error

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[int, tuple[QObject, Callable, Callable]] = {}
        self.tickets = itertools.count(1)
        self.answered.connect(self._deliver)

    @Slot(int, bool, object)
    def _deliver(self, ticket: int, succeeded: bool, value: object) -> None:
        receiver, done, failed = self.waiting.pop(ticket)
        if not shiboken6.isValid(receiver):
            return
        if succeeded:
            done(value)
        else:
            _fail(value, failed)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        # Work still running when Quorum closes (a preview page, a PDF being saved) is let finish
        # before Python lets the relay go, so a worker never answers to an object already deleted.
        atexit.register(_finish_work)
    return _relay


def _finish_work() -> None:
    QThreadPool.globalInstance().waitForDone(LONGEST_AT_EXIT_MS)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], object], ticket: int, relay: _Relay) -> None:
        super().__init__()
        self.work, self.ticket, self.relay = work, ticket, relay

    def run(self) -> None:
        try:
            answer = (True, self.work())
        except Exception as error:  # noqa: BLE001 - every failure is handed back to the GUI thread
            answer = (False, error)
        if shiboken6.isValid(self.relay):  # not when Quorum is closing and nobody is left to tell
            self.relay.answered.emit(self.ticket, *answer)


def run_in_background(work: Callable[[], object], done: Callable[[object], None],
                      failed: Callable[[str], None], receiver: QObject) -> None:
    """Run ``work`` on the thread pool; call ``done(result)`` or ``failed(sentence)`` on the GUI thread.

    Nothing is delivered once ``receiver`` (the dialog that asked) has been deleted. A failure that
    is not a ``QuorumError`` is a bug: it is reported to ``sys.excepthook`` as well, so it reaches
    the log (and fails a test) instead of hiding behind a polite sentence.
    """
    relay = _the_relay()
    ticket = next(relay.tickets)
    relay.waiting[ticket] = (receiver, done, failed)
    QThreadPool.globalInstance().start(_Task(work, ticket, relay))


def _fail(error: Exception, failed: Callable[[str], None]) -> None:
    if isinstance(error, QuorumError):
        failed(str(error))
        return
    failed("Quorum could not finish this because of an unexpected problem; nothing was saved.")
    sys.excepthook(type(error), error, error.__traceback__)
