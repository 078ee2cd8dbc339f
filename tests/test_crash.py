"""Kill the writing process at random moments: every edit it reported done must survive."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app import model
from app.services import AssociationFile
from app.store import Store

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"meeting": model.Meeting, "member": model.Member, "attendance": model.Attendance, "action": model.Action}


def kill_during_meeting(path: Path, delay: float) -> list[tuple[str, str]]:
    """Start the scripted meeting, SIGKILL it after ``delay`` seconds, return what it reported done."""
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "meeting_writer.py"), str(path), "100000"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(child.stdout), daemon=True)
    reader.start()
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join(timeout=10)
    # A line cut short by the kill was never fully reported, so it does not count.
    return [(parts[1], parts[2]) for parts in (line.split() for line in lines if line.endswith("\n"))
            if len(parts) == 3 and parts[0] == "done"]


def check_everything_survived(path: Path, reported: list[tuple[str, str]]) -> None:
    store = Store.open(path)
    try:
        assert store.integrity_ok()
        notes = {}
        for kind, record_id in reported:
            if kind.startswith("notes"):
                notes[record_id] = kind
            else:
                store.get(KINDS[kind], record_id)  # raises if the edit was lost
        for record_id in notes:
            assert store.get(model.AgendaItem, record_id).notes.startswith("Notes typed at step")
    finally:
        store.close()


@pytest.mark.slow
def test_edits_reported_done_survive_sigkill(tmp_path):
    rng = random.Random(20261125)
    for cycle in range(8):
        path = tmp_path / f"cycle{cycle}.quorum"
        with AssociationFile.create(path, model.Association("Kill Test TRA")):
            pass
        reported = kill_during_meeting(path, rng.uniform(0.4, 1.2))
        assert reported, "the child reported nothing; give it longer to start"
        check_everything_survived(path, reported)
