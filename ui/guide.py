"""The in-app guide "Your first meeting with Quorum": before, during and after, in plain words.

The text lives in resources/guide as Markdown, so it can be corrected without touching code, and is
shown in a QTextBrowser that follows the app's text size and colours.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ui.resources import resource

GUIDE = resource("guide", "first-meeting.md")
TITLE = "Your first meeting with Quorum"


class GuideWindow(QDialog):
    """Not modal: the chair can keep it open beside the main window while trying each step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(TITLE)
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(GUIDE.parent)])
        self.browser.setMarkdown(GUIDE.read_text(encoding="utf-8"))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close the guide")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(760, int(screen.width() * 0.9)), min(820, int(screen.height() * 0.9)))
        self.browser.setFocus()  # arrows and Page Down scroll at once


def show_guide(parent: QWidget | None = None) -> GuideWindow:
    """One guide per window: asking again brings it to the front."""
    guide = parent.findChild(GuideWindow) if parent is not None else None
    if guide is None:
        guide = GuideWindow(parent)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide


def guide_action(window: QWidget) -> QAction:
    """Help › Your first meeting… on F1 (and the system's own help key, where it differs)."""
    action = QAction("Your &first meeting…", window)
    keys = [QKeySequence("F1")]
    system = QKeySequence(QKeySequence.StandardKey.HelpContents)
    if not system.isEmpty() and system != keys[0]:
        keys.append(system)
    action.setShortcuts(keys)
    action.triggered.connect(lambda: show_guide(window))
    return action
