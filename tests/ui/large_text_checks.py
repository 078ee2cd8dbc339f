"""In large text (150% unless told), every screen still fits the screen and no button or label is cut off.

Run by test_large_text.py in a child process whose offscreen screen is a real laptop's size (the
test suite's own screen is 800x600, and Qt sizes some windows from the screen it is on).
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QLabel,
    QScrollArea,
    QTabBar,
    QWidget,
)

from tests.conftest import DEMO_DAY
from tests.ui import screens
from tests.ui.screens import settle
from ui import appearance
from ui.models.actions import ANSWER_COLUMN

ALL = [*screens.ON_THE_DEMO, *screens.IN_A_NEW_FOLDER]
SIZE = int(os.environ.get("QUORUM_TEST_TEXT_SIZE", "150"))  # percent, set by test_large_text.py


@pytest.fixture
def large_text(qapp):
    appearance.reset_to_system()
    appearance.apply_text_size(SIZE)
    yield
    appearance.reset_to_system()


@pytest.fixture(params=ALL, ids=[build.__name__ for build in ALL])
def screen(request, qtbot, demo_path, tmp_path, large_text):
    build = request.param
    with build(qtbot, demo_path if build in screens.ON_THE_DEMO else tmp_path) as shown:
        if build is screens.console:  # the app shows it maximized
            shown.window.showMaximized()
            settle()
        yield shown


def cut_off(window: QWidget) -> list[str]:
    """Buttons narrower or lower than their text needs, labels too small for their words, number boxes too
    narrow for theirs ("Up to the start of the meeting"), elided tabs."""
    problems = []
    screen = QApplication.primaryScreen().availableGeometry()
    if window.width() > screen.width() or window.height() > screen.height():
        problems.append(f"the window is {window.width()}x{window.height()}, larger than the screen")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            need = widget.sizeHint()
            if widget.width() < need.width() or widget.height() < need.height():
                problems.append(f"button {widget.text()!r} is {widget.width()}x{widget.height()}, "
                                f"needs {need.width()}x{need.height()}")
        elif isinstance(widget, QAbstractSpinBox) and widget.width() < widget.sizeHint().width():
            problems.append(f"{widget.accessibleName()!r} is {widget.width()} wide, its words need "
                            f"{widget.sizeHint().width()}")
        elif isinstance(widget, QLabel) and widget.text():
            problems += _label_cut(widget)
        elif isinstance(widget, QTabBar):
            problems += [f"tab {widget.tabText(i)!r} is elided" for i in range(widget.count())
                         if widget.tabRect(i).width() < widget.tabSizeHint(i).width()]
    return problems


def _label_cut(label: QLabel) -> list[str]:
    text = label.text()[:60]
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        return [f"label {text!r} is {label.height()} high, needs {need}"] if label.height() < need else []
    need = label.sizeHint()
    if label.width() < need.width() or label.height() < need.height():
        return [f"label {text!r} is {label.width()}x{label.height()}, needs {need.width()}x{need.height()} "
                "(it does not wrap)"]
    return []


def test_nothing_is_cut_off_in_large_text(screen):
    problems = []
    for state, show in screen.states:
        show()
        settle()
        problems += [f"{state}: {problem}" for problem in cut_off(screen.window)]
    size = QApplication.primaryScreen().availableGeometry().size()
    assert not problems, f"{screen.name} at {SIZE}% on {size.width()}x{size.height()}:\n" + "\n".join(problems)


def test_the_text_really_is_larger(qapp, large_text):
    assert qapp.font().pointSizeF() == pytest.approx(appearance.system_font().pointSizeF() * SIZE / 100)


def _within_the_screen(window: QWidget) -> list[str]:
    """The window, and the attendance list at the bottom of the console, end above the screen's bottom edge."""
    screen = QApplication.primaryScreen().availableGeometry()
    problems = []
    if window.frameGeometry().bottom() > screen.bottom():
        problems.append(f"the window ends at {window.frameGeometry().bottom()}, below the screen's {screen.bottom()}")
    attendance = window.checkin.attendance
    bottom = attendance.mapToGlobal(attendance.rect().bottomLeft()).y()
    if bottom > screen.bottom():
        problems.append(f"the attendance list ends at {bottom}, below the screen's {screen.bottom()}")
    return problems


def test_the_console_fits_the_screen_when_not_maximized(qtbot, demo_path, large_text):
    """Where nothing maximizes it (no window manager, or the chair restored it), the console is still no taller
    than the screen: at 200% it once kept the least height its columns had before the agenda folded into tabs,
    and the attendance list and the status bar ran off the bottom of a 768-pixel screen."""
    with screens.console(qtbot, demo_path) as shown:
        settle()
        assert not _within_the_screen(shown.window)


def test_larger_text_mid_meeting_keeps_the_console_on_the_screen(qtbot, demo_path):
    """The chair turns the text up with Ctrl++ during the meeting, from the system's size to this size."""
    appearance.reset_to_system()
    try:
        with screens.console(qtbot, demo_path) as shown:
            settle()
            while appearance.text_size() < SIZE:
                qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
                settle()
            assert appearance.text_size() == SIZE
            assert not _within_the_screen(shown.window)
    finally:
        appearance.reset_to_system()


