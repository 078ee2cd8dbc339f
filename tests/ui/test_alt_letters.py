"""No Alt-letter is used twice in a window, nor twice in a menu.

Alt+M that reaches "New motion…", then "New member…" and only on the third press the Meeting menu
is worse than no letter at all. Every main screen (in each of its tabs and pages), the console's
dialogs, the main window's dialogs and every menu are walked as they are shown.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabBar,
    QWidget,
)

from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from tests.ui import screens
from tests.ui.screens import settle
from ui.session import Session

ALL = [*screens.ON_THE_DEMO, *screens.IN_A_NEW_FOLDER]
MNEMONIC = re.compile(r"&([^&\s])")


def letter(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def window_letters(window: QWidget) -> dict[str, list[str]]:
    """Each Alt-letter live in ``window`` now, with the texts that use it."""
    used: dict[str, list[str]] = defaultdict(list)

    def note(text: str) -> None:
        if letter(text):
            used[letter(text)].append(text)

    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.isVisible():
                note(action.text())
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton) or isinstance(widget, QLabel) and widget.buddy() is not None:
            note(widget.text())
        elif isinstance(widget, QGroupBox):
            note(widget.title())
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                note(widget.tabText(i))
    return used


def menu_letters(menu: QMenu) -> list[str]:
    """Letters used twice in one menu (and its submenus, each on its own)."""
    used: dict[str, list[str]] = defaultdict(list)
    problems = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        if letter(action.text()):
            used[letter(action.text())].append(action.text())
        if action.menu() is not None:
            problems += menu_letters(action.menu())
    problems += [f"{menu.title()}: Alt+{k.upper()} for {v}" for k, v in used.items() if len(v) > 1]
    return problems


def twice(window: QWidget, where: str) -> list[str]:
    problems = [f"{where}: Alt+{k.upper()} for {v}" for k, v in window_letters(window).items() if len(v) > 1]
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.menu() is not None:
                problems += [f"{where}, {p}" for p in menu_letters(action.menu())]
    return problems


@pytest.fixture(params=ALL, ids=[build.__name__ for build in ALL])
def screen(request, qtbot, demo_path, tmp_path):
    build = request.param
    with build(qtbot, demo_path if build in screens.ON_THE_DEMO else tmp_path) as shown:
        yield shown


def test_no_alt_letter_twice_on_any_main_screen(screen):
    problems = []
    for state, show in screen.states:
        show()
        settle()
        problems += twice(screen.window, f"{screen.name}, {state}")
    assert not problems, "\n".join(problems)


def test_the_walk_finds_a_letter_used_twice(qtbot):
    """The check itself can fail: two buttons with Alt+M in one window are found."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton

    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    for text in ("New &motion…", "New &member…", "&Guest…"):
        row.addWidget(QPushButton(text))
    window.show()
    assert twice(window, "test") == ["test: Alt+M for ['New &motion…', 'New &member…']"]


@pytest.fixture
def console(qtbot, demo_path):
    from ui.console.window import ConsoleWindow

    book = AssociationFile.open(demo_path)
    book.set_rules(replace(book.rules(), proxies_allowed=True, proxy_notice_days=0), date(2000, 1, 1))
    meeting = book.meetings.find_meeting("next", today=DEMO_DAY)
    book.meetings.open_meeting(meeting.id, at="18:45", backup=False)
    window = ConsoleWindow(Session(book), meeting.id, today=DEMO_DAY)
    qtbot.addWidget(window)
    window.show()
    for member in book.register.voting_members(meeting.date)[:12]:
        window.door.check_in(member)
    motions = next(item for item in book.meetings.agenda(meeting.id) if item.kind == "motion")
    window.go_to(motions.id)
    book.decisions.propose_motion(meeting.id, "That the association holds a gala day.", agenda_item_id=motions.id)
    window.refresh()
    yield window
    window.close()
    book.close()


def test_no_alt_letter_twice_in_the_console_or_its_dialogs(qtbot, console):
    door, decisions, closing = console.door, console.decisions, console.closing
    problems = twice(console, "console")
    console.fold_agenda(True)
    problems += twice(console, "console with the agenda folded")
    console.fold_agenda(False)
    openers = {"new motion": decisions.new_motion, "vote on a prepared motion": decisions.record_vote,
               "election": decisions.election, "new action": decisions.new_action, "guest": door.add_guest,
               "walk-in": door.walk_in, "proxy": door.add_proxy, "close the meeting": closing.close_meeting,
               "projector": console.toggle_projector}
    for name, open_it in openers.items():
        open_it()
        settle()
        shown = [w for w in console.findChildren(QDialog) if w.isVisible()]
        assert len(shown) == 1, (name, shown)
        problems += twice(shown[0], name)
        shown[0].close()
        settle()
    assert not problems, "\n".join(problems)


def test_no_alt_letter_twice_in_the_main_window_dialogs(qtbot, demo_path):
    from ui.main_window import MainWindow

    window = MainWindow(Session(AssociationFile.open(demo_path)), today=DEMO_DAY)
    qtbot.addWidget(window)
    window.show()
    problems, checked = [], []
    openers = [a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()
               if a.text().endswith("…") and a.isEnabled()]
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        settle()
        openers += [(tab, b) for b in window.tabs.currentWidget().findChildren(QAbstractButton)
                    if b.text().endswith("…") and b.isVisible() and b.isEnabled()]
    skipped = ("Open", "New", "Import", "Restore", "Export", "Save", "Send", "Enrol", "Quit")
    for opener in openers:
        if isinstance(opener, tuple):
            window.tabs.setCurrentIndex(opener[0])
            action = opener[1]
            action.trigger = action.click
        else:
            action = opener
        if any(action.text().replace("&", "").startswith(s) for s in skipped):
            continue  # file choosers belong to the system; the rest open a dialog of Quorum's
        before = {id(w) for w in window.findChildren(QDialog) if w.isVisible()}
        closer = QTimer(window)  # a blocking "choose a meeting first" box is answered, not waited on
        closer.timeout.connect(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox)
                               and QApplication.activeModalWidget().reject())
        closer.start(50)
        action.trigger()
        closer.stop()
        settle()
        shown = [w for w in window.findChildren(QDialog)
                 if w.isVisible() and id(w) not in before and not isinstance(w, QMessageBox)]
        for dialog in shown:
            checked.append(action.text().replace("&", ""))
            problems += twice(dialog, action.text().replace("&", ""))
            tabs = dialog.findChild(QTabBar)
            for i in range(tabs.count() if tabs else 0):
                tabs.setCurrentIndex(i)
                settle()
                problems += twice(dialog, f"{action.text()}, tab {tabs.tabText(i)}")
            QThreadPool.globalInstance().waitForDone(30000)  # a preview still being drawn, as a chair would wait
            settle()
            dialog.close()
        settle()
    window.close()
    window.session.close()
    assert len(checked) >= 8, checked
    assert not problems, "\n".join(problems)
