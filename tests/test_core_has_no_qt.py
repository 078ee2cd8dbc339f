"""The core package (``app``) must never import Qt: the head-office server and the CLI use it without a display.

The check runs in a fresh interpreter, because pytest-qt may already have imported PySide6 into this one.
"""

import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Imports the package and every submodule, then reports which modules (if any) pulled in Qt.
# app.server* and app.sync* may be skipped, but only when a third-party (optional) dependency is missing.
CHECK = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys

    PACKAGE = sys.argv[1]
    OPTIONAL = (PACKAGE + ".server", PACKAGE + ".sync")
    QT = ("PySide6", "shiboken6")

    def qt_loaded():
        return sorted(m for m in sys.modules if m.split(".")[0] in QT)

    assert not qt_loaded(), "Qt was loaded before the check started"

    def optional(name):
        return any(name == p or name.startswith(p + ".") for p in OPTIONAL)

    def missing_optional_dependency(name, error):
        if not (optional(name) and isinstance(error, ModuleNotFoundError) and error.name):
            return False
        top = error.name.split(".")[0]
        return top != PACKAGE and top not in QT

    report = {"imported": [], "skipped": [], "errors": [], "qt_from": []}

    def load(name):
        before = set(qt_loaded())
        try:
            importlib.import_module(name)
        except Exception as error:
            if missing_optional_dependency(name, error):
                report["skipped"].append(name)
            else:
                report["errors"].append(f"{name}: {type(error).__name__}: {error}")
            return
        report["imported"].append(name)
        if set(qt_loaded()) - before:
            report["qt_from"].append(name)

    load(PACKAGE)
    package = sys.modules.get(PACKAGE)
    if package is not None:
        names = [
            info.name
            for info in pkgutil.walk_packages(package.__path__, PACKAGE + ".", onerror=lambda name: None)
        ]
        for name in names:
            load(name)
    report["pyside6_loaded"] = "PySide6" in sys.modules
    report["qt_modules"] = qt_loaded()
    print(json.dumps(report))
    """
)


def run_check(package, cwd):
    completed = subprocess.run(
        [sys.executable, "-c", CHECK, package],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_core_has_no_qt():
    report = run_check("app", REPO)
    assert not report["errors"], "could not import every app module:\n" + "\n".join(report["errors"])
    assert "app" in report["imported"]
    assert "app.rules" in report["imported"]
    assert not report["qt_from"], f"these app modules import Qt: {report['qt_from']}"
    assert report["pyside6_loaded"] is False, report["qt_modules"]


def test_check_catches_a_module_that_imports_qt(tmp_path):
    """The check above must really fail when a submodule, however deep, imports PySide6."""
    if importlib.util.find_spec("PySide6") is None:
        pytest.skip("PySide6 is not installed, so no module can import it")
    package = tmp_path / "fakecore"
    (package / "deep").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "pure.py").write_text("import fractions\n")
    (package / "deep" / "__init__.py").write_text("")
    (package / "deep" / "widget.py").write_text("from PySide6 import QtCore\n")
    report = run_check("fakecore", tmp_path)
    assert report["qt_from"] == ["fakecore.deep.widget"]
    assert report["pyside6_loaded"] is True


def test_check_skips_server_and_sync_only_for_missing_optional_deps(tmp_path):
    package = tmp_path / "fakecore"
    (package / "sync").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "server.py").write_text("import quorum_optional_dependency_that_is_not_installed\n")
    (package / "sync" / "__init__.py").write_text("from fakecore import missing_sibling\n")
    (package / "store.py").write_text("import quorum_optional_dependency_that_is_not_installed\n")
    report = run_check("fakecore", tmp_path)
    assert report["skipped"] == ["fakecore.server"]
    assert sorted(error.split(":")[0] for error in report["errors"]) == ["fakecore.store", "fakecore.sync"]
