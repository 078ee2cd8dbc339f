"""View › Larger text and Appearance: the whole app follows, the choice is remembered, colours stay readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.services import AssociationFile, QuorumState
from tests.conftest import DEMO_DAY
from ui import appearance
from ui.console.quorum_indicator import QuorumIndicator
from ui.main_window import MainWindow
from ui.session import Session

CTRL = Qt.KeyboardModifier.ControlModifier
Role = QPalette.ColorRole


@pytest.fixture(autouse=True)
def system_look(qapp):
    """Each test starts and ends with the system's own font and colours."""
    appearance.reset_to_system()
    appearance._System.remember(qapp)
    yield
    appearance.reset_to_system()


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


def size() -> float:
    return QApplication.font().pointSizeF() / appearance._System.font.pointSizeF()


def test_ctrl_plus_and_minus_change_every_widgets_text(qtbot, window):
    before = window.members_page.search.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    assert size() == pytest.approx(1.15)
    qtbot.keyClick(window, Qt.Key.Key_Equal, CTRL)  # the same key without Shift, as on a UK keyboard
    assert size() == pytest.approx(1.30)
    QApplication.processEvents()  # widgets hear of the new font through posted events
    assert window.members_page.search.font().pointSizeF() == pytest.approx(before * 1.3)
    assert int(QSettings().value(appearance.SIZE_KEY)) == 130
    qtbot.keyClick(window, Qt.Key.Key_Minus, CTRL)
    assert size() == pytest.approx(1.15)
    qtbot.keyClick(window, Qt.Key.Key_0, CTRL)
    assert size() == pytest.approx(1.0)


@pytest.mark.parametrize("look", ["light", "contrast"])
def test_text_drawn_through_a_style_sheet_grows_too(qtbot, window, look):
    """The settings' explanations and the high-contrast look use style sheets, which hold on to the old font."""
    from ui.empty_state import EmptyState

    appearance.set_appearance(look)
    note = window.findChild(EmptyState) or window.meetings_page.next_meeting
    note.setStyleSheet("color: palette(placeholder-text);")
    before = note.font().pointSizeF()
    appearance.set_text_size(150)
    QApplication.processEvents()
    assert note.font().pointSizeF() == pytest.approx(before * 1.5)
    assert window.members_page.search.font().pointSizeF() == pytest.approx(before * 1.5)


def test_sizes_stop_at_the_largest_and_smallest(qtbot):
    for _ in range(10):
        appearance.step_text_size(1)
    assert appearance.text_size() == appearance.TEXT_SIZES[-1]
    for _ in range(10):
        appearance.step_text_size(-1)
    assert appearance.text_size() == 100


def test_the_text_size_and_look_are_remembered_for_the_next_start(qapp):
    QSettings().setValue(appearance.SIZE_KEY, 150)
    QSettings().setValue(appearance.LOOK_KEY, "dark")
    appearance.apply_saved()
    assert size() == pytest.approx(1.5)
    assert qapp.palette().color(Role.Window) == QColor(appearance.LOOKS["dark"][0])
    assert "indicator" in qapp.styleSheet()  # dark check boxes drawn so an unticked one still shows


def test_the_appearance_menu_offers_four_looks_and_ticks_the_one_chosen(window, qapp):
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    looks = next(a.menu() for a in view.actions() if a.text() == "&Appearance")
    names = [a.text().replace("&", "") for a in looks.actions()]
    assert names == ["Follow the system", "Light", "Dark", "High contrast"]
    looks.actions()[3].trigger()
    assert [a.isChecked() for a in looks.actions()] == [False, False, False, True]
    assert qapp.palette().color(Role.Window) == QColor("#000000")
    assert "border" in qapp.styleSheet()  # frames drawn in white, since Fusion's vanish on black
    looks.actions()[0].trigger()
    assert qapp.styleSheet() == ""
    assert qapp.palette().color(Role.Window) == appearance._System.palette.color(Role.Window)


def _contrast(first: QColor, second: QColor) -> float:
    def luminance(colour: QColor) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("look", ["light", "dark", "contrast"])
def test_every_look_is_easy_to_read(look):
    palette = appearance.palette(look)
    for text, ground, least in ((Role.WindowText, Role.Window, 7), (Role.Text, Role.Base, 7),
                                (Role.ButtonText, Role.Button, 7), (Role.HighlightedText, Role.Highlight, 7),
                                (Role.Link, Role.Base, 7), (Role.PlaceholderText, Role.Base, 4.5)):
        ratio = _contrast(palette.color(text), palette.color(ground))
        assert ratio >= least, f"{look}: {text.name} on {ground.name} is only {ratio:.1f}:1"
    disabled = palette.color(QPalette.ColorGroup.Disabled, Role.WindowText)
    assert 3 <= _contrast(disabled, palette.color(Role.Window)) < _contrast(palette.color(Role.WindowText),
                                                                           palette.color(Role.Window))


@pytest.mark.parametrize("quorate", [True, False])
def test_the_quorum_sign_says_it_in_words_and_a_symbol_not_only_colour(qtbot, quorate):
    sign = QuorumIndicator()
    qtbot.addWidget(sign)
    state = QuorumState(present=12 if quorate else 3, required=10, member_count=119, quorate=quorate,
                        needed=0 if quorate else 7)
    sign.show_state(state)
    assert sign.text().startswith("✔" if quorate else "✖")
    assert state.sentence in sign.text()
    assert ("Not quorate" in sign.text()) != quorate

