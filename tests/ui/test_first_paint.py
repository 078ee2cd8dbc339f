"""Show first, then load: what Quorum has loaded when the chair first sees its window.

A real start in a child process (``main.py --data-dir``, as the desktop file starts it), stopped at
the main window's first paint. Everything loaded by then delays the window; docs/benchmarks.md lists
it and says why each is needed. A module added to this path must be added here on purpose.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Records what is loaded at the main window's first paint, then ends the process there.
PROBE = """
import json, os, sys
sys.path.insert(0, os.getcwd())
from PySide6 import QtCore, QtGui, QtWidgets
from ui import main_window

def first_paint(window, event):
    built = [name for module in (QtCore, QtGui, QtWidgets) for name, value in vars(module).items()
             if isinstance(value, type)]
    print(json.dumps({"modules": sorted(sys.modules), "qt": sorted(built), "title": window.windowTitle(),
                      "summary": window.summary.text(), "loaded": window.session is not None}), flush=True)
    os._exit(0)

main_window.MainWindow.paintEvent = first_paint
import main
sys.exit(main.main(sys.argv[1:]))
"""

# Quorum's own modules the first paint needs: the start, the window's skeleton, and where the file and its
# name are (remembered in the data folder's recent.json since the file was last open).
QUORUM_AT_FIRST_PAINT = {
    "main", "ui", "ui.start", "ui.application", "ui.main_window", "ui.appearance", "ui.garbage", "ui.resources",
    "ui.rich_text", "ui.welcome", "app", "app.places",
}
# A file never opened here before: its name read with plain sqlite3.
FIRST_GLANCE = {"app.store", "app.store.glance"}
# Loaded after the first paint (most of them on a worker thread), if at all: never before it. (PySide6
# itself loads argparse and logging.)
NOT_BEFORE_FIRST_PAINT = {
    "dataclasses", "html", "platformdirs", "openpyxl", "reportlab", "httpx", "keyring", "sqlalchemy",
    "PySide6.QtSvg", "unicodedata",
}
# Not before the first paint when the name was remembered: sqlite3 (which imports datetime) is for the file.
NOT_WITH_A_REMEMBERED_NAME = {"sqlite3", "datetime"}
# Qt classes PySide6 builds (with all their enums) when first named: the bare window does not need them.
QT_NOT_BEFORE_FIRST_PAINT = {
    "Qt", "QStyle", "QStyleHints", "QFont", "QPalette", "QAction", "QActionGroup", "QKeySequence", "QIcon",
    "QMessageBox", "QFileDialog", "QTableView",
}


def _first_paint(data_dir: Path, tmp_path: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "QT_LOGGING_RULES": "default.warning=false"}
    env.pop("QUORUM_EXIT_WHEN_SHOWN", None)
    done = subprocess.run([sys.executable, "-c", PROBE, "--data-dir", str(data_dir)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ours(seen: dict) -> set[str]:
    return {name for name in seen["modules"] if name == "main" or name.split(".")[0] in ("app", "ui")}


def _remembered(demo_path: Path) -> None:
    """The data folder as any start but the very first finds it: the file opened last, and its name."""
    from app import places

    places.remember_opened(demo_path.parent, demo_path, "Wellhouse and District Tenants' and Residents' Association")


def test_the_first_paint_waits_for_nothing_it_does_not_draw(demo_path, tmp_path):
    _remembered(demo_path)
    seen = _first_paint(demo_path.parent, tmp_path)
    assert seen["title"] == "Wellhouse and District Tenants' and Residents' Association — Quorum"
    assert seen["summary"] == "Opening…" and not seen["loaded"]  # the name first; the association loads after
    assert _ours(seen) == QUORUM_AT_FIRST_PAINT
    assert not {name for name in seen["modules"] if name.split(".")[0] in NOT_BEFORE_FIRST_PAINT
                or name in NOT_BEFORE_FIRST_PAINT}
    assert not NOT_WITH_A_REMEMBERED_NAME & set(seen["modules"])
    assert not QT_NOT_BEFORE_FIRST_PAINT & set(seen["qt"])


def test_a_file_opened_for_the_first_time_shows_its_name_read_with_plain_sqlite3(demo_path, tmp_path):
    seen = _first_paint(demo_path.parent, tmp_path)  # no recent.json: the newest file in the folder
    assert seen["title"] == "Wellhouse and District Tenants' and Residents' Association — Quorum"
    assert not seen["loaded"]
    assert _ours(seen) == QUORUM_AT_FIRST_PAINT | FIRST_GLANCE
    assert not QT_NOT_BEFORE_FIRST_PAINT & set(seen["qt"])


def test_a_chair_with_large_text_and_a_dark_look_still_sees_the_window_without_waiting_for_icons(
        demo_path, tmp_path):
    """Their font and palette are applied before the first paint; the icon and the menus' commands still wait."""
    config = tmp_path / "config" / "Quorum"
    config.mkdir(parents=True)
    (config / "Quorum.conf").write_text("[view]\ntext_size=150\nappearance=dark\n", encoding="utf-8")
    _remembered(demo_path)
    seen = _first_paint(demo_path.parent, tmp_path)
    assert {"QFont", "QPalette"} <= set(seen["qt"])  # the chair's choices, in force from the first paint
    assert not {"QIcon", "QAction", "QKeySequence", "QMessageBox"} & set(seen["qt"])
    assert _ours(seen) == QUORUM_AT_FIRST_PAINT
