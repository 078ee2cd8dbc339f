"""Help › Your first meeting (F1): the guide opens, says before, during and after, and matches the app."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from ui.guide import GUIDE, GuideWindow
from ui.main_window import MainWindow
from ui.session import Session

TEXT = GUIDE.read_text(encoding="utf-8")


@pytest.fixture
def window(qtbot, demo_path):
    shown = MainWindow(Session(AssociationFile.open(demo_path)), today=DEMO_DAY)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.windowHandle().requestActivate()
    qtbot.waitUntil(shown.isActiveWindow, timeout=3000)
    yield shown
    shown.session.close()


def _menu_items(window) -> dict[str, dict[str, QAction]]:
    """Menu title -> item text -> action, with the & and … a chair does not read."""
    def plain(text: str) -> str:
        return text.replace("&", "").rstrip("…")

    items = {}
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        found = {}
        for action in menu.actions():
            found[plain(action.text())] = action
            if action.menu():
                found.update({plain(sub.text()): sub for sub in action.menu().actions()})
        items[plain(menu_action.text())] = found
    return items


def test_f1_opens_the_guide_once(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guides = window.findChildren(GuideWindow)
    assert len(guides) == 1 and guides[0].isVisible()
    assert guides[0].windowTitle() == "Your first meeting with Quorum"
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert len(window.findChildren(GuideWindow)) == 1  # asked again, the same guide comes forward


def test_the_guide_covers_before_during_and_after(qtbot):
    guide = GuideWindow()
    qtbot.addWidget(guide)
    shown = guide.browser.toPlainText()
    for heading in ("Before the meeting", "During the meeting", "After the meeting", "Keeping your records safe"):
        assert heading in shown
    assert "#" not in shown and "**" not in shown  # read as Markdown, not shown as its marks


def test_every_menu_item_the_guide_names_exists(window):
    items = _menu_items(window)
    named = re.findall(r"\*\*(File|View|Help) › ([^*]+?)\*\*", TEXT)
    assert len(named) >= 5
    for menu, words in named:
        item = " ".join(words.split()).rstrip("…")
        assert item in items[menu], f"the guide names {menu} › {item}, which the app does not have"


def test_the_keys_in_the_guide_are_the_consoles(qtbot, demo_path):
    from ui.console.window import ConsoleWindow

    book = AssociationFile.open(demo_path)
    meeting = book.meetings.find_meeting("next")
    book.meetings.open_meeting(meeting.id, at="18:45")
    console = ConsoleWindow(Session(book), meeting.id, today=DEMO_DAY)
    qtbot.addWidget(console)
    shortcuts = {action.shortcut().toString() for action in console.findChildren(QAction)
                 if not action.shortcut().isEmpty()}
    table = dict(re.findall(r"^\| ((?:Ctrl|Alt|F)[^|]*?) \| ([^|]+?) \|$", TEXT, flags=re.MULTILINE))
    assert len(table) >= 15
    assert set(table) <= shortcuts, set(table) - shortcuts
    meeting_menu = [a for a in console.menuBar().actions() if a.text() == "&Meeting"][0].menu()
    listed = {a.shortcut().toString() for a in meeting_menu.actions() if not a.shortcut().isEmpty()}
    assert listed <= set(table), f"console keys missing from the guide: {listed - set(table)}"
    console.close()
    book.close()
