"""The application icon loads, and the freedesktop entry names it and starts Quorum without a terminal."""

from __future__ import annotations

import configparser
from pathlib import Path

from PySide6.QtCore import QSize

from ui.resources import app_icon, resource

DESKTOP = Path(__file__).resolve().parents[2] / "packaging" / "quorum.desktop"


def test_the_icon_draws_at_every_size(qapp):
    icon = app_icon()
    assert not icon.isNull()
    for size in (16, 32, 48, 256):
        assert not icon.pixmap(QSize(size, size)).isNull()
    assert resource("icons", "quorum.png").stat().st_size > 1000


def test_the_desktop_entry_starts_quorum_without_a_terminal():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name"] == "Quorum"
    assert desktop["Terminal"] == "false"
    assert desktop["Icon"] == "quorum"  # the name set with QGuiApplication.setDesktopFileName("quorum")
    assert desktop["Exec"].endswith("/Quorum")
    assert "Office;" in desktop["Categories"]
