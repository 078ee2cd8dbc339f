"""Record ids and hybrid-logical-clock stamps, made on the laptop.

Ids are UUID version 7 (time-ordered, random tail), so records created offline on two laptops
never collide and still sort roughly by creation. The clock orders edits across laptops whose
wall clocks disagree: it never goes backwards, even if the system clock does.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable


def new_id() -> str:
    """A UUID v7 as text (RFC 9562): 48-bit Unix milliseconds, version, variant, random bits."""
    millis = time.time_ns() // 1_000_000
    tail = int.from_bytes(os.urandom(10), "big")
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((tail >> 62) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= tail & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


MAX_COUNTER = 9999


def wall_millis() -> int:
    return time.time_ns() // 1_000_000


def stamp_order(stamp: str) -> tuple[int, int]:
    """(milliseconds, counter) of a stamp ``<ms>-<counter>-<device>``: how the clock orders stamps."""
    millis, counter = stamp.split("-", 2)[:2]
    return int(millis), int(counter)


class HybridClock:
    """Stamps like ``0001764070000123-0000-<device>`` that sort in causal order as text."""

    def __init__(self, device_id: str, last: str = "", wall: Callable[[], int] | None = None) -> None:
        self.device_id = device_id
        self.wall = wall or wall_millis  # tests pass a frozen or backward clock here
        self._lock = threading.Lock()
        self._millis, self._counter = 0, 0
        if last:
            self.observe(last)

    def observe(self, stamp: str) -> None:
        """Move past a stamp seen from another device, so our next edit sorts after it."""
        millis, counter = stamp_order(stamp)
        with self._lock:
            if (millis, counter) > (self._millis, self._counter):
                self._millis, self._counter = millis, counter

    def now(self) -> str:
        with self._lock:
            wall = self.wall()
            if wall > self._millis:
                self._millis, self._counter = wall, 0
            else:
                self._counter += 1
            if self._counter > MAX_COUNTER:  # keep four digits, so stamps still sort as text
                self._millis, self._counter = self._millis + 1, 0
            return f"{self._millis:016d}-{self._counter:04d}-{self.device_id}"
