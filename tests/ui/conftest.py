"""Widget tests: offscreen, with QSettings kept in the test's own folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def collected_on_the_gui_thread(qapp):
    """As in the app (ui/garbage.py): cycles holding Qt objects are collected on the GUI thread, never by
    a worker laying out a PDF. Collected at the end of each test, then automatic collection is given
    back, so tests without Qt run as Python usually does."""
    import gc

    from ui import garbage

    garbage.collect_on_gui_thread(qapp)
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture(autouse=True)
def private_settings(tmp_path):
    QCoreApplication.setOrganizationName("QuorumTests")
    QCoreApplication.setApplicationName("QuorumTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    yield


@pytest.fixture(autouse=True)
def console_built_when_asked(monkeypatch):
    """The console is built ahead of time only in the tests that wait for it (tests/ui/test_console_ahead.py),
    so that whether "Run this meeting" finds one ready never depends on how quickly a test runs."""
    from ui.console.ahead import ConsoleAhead

    monkeypatch.setattr(ConsoleAhead, "AFTER_MS", None)

