"""The installer: the PyInstaller one-folder build is made and starts (slow; only with QUORUM_TEST_PACKAGE=1).

A chair installs Quorum without a terminal, so the package must carry everything: Qt, the fonts
for printing, the guide, the icon. This builds it into a temporary folder (not dist/) and runs
packaging/smoke.sh on it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("QUORUM_TEST_PACKAGE") != "1",
                    reason="builds the installer (a minute or more); set QUORUM_TEST_PACKAGE=1 to run it")
def test_the_package_builds_and_starts(tmp_path):
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    assert pyinstaller, "PyInstaller is not installed: pip install -e '.[package]'"
    build = subprocess.run([pyinstaller, "--noconfirm", "--clean", "--log-level", "WARN",
                            "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"),
                            str(ROOT / "packaging" / "quorum.spec")],
                           cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert build.returncode == 0, build.stderr[-4000:]
    smoke = subprocess.run([str(ROOT / "packaging" / "smoke.sh"), str(tmp_path / "dist" / "Quorum")],
                           cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert smoke.returncode == 0, smoke.stdout[-2000:] + smoke.stderr[-2000:]
    assert "Smoke start passed" in smoke.stdout
    assert not (tmp_path / "dist" / "Quorum" / "_internal" / "app" / "server").exists()  # head office's, not a laptop's
    packed = (tmp_path / "build" / "quorum" / "PYZ-00.toc").read_text()
    for library in ("fastapi", "uvicorn", "sqlalchemy", "psycopg", "jinja2", "argon2", "app.server.api"):
        assert f"'{library}" not in packed, f"{library} is in the chair's package"
    assert "'app.server.commands'" in packed
