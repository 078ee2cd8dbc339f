"""The one line each benchmark prints: ``name: value (baseline value) ratio``, then its target."""

from __future__ import annotations

import statistics


def report(name: str, value: str, baseline: str, ratio: float, target: str, met: bool, missed_by: str = "") -> None:
    """``missed_by`` says how far from the target a missed one is (docs/benchmarks.md says why)."""
    verdict = "met" if met else "NOT met" + (f", missed by {missed_by}" if missed_by else "")
    print(f"{name}: {value} (baseline {baseline}) ratio {ratio:.2f} · target {target}: {verdict}", flush=True)


def percentile(samples: list[float], p: int) -> float:
    """The p-th percentile of the samples, e.g. 95 for p95."""
    return statistics.quantiles(samples, n=100, method="inclusive")[p - 1]
