"""At 100% to 200% text, on a 1366x768 laptop and on a 1920x1080 screen scaled to 125%, nothing is cut off.

At large sizes on the laptop the console rearranges itself: the agenda folds into a list above the
item, and earlier actions, motions and actions become tabs, each with room to read.

A chair with low vision turns the text up (View › Larger text); the layouts must reflow, wrap and
scroll rather than hide the end of a button's words or push a window off the screen. The checks
(large_text_checks.py) run in a child process whose offscreen screen has the size being tested.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENS = {
    "laptop 1366x768": {"width": 1366, "height": 768, "dpr": 1},
    "1920x1080 at 125%": {"width": 1536, "height": 864, "dpr": 1.25},  # offscreen sizes are logical
}


@pytest.mark.parametrize("name, size", [("laptop 1366x768", 100), ("laptop 1366x768", 150),
                                        ("laptop 1366x768", 175), ("laptop 1366x768", 200),
                                        ("1920x1080 at 125%", 150), ("1920x1080 at 125%", 200)])
def test_every_screen_in_large_text(tmp_path, name, size):
    config = tmp_path / "screen.json"
    screen = {"name": name, "x": 0, "y": 0, "logicalDpi": 96, "logicalBaseDpi": 96, **SCREENS[name]}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QUORUM_TEST_TEXT_SIZE": str(size)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header", "-rN",
         str(ROOT / "tests" / "ui" / "large_text_checks.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
