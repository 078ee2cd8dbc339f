"""Kill a scripted meeting at random moments and check that nothing reported as saved was lost.

The test suite runs a bounded number of cycles; run it at scale with

    .venv/bin/python -m tests.kill_harness 1000

which prints "N cycles, 0 edits lost" (or names what was lost, and exits 1).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from app import model
from app.errors import NotFoundError
from app.services import AssociationFile
from app.store import Store

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"meeting": model.Meeting, "member": model.Member, "attendance": model.Attendance, "action": model.Action}


def kill_during_meeting(path: Path, delay: float) -> list[tuple[str, str]]:
    """Start the scripted meeting, SIGKILL it ``delay`` seconds after its first edit; return what it reported done."""
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "meeting_writer.py"), str(path), "100000"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines: list[str] = []
    started = threading.Event()

    def read() -> None:
        for line in child.stdout:
            lines.append(line)
            started.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    started.wait(timeout=60)  # a busy machine may take a while to start Python; the kill counts from the first edit
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join(timeout=10)
    # A line cut short by the kill was never fully reported, so it does not count.
    return [(parts[1], parts[2]) for parts in (line.split() for line in lines if line.endswith("\n"))
            if len(parts) == 3 and parts[0] == "done"]


def lost_edits(path: Path, reported: list[tuple[str, str]]) -> list[str]:
    """What the child said was saved but is not in the file (empty when all is well)."""
    store = Store.open(path)
    try:
        if not store.integrity_ok():
            return ["the file failed PRAGMA integrity_check"]
        lost = []
        for kind, record_id in reported:
            if kind.startswith("notes"):
                if not store.get(model.AgendaItem, record_id).notes.startswith("Notes typed at step"):
                    lost.append(f"notes of item {record_id}")
                continue
            try:
                store.get(KINDS[kind], record_id)
            except NotFoundError:
                lost.append(f"{kind} {record_id}")
        return lost
    finally:
        store.close()


def cycle(folder: Path, number: int, rng: random.Random) -> tuple[int, list[str]]:
    path = folder / f"cycle{number}.quorum"
    with AssociationFile.create(path, model.Association("Kill Test TRA")):
        pass
    reported = kill_during_meeting(path, rng.uniform(0.0, 0.6))
    lost = lost_edits(path, reported)
    path.unlink()
    for leftover in ("-wal", "-shm"):
        Path(str(path) + leftover).unlink(missing_ok=True)
    return len(reported), lost


def main(cycles: int, seed: int = 20261125) -> int:
    rng = random.Random(seed)
    edits, lost = 0, []
    with tempfile.TemporaryDirectory() as folder:
        for number in range(cycles):
            done, missing = cycle(Path(folder), number, rng)
            edits += done
            lost += missing
    print(f"{cycles} cycles, {len(lost)} edits lost ({edits} edits reported saved before each kill)")
    for item in lost:
        print(f"  lost: {item}")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
