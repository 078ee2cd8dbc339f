"""Resident memory with 5,000 members in the members view and a meeting's console, against a bare window.

Each side is measured in a fresh process: the bare one shows an empty QMainWindow; Quorum's shows
the main window (whose Members tab lists all 5,000) and the live console of an open meeting (whose
check-in search holds all 5,000). The association file is made once beforehand.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from bench.result import report

ROOT = Path(__file__).resolve().parents[1]
LIMIT_MB = 80


def resident_mb() -> float:
    gc.collect()
    try:
        import psutil
    except ImportError:
        status = Path("/proc/self/status").read_text()
        return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024
    return psutil.Process().memory_info().rss / 2**20


def make_association(folder: Path) -> Path:
    from app.model import Association
    from app.services import AssociationFile
    from bench.register import five_thousand

    with AssociationFile.create_in(folder, Association("Benchmark Tenants' Association")) as book:
        book.register.add_members([replace(m, id="") for m in five_thousand()])
        meeting = book.meetings.plan_meeting("general", date.today(), "19:00", "Community hall")
        book.meetings.open_meeting(meeting.id, backup=False)
        return book.path


def show(path: str | None) -> None:
    """In the measured process: show the windows, let them paint, print the resident memory."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    if path is None:
        windows = [QMainWindow()]
    else:
        from app.services import AssociationFile
        from ui.console.window import ConsoleWindow
        from ui.main_window import MainWindow
        from ui.session import Session

        session = Session(AssociationFile.open(Path(path)))
        main = MainWindow(session)
        main.tabs.setCurrentWidget(main.members_page)
        console = ConsoleWindow(session, session.book.meetings.open_meetings()[0].id)
        main.console = console  # as "Run this meeting" does: no console is built ahead while one is shown
        windows = [main, console]
        assert main.members_page.model.rowCount() == console.checkin.results_model.rowCount() == 5000
    for window in windows:
        window.show()
    QTest.qWait(300)
    print(resident_mb())
    app.closeAllWindows()


def measured(folder: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": folder}
    done = subprocess.run([sys.executable, "-m", "bench.memory", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench.memory {' '.join(args)} failed:\n{done.stderr}")
    return float(done.stdout.split()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = make_association(Path(folder))
        bare, quorum = measured(folder, "bare"), measured(folder, "quorum", str(path))
    report("memory", f"{quorum:.0f} MB, +{quorum - bare:.0f} MB", f"{bare:.0f} MB", quorum / bare,
           f"<= +{LIMIT_MB} MB over the bare window", quorum - bare <= LIMIT_MB)


if __name__ == "__main__":
    if sys.argv[1:2] == ["bare"]:
        show(None)
    elif sys.argv[1:2] == ["quorum"]:
        show(sys.argv[2])
    else:
        main()
