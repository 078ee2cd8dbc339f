"""Files shipped with Quorum (the icon, the guide), found the same way from a checkout and a package.

PyInstaller puts ``resources/`` beside the frozen modules, so a path relative to this file works in
both; nothing here depends on the current folder, since the app may be started from a menu.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)


def app_icon():
    """The speech bubble with a tick: the SVG scales to any size, the PNG is there if SVG cannot load."""
    from PySide6.QtGui import (
        QIcon,  # loading it takes a while: not before the first paint (ui/application.py)
    )

    icon = QIcon(str(resource("icons", "quorum.svg")))
    icon.addFile(str(resource("icons", "quorum.png")))
    return icon
