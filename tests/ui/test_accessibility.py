"""Every control on the main screens is reached with Tab and has a name a screen reader can say.

Some chairs cannot use a mouse, and some use a screen reader: a button the keyboard never reaches,
or one read out as just "button", shuts them out of that part of the meeting.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton, QWidget

from tests.ui import screens
from tests.ui.screens import describe, interactive, settle

ALL = [*screens.ON_THE_DEMO, *screens.IN_A_NEW_FOLDER]


@pytest.fixture(params=ALL, ids=[build.__name__ for build in ALL])
def screen(request, qtbot, demo_path, tmp_path):
    build = request.param
    with build(qtbot, demo_path if build in screens.ON_THE_DEMO else tmp_path) as shown:
        yield shown


def activate(qtbot, window: QWidget) -> None:
    window.activateWindow()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def owner(widget: QWidget | None, controls: list[QWidget]) -> QWidget | None:
    """The control a focused widget belongs to (a spin box owns the text box inside it)."""
    while widget is not None and widget not in controls:
        widget = widget.parentWidget()
    return widget


def tab_walk(qtbot, window: QWidget, controls: list[QWidget], stray: list[QWidget] | None = None) -> list[QWidget]:
    """Press Tab from the first control until focus comes back to it; the controls reached, in order.

    Anything else that takes the focus on the way (a frame, a scroll area) goes into ``stray``: the
    focus seems to vanish there, and the chair presses Tab again without knowing where they are.
    """
    activate(qtbot, window)
    controls[0].setFocus(Qt.FocusReason.TabFocusReason)
    start = QApplication.focusWidget()
    reached: list[QWidget] = []
    for _ in range(3 * len(controls) + 20):
        focused = owner(QApplication.focusWidget(), controls)
        if focused is not None and focused not in reached:
            reached.append(focused)
        if focused is None and stray is not None and QApplication.focusWidget() not in stray:
            stray.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is start:
            break
    return reached


def _group_reached(widget: QWidget, reached: list[QWidget]) -> bool:
    """Tab stops once in a group of radio buttons, on the chosen one; the arrow keys move within it."""
    if not isinstance(widget, QRadioButton):
        return False
    group = widget.group()
    siblings = group.buttons() if group is not None and group.exclusive() else \
        [w for w in widget.parentWidget().findChildren(QRadioButton) if w.autoExclusive()]
    return any(sibling in reached for sibling in siblings)


def test_every_control_has_an_accessible_name(screen):
    missing = []
    for state, show in screen.states:
        show()
        settle()
        missing += [f"{state}: {describe(w)}" for w in interactive(screen.window) if not w.accessibleName().strip()]
    assert not missing, f"{screen.name}: controls without an accessible name:\n" + "\n".join(missing)


def test_tab_reaches_every_control(qtbot, screen):
    for state, show in screen.states:
        show()
        settle()
        controls = interactive(screen.window)
        assert controls, f"{screen.name}, {state}: no controls found"
        stray: list[QWidget] = []
        reached = tab_walk(qtbot, screen.window, controls, stray)
        missed = [describe(w) for w in controls if w not in reached and not _group_reached(w, reached)]
        assert not missed, f"{screen.name}, {state}: Tab never reaches:\n" + "\n".join(missed)
        assert not stray, f"{screen.name}, {state}: Tab stops on what is not a control:\n" + \
            "\n".join(describe(w) for w in stray)
