"""Cold start, as a whole process, to the main window shown with the demo association.

Baseline: a bare PySide6 script that shows an empty QMainWindow and quits the same way. Both
quit from the first turn of the event loop after ``show()`` (QUORUM_EXIT_WHEN_SHOWN for Quorum).
Runs alternate between the two so that a noisy neighbour slows both alike; the medians are compared.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.result import report

ROOT = Path(__file__).resolve().parents[1]
RUNS = 11
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


def seconds(command: list[str], env: dict[str, str]) -> float:
    """How long the process took from spawn to exit; its error output if it failed."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[1:3])} failed:\n{done.stderr}")
    return took


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QUORUM_EXIT_WHEN_SHOWN": "1",
               "XDG_CONFIG_HOME": folder}  # keep the window geometry it saves out of the user's settings
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode compiled
        data = str(Path(folder) / "data")
        seconds([sys.executable, "main.py", "--data-dir", data, "demo"], env)
        quorum, bare = [sys.executable, "main.py", "--data-dir", data], [sys.executable, "-c", BARE]
        seconds(quorum, env), seconds(bare, env)  # not timed: compiles bytecode and warms the disk cache
        times = [(seconds(quorum, env), seconds(bare, env)) for _ in range(RUNS)]
    app = statistics.median(t for t, _ in times) * 1000
    baseline = statistics.median(b for _, b in times) * 1000
    report("startup", f"{app:.0f} ms", f"{baseline:.0f} ms", app / baseline, "ratio <= 1.3", app / baseline <= 1.3)


if __name__ == "__main__":
    main()
