"""Kill the app in the middle of a meeting; reopening returns to the same item with the notes typed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from ui.console.window import ConsoleWindow
from ui.session import Session

ROOT = Path(__file__).resolve().parents[2]


def test_killed_mid_meeting_the_console_comes_back_where_it_was(qtbot, demo_path):
    with AssociationFile.open(demo_path) as book:
        meeting = book.meetings.find_meeting("next", today=DEMO_DAY)
        book.meetings.open_meeting(meeting.id, at="18:50")
        first_three = [m.id for m in book.register.members()[:3]]
    child = subprocess.Popen([sys.executable, str(ROOT / "tests" / "ui" / "console_child.py"), str(demo_path)],
                             stdout=subprocess.PIPE, text=True, cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert child.stdout.readline().strip() == "ready"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()

    book = AssociationFile.open(demo_path)
    assert book.store.integrity_ok()
    assert set(first_three) <= book.door.present_ids(meeting.id)
    window = ConsoleWindow(Session(book), meeting.id, today=DEMO_DAY)
    qtbot.addWidget(window)
    assert window.item_panel.item.id == book.meetings.agenda(meeting.id)[3].id
    assert window.item_panel.notes.toPlainText() == "The chair reported on the rent consultation"
    assert window.quorum.text().startswith("✖ Not quorate")
    window.close()
    book.close()
