"""Admission control for pushes: no laptop waits longer than it is willing to.

Pushes to one database are applied a few at a time (one at a time on SQLite, which has one writer).
Before a push is read into the write path, head office estimates how long it would queue, from how
many are ahead of it and how long recent pushes took. If that is longer than a laptop's patience,
the answer is 503 with Retry-After straight away, before any work is done. A push that is let in
is always finished and answered.

Each push turned away is given its own turn to come back: when the queue should have drained to
half the patience, one push's work after the last turn given. So a burst comes back spread out
at the pace head office works, not all at once after the longest wait (which left the queue idle
while the laptops waited, then refused most of them again).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
PATIENCE = 10.0  # seconds of queueing accepted; a laptop gives up after 30 s (app.sync.client)
LONGEST_RETRY_AFTER = 120  # as long as a laptop honours (app.sync.client.RetryPolicy.longest_busy_wait)
# Pushes let in at the door per push applied at once: their bodies are read and held while they wait.
# Without it, a burst just after a start (before pushes are timed) was let in whole: 800 pushes'
# bodies read at once on PostgreSQL, a 241 MB worker.
BODIES_HELD = 20


class ComeBackLater(Exception):
    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class Admission:
    def __init__(self, at_once: int, patience: float = PATIENCE) -> None:
        self.at_once, self.patience = at_once, patience
        self.queued = 0  # waiting or running, in this worker
        self.entered = 0  # let in at the door (app.py) and not yet answered: bodies read, waiting or running
        self.typical = 0.05  # seconds per push, a moving average
        self.last_turn = 0.0  # the latest time (time.monotonic) a push turned away was told to come back
        self._slots: asyncio.Semaphore | None = None

    def expected_wait(self, at_the_door: bool = True) -> float:
        """At the door, every push let in counts (their bodies are held); once read, those queued ahead."""
        ahead = max(self.queued, self.entered) if at_the_door else self.queued
        return ahead / self.at_once * self.typical

    def too_long(self, at_the_door: bool = True) -> int:
        """0 if a push may queue now; else the seconds to come back after (for Retry-After)."""
        wait = self.expected_wait(at_the_door)
        full = at_the_door and self.entered >= self.at_once * BODIES_HELD
        return self.turn(wait) if wait > self.patience or full else 0

    def turn(self, wait: float) -> int:
        """Seconds until this push's own turn to come back (whole seconds, as Retry-After is)."""
        now = time.monotonic()
        self.last_turn = max(self.last_turn, now + wait - self.patience / 2) + self.typical / self.at_once
        return min(LONGEST_RETRY_AFTER, max(1, math.ceil(self.last_turn - now)))

    async def run(self, work: Callable[[], Awaitable[T]]) -> T:
        """Run ``work`` when its turn comes, or raise ComeBackLater at once if that would be too long."""
        if wait := self.too_long(at_the_door=False):
            raise ComeBackLater(wait)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.at_once)
        self.queued += 1
        try:
            try:
                if self._slots.locked():
                    await asyncio.wait_for(self._slots.acquire(), self.patience)
                else:
                    await self._slots.acquire()
            except TimeoutError:
                raise ComeBackLater(self.turn(self.expected_wait())) from None
            started = time.perf_counter()
            try:
                return await work()
            finally:
                self._slots.release()
                self.typical = 0.8 * self.typical + 0.2 * (time.perf_counter() - started)
        finally:
            self.queued -= 1
