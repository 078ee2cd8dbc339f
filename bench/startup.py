"""Start-up and the console's opening, each against a bare window measured in the same run.

Four lines:
- ``startup``: ``main.py`` as a whole process with the demo association, from spawn to exit at its
  first paint (QUORUM_EXIT_WHEN_SHOWN: the window with the association's name and its tabs waiting);
- ``startup_large``: the same with 5,000 members and ten years of monthly meetings (bench/history.py);
- ``loading_stall``: in a fresh process, the longest gap between ticks of a 2 ms QTimer heartbeat from
  the event loop's start until the large association has loaded (``MainWindow.loaded``);
- ``console``: in a fresh process with the large association's main window loaded and settled (its console
  built ahead in idle time, as it is a second after loading), "Run this meeting" clicked until the console
  is shown, painted and ready for the first check-in.

Baselines: a bare PySide6 script showing an empty QMainWindow and quitting at its first paint the same
way; for the console, a fresh process showing an empty main window, then (timed) reading the 5,000
members with plain sqlite3 into a bare table model and showing a QMainWindow holding a QTableView of them.
The machine is small and shared: runs alternate with their baselines and medians are compared.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.result import report

ROOT = Path(__file__).resolve().parents[1]
RUNS = 31
CHILD_RUNS = 5
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Window(QMainWindow):
    def paintEvent(self, event):  # quits at the first paint, as Quorum does under QUORUM_EXIT_WHEN_SHOWN
        super().paintEvent(event)
        QTimer.singleShot(0, app.quit)

app = QApplication(sys.argv[:1])
window = Window()
window.show()
sys.exit(app.exec())
"""


def _large(folder: Path) -> Path:
    """The 5,000-member, ten-year association: made afresh (some minutes), or a copy of the file named by
    QUORUM_BENCH_LARGE, made earlier with ``python -m bench.history FOLDER``."""
    from bench.history import ten_years

    if not os.environ.get("QUORUM_BENCH_LARGE"):
        return ten_years(folder)
    folder.mkdir()
    return Path(shutil.copy(os.environ["QUORUM_BENCH_LARGE"], folder))


def seconds(command: list[str], env: dict[str, str]) -> float:
    """How long the process took from spawn to exit; its error output if it failed."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[1:3])} failed:\n{done.stderr}")
    return took


def child(mode: str, path: Path, env: dict[str, str]) -> dict:
    """One measurement in a fresh process (``python -m bench.startup MODE PATH``); its JSON answer."""
    done = subprocess.run([sys.executable, "-m", "bench.startup", mode, str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"bench.startup {mode} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _interleaved(quorum: list[str], quorum_large: list[str], bare: list[str], env: dict[str, str],
                 turn: int) -> tuple[float, float, float, float]:
    """One turn: each start beside a bare one, the order swapped every other turn, so that neither side
    always follows the other (and whatever it left in the caches) on a shared, noisy machine."""
    if turn % 2 == 0:
        return seconds(quorum, env), seconds(bare, env), seconds(quorum_large, env), seconds(bare, env)
    second_bare, large, first_bare, demo = (seconds(bare, env), seconds(quorum_large, env), seconds(bare, env),
                                            seconds(quorum, env))
    return demo, first_bare, large, second_bare


def verdict(ratio: float, limit: float) -> str:
    return "" if ratio <= limit else f" (over by {(ratio / limit - 1) * 100:.0f}%)"


def main() -> None:
    from app.demo import create_demo

    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": folder,  # window geometry
               "QT_LOGGING_RULES": "default.warning=false"}  # offscreen: "cannot propagate size hints"
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode compiled
        demo, large = Path(folder) / "demo", Path(folder) / "large"
        create_demo(demo)
        big = _large(large)
        quick = {**env, "QUORUM_EXIT_WHEN_SHOWN": "1"}
        quorum = [sys.executable, "main.py", "--data-dir", str(demo)]
        quorum_large = [sys.executable, "main.py", "--data-dir", str(large)]
        bare = [sys.executable, "-c", BARE]
        for command in (quorum, quorum_large):  # not timed: opened once, as by the chair at any start but the very
            seconds(command, {**env, "QUORUM_EXIT_WHEN_LOADED": "1"})  # first (recent.json: the file and its name)
        for command in (quorum, quorum_large, bare):  # not timed: compiles bytecode, warms the disk cache
            seconds(command, quick)
        load = os.getloadavg()[0]
        times = [_interleaved(quorum, quorum_large, bare, quick, turn) for turn in range(RUNS)]
        loading, idle = [], []
        for _ in range(CHILD_RUNS):  # alternating: the machine's own hiccups show in the idle window too
            loading.append(child("loading", big, env))
            idle.append(child("idle", Path(str(round(loading[-1]["loaded_ms"]))), env))
        console = []
        for run in range(CHILD_RUNS):  # each run opens the planned meeting, so each has its own copy
            copy = Path(folder) / f"console-{run}" / big.name
            copy.parent.mkdir()
            shutil.copy(big, copy)
            console.append((child("console", copy, env)["ms"], child("console-bare", copy, env)["ms"]))
    bare_ms = statistics.median([b for _, b, _, _ in times] + [b for _, _, _, b in times]) * 1000
    for name, column, limit in (("startup", 0, 1.3), ("startup_large", 2, 1.5)):
        app = statistics.median(t[column] for t in times) * 1000
        report(name, f"{app:.0f} ms (median of {RUNS}, load average {load:.1f})", f"{bare_ms:.0f} ms",
               app / bare_ms, f"ratio <= {limit}{verdict(app / bare_ms, limit)}", app / bare_ms <= limit)
    longest = statistics.median(run["longest_ms"] for run in loading)
    worst = max(run["longest_ms"] for run in loading)
    loaded = statistics.median(run["loaded_ms"] for run in loading)
    quiet = statistics.median(run["longest_ms"] for run in idle)
    report("loading_stall", f"longest {longest:.0f} ms (worst of {CHILD_RUNS}: {worst:.0f} ms), loaded after "
           f"{loaded:.0f} ms", f"an idle window's longest {quiet:.0f} ms", longest / 50,
           f"longest stall < 50 ms{verdict(longest / 50, 1)}", longest < 50)
    opened, plain = statistics.median(c for c, _ in console), statistics.median(b for _, b in console)
    report("console", f"{opened:.0f} ms", f"{plain:.0f} ms", opened / plain,
           f"ratio <= 1.5{verdict(opened / plain, 1.5)}", opened / plain <= 1.5)


# -- the measured processes ----------------------------------------------------------------------


def loading(path: Path) -> dict:
    """Start as ``main.py --file PATH`` does (``ui.application.run``: what waits for the first paint, then
    settled), with a heartbeat; the longest gap until the window is whole."""
    from types import SimpleNamespace

    from PySide6.QtCore import QThreadPool, QTimer

    from ui.application import Launcher, make_application, settling

    app = make_application(quick=True)
    ticks: list[float] = []
    heart = QTimer()
    heart.setInterval(2)
    heart.timeout.connect(lambda: ticks.append(time.perf_counter()))
    launcher = Launcher(path.parent, settling(app, SimpleNamespace(data_dir=None, file=str(path))))
    launcher.start(path)
    loaded: list[float] = []
    launcher.window.loaded.connect(lambda: (loaded.append(time.perf_counter()), app.quit()))
    QTimer.singleShot(0, heart.start)  # from the event loop's first turn, once the window is shown
    began = time.perf_counter()
    app.exec()
    assert launcher.window.members_page.model.total == 5000
    gaps = [b - a for a, b in zip(ticks, [*ticks[1:], loaded[0]], strict=True)]
    QThreadPool.globalInstance().waitForDone()  # the approved-minutes check, still reading, as run() does
    launcher.window.session.close()
    return {"longest_ms": max(gaps) * 1000, "loaded_ms": (loaded[0] - began) * 1000}


def idle(duration: Path) -> dict:
    """The same heartbeat in a shown, empty window doing nothing for as long as the loading took (``duration``
    in ms): how long the machine itself keeps an event loop waiting."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.show()
    ticks: list[float] = []
    heart = QTimer()
    heart.setInterval(2)
    heart.timeout.connect(lambda: ticks.append(time.perf_counter()))
    QTimer.singleShot(0, heart.start)
    QTimer.singleShot(int(str(duration)), app.quit)
    app.exec()
    return {"longest_ms": max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) * 1000}


