"""A check-in at the door with 5,000 members: time from the chair's Enter to the door and quorum redrawn.

The main window shows the Members tab (all 5,000) beside the meeting's console, as on the night. A
check-in redraws the attendance and the quorum, not the register, so its time should not grow with
the register's drawing. Baseline: the bare minimum of a check-in, one committed INSERT into a SQLite
file and a label and a list redrawn, measured in the same run.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QVBoxLayout, QWidget

from bench.memory import make_association
from bench.result import percentile, report

CHECK_INS = 120


def door_times(path: Path) -> tuple[list[float], int]:
    """Milliseconds per check-in to the redraw, and how many times the register was reloaded meanwhile."""
    from app.services import AssociationFile
    from ui.console.window import ConsoleWindow
    from ui.main_window import MainWindow
    from ui.session import Session

    app = QApplication.instance()
    session = Session(AssociationFile.open(path))
    main = MainWindow(session)
    main.tabs.setCurrentWidget(main.members_page)
    console = ConsoleWindow(session, session.book.meetings.open_meetings()[0].id)
    main.console = console  # as "Run this meeting" does: no console is built ahead while one is shown
    main.show()
    console.show()
    app.processEvents()
    reloads = []
    main.members_page.model.modelReset.connect(lambda: reloads.append(1))
    took = []
    for member in session.book.register.members()[:CHECK_INS]:
        start = time.perf_counter()
        console.door.check_in(member)
        app.processEvents()
        took.append((time.perf_counter() - start) * 1000)
    app.closeAllWindows()
    session.close()
    return took, len(reloads)


def bare_times(folder: Path) -> list[float]:
    conn = sqlite3.connect(folder / "bare.sqlite", isolation_level=None)
    conn.execute("CREATE TABLE attendance (id TEXT PRIMARY KEY, member_id TEXT, arrived TEXT)")
    window, layout = QWidget(), QVBoxLayout()
    label, listed = QLabel(), QListWidget()
    layout.addWidget(label)
    layout.addWidget(listed)
    window.setLayout(layout)
    window.show()
    app, took = QApplication.instance(), []
    for n in range(CHECK_INS):
        start = time.perf_counter()
        with conn:
            conn.execute("INSERT INTO attendance VALUES (?, ?, ?)", (f"a{n}", f"m{n}", "19:05"))
        label.setText(f"Quorate: {n + 1} present")
        listed.addItem(f"Member {n}")
        app.processEvents()
        took.append((time.perf_counter() - start) * 1000)
    window.close()
    conn.close()
    return took


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "default.warning=false")
    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CONFIG_HOME"] = folder  # the app's settings stay out of the user's
        door, reloads = door_times(make_association(Path(folder)))
        bare = bare_times(Path(folder))
    p95, bare95 = percentile(door, 95), percentile(bare, 95)
    report("checkin_redraw", f"p50 {percentile(door, 50):.1f} ms, p95 {p95:.1f} ms, register reloaded {reloads} times",
           f"p50 {percentile(bare, 50):.1f} ms, p95 {bare95:.1f} ms", p95 / bare95,
           "p95 <= 100 ms and the register never reloaded", p95 <= 100 and reloads == 0)


if __name__ == "__main__":
    main()
