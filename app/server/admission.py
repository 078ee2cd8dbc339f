"""Admission control for pushes: head office busy from a burst's first push to its last, and no
laptop waiting longer than it is willing to.

Pushes to one database are applied a few at a time (one at a time on SQLite, which has one writer),
in the order they came. A waiting push holds only the bytes that came: its changes are read when
its turn comes. So a whole burst can wait at the door: up to BYTES_HELD of bodies per worker.

Head office measures its pace: the time between pushes finished while others wait. That includes
all else it does meanwhile (the laptops' pulls, the HTTP, the token checks), so it is the pace at
which laptops' syncs really finish. A push whose wait (the pushes ahead of it times the pace) would
be longer than PATIENCE is answered 503 with Retry-After before any work is done: at the door, or
while it waits, once the pace measured says its turn would come too late. A push that is let in
is always finished and answered.

Each push turned away is given its own turn to come back: when the queue should have drained to
half the patience, a little less than a pace after the last turn given. So a burst comes back
spread out at the pace head office works, and finds a queue of several seconds: more than the up
to two seconds a laptop's return can stray (Retry-After is whole seconds, and the laptop adds up
to one more at random), so head office is not left idle waiting for laptops it told to wait,
even if it works faster by then than when it gave the turns.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")
PATIENCE = 20.0  # seconds a push may wait for its turn; a laptop gives up after 30 s (app.sync.client)
LONGEST_RETRY_AFTER = 120  # as long as a laptop honours (app.sync.client.RetryPolicy.longest_busy_wait)
# Bytes of pushes' bodies held at the door (let in, not yet answered), per worker: about 780 pushes of
# an evening's meeting (41 KB each). Only the few pushes being applied have their changes read.
BYTES_HELD = 32 * 1024 * 1024
UNKNOWN_SIZE = 1024 * 1024  # what a push without Content-Length is counted as
FIRST_PACE = 0.02  # seconds a push until measured
PACES = 50  # the pace is the mean of the last this many measured
# Turns given are this many paces apart: closer than the pace, so that a pace that quickens (as when a burst's
# first moments are past, or the machine's other load eases) leaves head office no gap, while one that does
# not only lengthens the queue, which has room up to the patience.
TURNS_APART = 0.75
# A time between pushes longer than this many paces counts as this many: one stall (the machine busy with
# something else for a second or two) is not taken for head office working slower, which would tell those
# waiting to come back far later than their turn; a pace that really slows is learnt in a few pushes more.
STALL = 4


@dataclass(eq=False)
class _Waiting:
    """A push in line: since when, and the future that gives it the slot (or tells it to come back)."""

    since: float = field(default_factory=time.monotonic)
    turn: asyncio.Future = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class ComeBackLater(Exception):
    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class Admission:
    def __init__(self, at_once: int, patience: float = PATIENCE, most_held: int = BYTES_HELD) -> None:
        self.at_once, self.patience, self.most_held = at_once, patience, most_held
        self.entered = 0  # let in at the door (app.py) and not yet answered
        self.held = 0  # bytes of their bodies
        self.running = 0
        self.waiting: deque[_Waiting] = deque()  # for their turn, first come first
        self.paces: deque[float] = deque(maxlen=PACES)  # seconds between pushes finished while pushes waited
        self.last_done = -math.inf  # time.monotonic() when the latest push finished
        self.last_turn = 0.0  # the latest time (time.monotonic) a push turned away was told to come back

    @property
    def pace(self) -> float:
        """Seconds a push, as head office works now: the mean time between pushes finished lately."""
        return sum(self.paces) / len(self.paces) if self.paces else FIRST_PACE

    # -- the door -------------------------------------------------------------------------------

    def door(self, size: int | None) -> int:
        """0 and the push is let in (counted until ``left``); else the seconds to come back after."""
        size = UNKNOWN_SIZE if size is None else size
        wait = self.entered * self.pace
        if wait > self.patience or (self.entered and self.held + size > self.most_held):
            return self.turn(wait)
        self.entered += 1
        self.held += size
        return 0

    def left(self, size: int | None) -> None:
        """A push let in has been answered (or its answer begun)."""
        self.entered -= 1
        self.held -= UNKNOWN_SIZE if size is None else size

    def turn(self, wait: float) -> int:
        """Seconds until this push's own turn to come back (whole seconds, as Retry-After is)."""
        now = time.monotonic()
        self.last_turn = max(self.last_turn, now + wait - self.patience / 2) + TURNS_APART * self.pace
        return min(LONGEST_RETRY_AFTER, max(1, math.ceil(self.last_turn - now)))

    # -- the queue ------------------------------------------------------------------------------

    async def run(self, work: Callable[[], Awaitable[T]]) -> T:
        """Run ``work`` when its turn comes, or raise ComeBackLater (before it starts) if that would be too long."""
        queued = time.monotonic()
        if self.running < self.at_once and not self.waiting:
            self.running += 1
        else:
            await self._turn()
        try:
            return await work()
        finally:
            self._finished(queued)

    async def _turn(self) -> None:
        """Wait in line until a push finishing hands this one its slot (or it is told to come back)."""
        waiting = _Waiting()
        self.waiting.append(waiting)
        try:
            await asyncio.wait_for(asyncio.shield(waiting.turn), self.patience)
        except TimeoutError:
            if not waiting.turn.done():
                self._tell(waiting)
            waiting.turn.result()  # ComeBackLater if told; else the slot was handed over at the last moment
        except asyncio.CancelledError:  # the laptop went away
            if not waiting.turn.done():
                self.waiting.remove(waiting)
            elif not waiting.turn.exception():
                self._hand_on()  # the slot it was handed
            raise

    def _finished(self, queued: float) -> None:
        """Measure the pace, hand the slot to the next push, and tell those who would now wait too long."""
        now = time.monotonic()
        if queued < self.last_done:  # it waited while the one before finished: pushes ran all the while
            between = now - self.last_done
            self.paces.append(min(between, STALL * self.pace) if self.paces else between)
        self.last_done = now
        self._hand_on()
        self._tell_the_last()

    def _hand_on(self) -> None:
        if self.waiting:
            self.waiting.popleft().turn.set_result(None)  # the slot passes to it: running stays the same
        else:
            self.running -= 1

    def _tell_the_last(self) -> None:
        """The last in line are told to come back (in the order they came) while their wait in all would be
        longer than the patience. Not before they have waited half of it: by then the pace is the pace of
        pushes, no longer that of a burst's first moments, when every laptop's token is being checked."""
        now, keep, pace = time.monotonic(), len(self.waiting), self.pace
        while keep and (waited := now - self.waiting[keep - 1].since) >= self.patience / 2 \
                and waited + keep * pace > self.patience:
            keep -= 1
        told = [self.waiting.pop() for _ in range(len(self.waiting) - keep)]
        for waiting in reversed(told):
            waiting.turn.set_exception(ComeBackLater(self.turn(keep * pace)))

    def _tell(self, waiting: _Waiting) -> None:
        self.waiting.remove(waiting)
        waiting.turn.set_exception(ComeBackLater(self.turn(len(self.waiting) * self.pace)))