def console(path: Path) -> dict:
    """The large association's main window, loaded and settled; then "Run this meeting" until the door is
    ready."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.application import Launcher, make_application

    app = make_application()
    launcher = Launcher(path.parent)
    launcher.start(path)
    window = launcher.window
    window.loaded.connect(app.quit)
    app.exec()
    window.console_ahead.ready.connect(app.quit)  # the console built in idle time, as the chair reads the window
    app.exec()
    page = window.meetings_page
    assert page.chosen().status == "draft"  # the meeting planned for today is chosen, first in the list
    QThreadPool.globalInstance().waitForDone()  # the approved-minutes check, not timed
    start = time.perf_counter()
    page.run_button.click()
    QTest.qWaitForWindowExposed(window.console)
    QApplication.processEvents()
    took = time.perf_counter() - start
    assert window.console.checkin.results_model.rowCount() == 5000
    window.console.close()
    window.session.close()
    return {"ms": took * 1000}


def console_bare(path: Path) -> dict:
    """An empty main window; then (timed) the same 5,000 members read with sqlite3 into a bare table."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class Table(QAbstractTableModel):
        def __init__(self, rows) -> None:
            super().__init__()
            self.rows = rows

        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
            return len(self.rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return 3

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return self.rows[index.row()][index.column()] if role == Qt.ItemDataRole.DisplayRole else None

    app = QApplication([])
    main = QMainWindow()
    main.show()
    QTest.qWaitForWindowExposed(main)
    start = time.perf_counter()
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT first_name || ' ' || surname, address, phone FROM members "
                        "WHERE \"left\" IS NULL ORDER BY surname, first_name").fetchall()
    conn.close()
    window = QMainWindow()
    table = QTableView()
    table.setModel(Table(rows))
    window.setCentralWidget(table)
    window.showMaximized()
    QTest.qWaitForWindowExposed(window)
    app.processEvents()
    took = time.perf_counter() - start
    assert table.model().rowCount() == 5000
    return {"ms": took * 1000}


if __name__ == "__main__":
    if len(sys.argv) == 3:
        measure = {"loading": loading, "idle": idle, "console": console, "console-bare": console_bare}[sys.argv[1]]
        print(json.dumps(measure(Path(sys.argv[2]))))
    else:
        main()
