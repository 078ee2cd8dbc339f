"""Ids made on the laptop, and the clock that orders edits across laptops."""

from __future__ import annotations

import re
import time

from app.ids import HybridClock, new_id


def test_ids_are_uuid7_and_time_ordered():
    first = new_id()
    time.sleep(0.002)
    second = new_id()
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", first)
    assert first < second


def test_stamps_sort_as_text_even_when_another_laptops_clock_runs_ahead():
    clock = HybridClock("laptop-a")
    ahead = f"{time.time_ns() // 1_000_000 + 60_000:016d}-9998-laptop-b"
    clock.observe(ahead)
    stamps = [clock.now() for _ in range(5)]
    assert all(stamp > ahead for stamp in stamps)
    assert stamps == sorted(stamps)
    assert all(len(stamp.split("-")[1]) == 4 for stamp in stamps)


def test_a_clock_never_goes_backwards():
    clock = HybridClock("laptop-a")
    stamps = [clock.now() for _ in range(20000)]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
