"""Run every benchmark in its own process, in turn: ``make bench`` or ``python -m bench.run_all``.

Exits non-zero if any failed. One of them alone: ``python -m bench.startup`` (from the repository root).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ["startup", "checkin_filter", "checkin_redraw", "minutes_pdf", "memory", "sync_throughput", "server_load", "head_office_pages"]


def machine() -> str:
    memory_kb = int(next(line for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemTotal:")).split()[1])
    return f"machine: {os.cpu_count()} cores, {memory_kb / 2**20:.1f} GiB memory, Python {sys.version.split()[0]}"


def main() -> int:
    print(machine(), flush=True)
    started, failed = time.perf_counter(), []
    for name in BENCHMARKS:
        if subprocess.run([sys.executable, "-m", f"bench.{name}"], cwd=ROOT).returncode != 0:
            failed.append(name)
    print(f"all benchmarks: {time.perf_counter() - started:.0f} s" + (f", failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
