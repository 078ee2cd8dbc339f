"""The parts of CSV files a worker keeps: found only for the version they were built from, bounded in size,
the least used dropped first."""

from __future__ import annotations

from app.server.downloads import Kept


def test_a_part_is_found_only_for_its_version_and_the_least_used_goes_first():
    kept = Kept(most=10)
    kept.keep(("actions", "a"), (1, "Alpha TRA"), b"aaaa")
    kept.keep(("actions", "b"), (7, "Beta TRA"), b"bbbb")
    assert kept.get(("actions", "a"), (2, "Alpha TRA")) is None  # the association changed since
    assert kept.get(("actions", "a"), (1, "Alpha TRA")) == b"aaaa"  # now the most recently used
    kept.keep(("actions", "c"), (3, "Gamma TRA"), b"cccc")  # 12 bytes: one must go
    assert kept.get(("actions", "b"), (7, "Beta TRA")) is None
    assert kept.get(("actions", "a"), (1, "Alpha TRA")) == b"aaaa" and kept.size == 8
    kept.keep(("actions", "a"), (2, "Alpha TRA"), b"aa")  # built again: replaces the old part
    assert kept.size == 6 and kept.get(("actions", "a"), (2, "Alpha TRA")) == b"aa"
    kept.keep(("decisions", "a"), (2, "Alpha TRA"), b"x" * 11)  # larger than everything kept: not kept
    assert kept.size == 6 and kept.get(("decisions", "a"), (2, "Alpha TRA")) is None
