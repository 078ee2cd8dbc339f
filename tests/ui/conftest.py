"""Widget tests: offscreen, with QSettings kept in the test's own folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def private_settings(tmp_path):
    QCoreApplication.setOrganizationName("QuorumTests")
    QCoreApplication.setApplicationName("QuorumTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    yield
