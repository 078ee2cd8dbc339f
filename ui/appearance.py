"""Text size and colours: the system's by default, larger text or another look when the chair asks.

Many chairs read small print with difficulty, and community halls are bright or dim. The app font
is what every widget inherits, so one change reflows every open window; the choice is remembered
in QSettings and applied at the next start before any window is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication

from ui.resources import resource

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QPalette
    from PySide6.QtWidgets import QMainWindow, QMenu

# Qt's classes other than the two above are named by attribute (QtGui.QFont) where they are used:
# this module is imported before the first paint, and PySide6 builds each class it is asked for,
# with all its enums, on the spot. At the system's own text size and look nothing here needs them.

TEXT_SIZES = (100, 115, 130, 150, 175, 200)  # percent of the system's own text size
APPEARANCES = (
    ("system", "Follow the &system"),
    ("light", "&Light"),
    ("dark", "&Dark"),
    ("contrast", "&High contrast"),
)
SIZE_KEY, LOOK_KEY, SYSTEM_DARK_KEY = "view/text_size", "view/appearance", "view/system_was_dark"

# Each look: window, text, base (inside boxes), button, highlight, highlighted text, link, hint text.
# Pairs are chosen for a contrast of at least 7:1 (WCAG AAA), hint text at least 4.5:1.
LOOKS = {
    "light": ("#f4f5f2", "#141414", "#ffffff", "#e6e8e3", "#00574f", "#ffffff", "#004d46", "#595959"),
    "dark": ("#1f2326", "#ececec", "#15181a", "#2e3337", "#7fd1c7", "#000000", "#8fdcd2", "#a8a8a8"),
    "contrast": ("#000000", "#ffffff", "#000000", "#000000", "#ffff00", "#000000", "#00ffff", "#d0d0d0"),
}
# Fusion draws frames a shade darker than the window, which vanishes on black: draw them in white.
CONTRAST_SHEET = """
QPushButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView,
QTabBar::tab, QGroupBox, QFrame#EmptyState { border: 2px solid #ffffff; }
QHeaderView { border: none; }
QHeaderView::section { background: #000000; color: #ffffff; border: 1px solid #ffffff; padding: 2px 6px; }
QPushButton { padding: 4px 12px; }
QTabBar::tab { padding: 4px 12px; }
QTabBar::tab:selected { background: #ffffff; color: #000000; }
QGroupBox { margin-top: 1.4em; padding-top: 4px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; }
QCheckBox::indicator, QRadioButton::indicator { width: 14px; height: 14px; border: 2px solid #ffffff;
    background: #000000; }
QRadioButton::indicator { border-radius: 9px; }
QCheckBox::indicator:checked { background: #ffff00; border-color: #ffff00; image: url(ICONS/tick.svg); }
QRadioButton::indicator:checked { background: #ffff00; border-color: #ffff00; }
QScrollBar:vertical { background: #000000; width: 18px; border-left: 1px solid #ffffff; }
QScrollBar:horizontal { background: #000000; height: 18px; border-top: 1px solid #ffffff; }
QScrollBar::handle { background: #ffffff; border: 3px solid #000000; }
QScrollBar::handle:vertical { min-height: 32px; }
QScrollBar::handle:horizontal { min-width: 32px; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0px; height: 0px; border: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: none; }
QAbstractSpinBox::up-button { subcontrol-origin: border; subcontrol-position: top right; width: 18px;
    border-left: 1px solid #ffffff; border-bottom: 1px solid #ffffff; }
QAbstractSpinBox::down-button { subcontrol-origin: border; subcontrol-position: bottom right; width: 18px;
    border-left: 1px solid #ffffff; }
QComboBox::drop-down { subcontrol-origin: padding; subcontrol-position: top right; width: 18px;
    border-left: 1px solid #ffffff; }
QComboBox::down-arrow { image: url(ICONS/arrow-down.svg); width: 10px; height: 10px; }
QAbstractSpinBox::up-arrow { image: url(ICONS/arrow-up.svg); width: 10px; height: 10px; }
QAbstractSpinBox::down-arrow { image: url(ICONS/arrow-down.svg); width: 10px; height: 10px; }
QPushButton:focus, QLineEdit:focus, QComboBox:focus, QAbstractSpinBox:focus, QPlainTextEdit:focus,
QTextEdit:focus, QAbstractItemView:focus, QTabBar::tab:focus { border: 3px solid #ffff00; }
QCheckBox:focus, QRadioButton:focus { color: #ffff00; }
QPushButton:disabled { border: 2px dashed #a0a0a0; }
"""

# Fusion's check boxes are dark on dark in the dark look: an unticked box would look like plain text.
DARK_SHEET = """
QCheckBox::indicator, QRadioButton::indicator { width: 14px; height: 14px; border: 2px solid #a8a8a8;
    background: #15181a; }
QRadioButton::indicator { border-radius: 9px; }
QCheckBox::indicator:checked { background: #7fd1c7; border-color: #7fd1c7; image: url(ICONS/tick.svg); }
QRadioButton::indicator:checked { background: #7fd1c7; border-color: #7fd1c7; }
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled { border-color: #5c5f62; }
"""
SHEETS = {"contrast": CONTRAST_SHEET, "dark": DARK_SHEET}


class _System:
    """The system's own font, style and palette, kept before Quorum changes anything.

    Each is asked for only when Quorum is about to change it: at the system's text size and look
    nothing is, and the window's first paint waits for none of them.
    """

    font: QFont | None = None
    style = ""
    palette: QPalette | None = None
    current_style = ""
    seen_dark: bool | None = None  # the system's light or dark setting the look in force was chosen for
    following = False  # listening to the system's light and dark setting

    @classmethod
    def remember(cls, app: QApplication) -> None:
        cls.remember_font(app)
        cls.remember_look(app)

    @classmethod
    def remember_font(cls, app: QApplication) -> None:
        if cls.font is None:
            cls.font = app.font()  # a copy

    @classmethod
    def remember_look(cls, app: QApplication) -> None:
        if cls.palette is None:
            # palette() returns a copy; QPalette(...) would try its overloads, loading all of Qt's names
            cls.style, cls.palette = app.style().name(), app.palette()
            cls.current_style = cls.style


class _Notifier(QObject):
    changed = Signal()  # so every window's View menu shows the current choice


_notifier: _Notifier | None = None


def notifier() -> _Notifier:
    global _notifier
    if _notifier is None:
        _notifier = _Notifier(QApplication.instance())
    return _notifier


# -- text size -----------------------------------------------------------------------------------


def text_size() -> int:
    saved = QSettings().value(SIZE_KEY, 100)
    try:
        return min(TEXT_SIZES, key=lambda size: abs(size - int(saved)))
    except (TypeError, ValueError):
        return 100


def set_text_size(percent: int) -> None:
    QSettings().setValue(SIZE_KEY, percent)
    apply_text_size(percent)
    notifier().changed.emit()


def step_text_size(step: int) -> None:
    """One size larger (+1) or smaller (-1), within the sizes offered."""
    index = TEXT_SIZES.index(text_size()) + step
    set_text_size(TEXT_SIZES[max(0, min(index, len(TEXT_SIZES) - 1))])


def system_font() -> QFont:
    """The system's own font: as remembered before Quorum first changed the text size, else the app's now."""
    return _System.font if _System.font is not None else QApplication.font()


def apply_text_size(percent: int) -> None:
    """Scale the system's font; widgets that set no font of their own follow it, and layouts reflow."""
    app = QApplication.instance()
    if percent == 100 and _System.font is None:  # the system's size, never changed: nothing to undo
        return
    _System.remember_font(app)
    font = QtGui.QFont(_System.font)
    if _System.font.pointSizeF() > 0:
        font.setPointSizeF(_System.font.pointSizeF() * percent / 100)
    else:
        font.setPixelSize(round(_System.font.pixelSize() * percent / 100))
    app.setFont(font)
    _restyle(app)


def _restyle(app: QApplication) -> None:
    """Widgets drawn through a style sheet keep their old font until the sheet is applied again."""
    sheet = app.styleSheet()
    if sheet:
        app.setStyleSheet("")
        app.setStyleSheet(sheet)
    for widget in app.allWidgets():
        own = widget.styleSheet()
        if own:
            widget.setStyleSheet("")
            widget.setStyleSheet(own)


# -- colours -------------------------------------------------------------------------------------


def appearance() -> str:
    saved = str(QSettings().value(LOOK_KEY, "system"))
    return saved if saved in dict(APPEARANCES) else "system"


def set_appearance(name: str) -> None:
    QSettings().setValue(LOOK_KEY, name)
    apply_appearance(name)
    notifier().changed.emit()


def apply_appearance(name: str, system_dark: bool | None = None) -> None:
    """Fusion for a chosen look (it honours every palette colour); the system's own style otherwise.

    ``system_dark``: the system's setting if known already (at start-up, as remembered)."""
    app = QApplication.instance()
    dark = system_is_dark() if system_dark is None and name == "system" else system_dark
    _System.seen_dark = dark
    look = name if name != "system" else ("dark" if dark else None)
    if look is None and _System.palette is None:  # the system's look, never changed: nothing to undo
        return
    _System.remember_look(app)
    app.setStyleSheet("")  # a style sheet wraps the style: take it off before the style under it changes
    style = "fusion" if look else _System.style
    if style != _System.current_style:  # a new style object for every window: only when it changes
        app.setStyle(style)
        _System.current_style = style
    app.setPalette(palette(look) if look else _System.palette)
    if look:
        app.setStyleSheet(SHEETS.get(look, "").replace("ICONS", resource("icons").as_posix()))


def system_is_dark() -> bool:
    """What the system's light or dark setting says, where Qt can tell (6.5 and later); remembered for
    the next start, as asking loads all of Qt's names (a tenth of a second on an old laptop)."""
    from PySide6.QtCore import Qt

    hints = QApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    dark = scheme is not None and scheme() == Qt.ColorScheme.Dark
    if dark != _system_was_dark():  # written only when it changed: each write is a file flushed to disk
        QSettings().setValue(SYSTEM_DARK_KEY, dark)
    return dark


def _system_was_dark() -> bool:
    return str(QSettings().value(SYSTEM_DARK_KEY, "false")).lower() == "true"


def check_system() -> None:
    """After the first paint: follow the system's setting if it changed since it was remembered, and from now on."""
    if appearance() == "system" and system_is_dark() != _System.seen_dark:
        apply_appearance("system")
    _follow_system()


def _follow_system() -> None:
    """Change look with the system's light or dark setting while Quorum runs (Qt 6.5 and later)."""
    hints = QApplication.styleHints()
    if hasattr(hints, "colorSchemeChanged") and not _System.following:
        hints.colorSchemeChanged.connect(lambda _: appearance() == "system" and apply_appearance("system"))
        _System.following = True


def palette(look: str) -> QPalette:
    QColor, QPalette = QtGui.QColor, QtGui.QPalette  # loaded when a look is chosen, not at start-up
    Role = QPalette.ColorRole
    window, text, base, button, highlight, highlighted, link, hint = (QColor(c) for c in LOOKS[look])
    result = QPalette()
    for role, colour in (
        (Role.Window, window), (Role.WindowText, text), (Role.Base, base), (Role.Text, text),
        (Role.AlternateBase, _mix(base, text, 0.06)), (Role.Button, button), (Role.ButtonText, text),
        (Role.Highlight, highlight), (Role.HighlightedText, highlighted), (Role.Link, link),
        (Role.LinkVisited, link), (Role.PlaceholderText, hint), (Role.ToolTipBase, base),
        (Role.ToolTipText, text), (Role.BrightText, highlight), (Role.Light, _mix(button, text, 0.25)),
        (Role.Midlight, _mix(button, text, 0.12)), (Role.Mid, _mix(button, text, 0.35)),
        (Role.Dark, _mix(button, text, 0.5)), (Role.Shadow, QColor("#000000")),
    ):
        result.setColor(role, colour)
    for role in (Role.WindowText, Role.Text, Role.ButtonText):  # greyed out, still readable
        result.setColor(QPalette.ColorGroup.Disabled, role, _mix(text, window, 0.45))
    result.setColor(QPalette.ColorGroup.Disabled, Role.Button, _mix(button, window, 0.5))
    return result


def _mix(first: QColor, second: QColor, amount: float) -> QColor:
    return QtGui.QColor(*(round(a + (b - a) * amount) for a, b in zip(first.getRgb()[:3], second.getRgb()[:3],
                                                               strict=True)))


# -- start-up and the View menu ------------------------------------------------------------------


def apply_saved(before_first_paint: bool = False) -> None:
    """At start-up: the chair's text size and look from last time, and follow the system's changes.

    ``before_first_paint``: take the system's light or dark setting as remembered, and let
    ``check_system`` ask (and start following it) after the window is up. At the system's own text
    size and look this changes nothing, and loads none of Qt's font, palette or style classes."""
    apply_text_size(text_size())
    apply_appearance(appearance(), _system_was_dark() if before_first_paint else None)
    if not before_first_paint:
        _follow_system()


def reset_to_system() -> None:
    """The system's font and look again (tests use it so one test's choice does not leak into the next)."""
    if _System.font is not None:
        apply_text_size(100)
    if _System.palette is not None:
        apply_appearance("system")


def add_view_menu(window: QMainWindow, before: QAction | None = None) -> QMenu:
    """View: Larger text (Ctrl++), Smaller text (Ctrl+-), Normal size (Ctrl+0), and Appearance."""
    QAction, QKeySequence = QtGui.QAction, QtGui.QKeySequence  # after the first paint, with the menus' commands
    menu = QtWidgets.QMenu("&View", window)
    if before is None:
        window.menuBar().addMenu(menu)
    else:
        window.menuBar().insertMenu(before, menu)
    for text, keys, slot in (
        ("&Larger text", [QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")], lambda: step_text_size(1)),
        ("&Smaller text", [QKeySequence.StandardKey.ZoomOut], lambda: step_text_size(-1)),
        ("&Normal size", [QKeySequence("Ctrl+0")], lambda: set_text_size(100)),
    ):
        action = QAction(text, window)
        action.setShortcuts([key if isinstance(key, QKeySequence) else QKeySequence(key) for key in keys])
        action.triggered.connect(slot)
        menu.addAction(action)
    menu.addSeparator()
    looks = menu.addMenu("&Appearance")
    group = QtGui.QActionGroup(window)
    for key, text in APPEARANCES:
        action = QAction(text, window, checkable=True)
        action.setData(key)
        action.triggered.connect(lambda _=False, k=key: set_appearance(k))
        group.addAction(action)
        looks.addAction(action)
    _ChoiceMarks(group).show()
    return menu


class _ChoiceMarks(QObject):
    """Ticks the look in force; a child of the menu's group, so it stops listening when the window goes."""

    def __init__(self, group: QActionGroup) -> None:
        super().__init__(group)
        self.group = group
        notifier().changed.connect(self.show)

    def show(self) -> None:
        chosen = appearance()
        for action in self.group.actions():
            action.setChecked(action.data() == chosen)