def test_the_time_on_the_item_and_the_clock_read_on_one_line(qtbot, demo_path, large_text):
    """At 200% the clock once wrapped beside the folded agenda: "· Now" at the end of one line, "19:42" on the next.
    Under the folded agenda the time on the item has the item's width, and reads on one line too."""
    with screens.console(qtbot, demo_path) as shown:
        window = shown.window
        window.showMaximized()
        settle()
        one_line = [window.clock, window.timer] if window.folded_agenda.isVisible() else [window.clock]
        for label in one_line:
            assert label.isVisible() and label.text()
            assert label.height() < 2 * label.fontMetrics().lineSpacing(), f"{label.text()!r} takes two lines"
            assert label.width() >= label.fontMetrics().horizontalAdvance(label.text()), f"{label.text()!r} is cut off"


def test_an_action_has_room_for_its_words_in_the_console(qtbot, demo_path, large_text):
    """The landlord's answer column shows only beside an ask of the landlord: empty, it took half the width
    left for the action's words, and at 150% they wrapped a word to a line ("Send / the / annual / return")."""
    with screens.console(qtbot, demo_path) as shown:
        window, book = shown.window, shown.window.book
        window.showMaximized()
        motions = next(item for item in book.meetings.agenda(window.meeting.id) if item.kind == "motion")
        window.go_to(motions.id)
        owner = book.register.members()[0]
        window.session.apply(book.actions.add_action, window.meeting.id, "Send the annual return and accounts to "
                             "the landlord", owner_name=owner.name, owner_member_id=owner.id, due=DEMO_DAY, agenda_item_id=motions.id)
        settle()
        table = window.item_panel.actions
        if window.item_panel.compacted:
            window.item_panel.decision_tabs.setCurrentWidget(window.item_panel.actions_section)
            settle()
        width, letters = table.columnWidth(0), table.fontMetrics().averageCharWidth()
        assert table.isColumnHidden(ANSWER_COLUMN)
        assert width >= 16 * letters, f"the action's words have {width} pixels, {width // letters} letters"


def test_the_rules_page_of_the_first_run_wizard_has_room_to_read(qtbot, tmp_path, large_text):
    """The wizard grows with the text as far as the screen allows: at 200% it stayed 620 pixels high, and the
    rules a new chair checks against the constitution scrolled past nine lines at a time (about three rules)."""
    with screens.first_run(qtbot, tmp_path) as shown:
        shown.states[2][1]()  # the rules page
        settle()
        rules = shown.window.currentPage().findChild(QScrollArea)
        lines = rules.viewport().height() / rules.fontMetrics().lineSpacing()
        assert lines >= 11, f"the rules show {lines:.1f} lines at a time"


def test_an_election_shows_each_candidate_s_whole_name(qtbot, demo_path, large_text):
    """The candidates' column kept Qt's 100 pixels while the votes took the rest: at 200% "Isla MacD"."""
    with screens.election_dialog(qtbot, demo_path) as shown:
        dialog = shown.window
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
        for name in ("Isla MacDonald", "Catriona MacLeod-Fraser", "Kwame Osei-Bonsu"):
            dialog.candidate.setFocus()
            qtbot.keyClicks(QApplication.focusWidget(), name)
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        settle()
        assert dialog.names() == ["Isla MacDonald", "Catriona MacLeod-Fraser", "Kwame Osei-Bonsu"]
        problems = cut_off(dialog)
        for row in range(dialog.table.rowCount()):
            name, votes = dialog.table.cellWidget(row, 0), dialog.table.cellWidget(row, 1)
            if name.width() < name.sizeHint().width():
                problems.append(f"{name.text()!r} is {name.width()} wide, needs {name.sizeHint().width()}")
            if votes.height() < votes.minimumSizeHint().height():
                problems.append(f"the votes for {name.text()!r} are {votes.height()} high")
        assert not problems, "\n".join(problems)


def test_the_import_s_column_choices_never_scroll_sideways(qtbot, demo_path, large_text):
    """At 200% each column's list sat beside its label in a column too narrow for both: "First name (e" with a
    scroll bar under it. At large text the label goes above its list."""
    with screens.import_preview(qtbot, demo_path) as shown:
        settle()
        mapping = shown.window.mapping_area
        sideways = mapping.horizontalScrollBar().maximum()
        assert sideways == 0, f"the column choices are {sideways} pixels wider than their box"
        for combo in shown.window.columns.values():
            assert combo.width() >= combo.minimumSizeHint().width(), f"{combo.accessibleName()!r} is squeezed"


def test_a_member_s_notes_have_room_for_two_lines(qtbot, demo_path, large_text):
    """The notes box was held to 70 pixels: two lines at the system's size, one and a half at 200%."""
    with screens.member_dialog(qtbot, demo_path) as shown:
        settle()
        notes = shown.window.notes
        margins = 2 * (notes.frameWidth() + round(notes.document().documentMargin()))
        lines = (notes.height() - margins) / notes.fontMetrics().lineSpacing()
        assert lines >= 2, f"the notes have room for {lines:.1f} lines"
