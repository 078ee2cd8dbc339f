"""The small builders every Quorum form uses: a control with its one-sentence explanation under it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class LinesBox(QPlainTextEdit):
    """A box of plain text sized in lines of the text size in use, even one chosen while it is open: at
    least ``least`` lines high and, if ``most``, at most that many. A height in pixels held two lines at
    the system's size and one and a half at 200%."""

    def __init__(self, text: str = "", least: int = 0, most: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.least, self.most = least, most
        self.setTabChangesFocus(True)  # Tab goes on to the next control, as everywhere else
        self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        margins = 2 * (self.frameWidth() + round(self.document().documentMargin()))
        line = self.fontMetrics().lineSpacing()
        if self.least:
            self.setMinimumHeight(self.least * line + margins)
        if self.most:
            self.setMaximumHeight(self.most * line + margins)


def scrolling_page() -> tuple[QWidget, QFormLayout]:
    """A page that scrolls rather than squashes when the screen is small or the text large."""
    inner = QWidget()
    form = QFormLayout(inner)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return scrolled(inner), form  # Tab goes to the controls; the page scrolls to follow


def scrolled(page: QWidget) -> QScrollArea:
    """``page`` at its own height at least, scrolling when large text makes it taller than the window."""
    scroll = QScrollArea()
    scroll.setWidget(page)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return scroll


def fit_to_screen(window: QWidget) -> None:
    """As tall as its wrapped words need, up to the screen's height. Left to itself Qt makes a new window at
    most two thirds of the screen high: at 200% text on a 768-pixel laptop, a dialog whose sentences wrap
    then has its rows squeezed and its tick boxes cut."""
    screen = window.screen().availableGeometry()
    width = min(window.sizeHint().width(), screen.width())
    layout = window.layout()
    height = layout.totalHeightForWidth(width) if layout is not None and layout.hasHeightForWidth() \
        else window.sizeHint().height()
    window.resize(width, min(height, screen.height()))


def name_buttons(box):
    """Each button of a dialog's button box or message box gets its words as its name for a screen reader,
    once their texts are final. Returns ``box``."""
    for button in box.buttons():
        button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
    return box


def explained_row(form: QFormLayout, label: str, widget: QWidget, explanation: str) -> None:
    """The control with its one-sentence explanation under it; the label's mnemonic reaches the control."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 4)
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(note(explanation))
    widget.setToolTip(explanation)
    if label:
        caption = QLabel(label)
        caption.setWordWrap(True)
        caption.setBuddy(widget)
        form.addRow(caption, cell)
    else:
        form.addRow("", cell)


def note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def line(text: str, name: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    return edit


def count(name: str, zero: str | None, maximum: int = 999, suffix: str = "") -> QSpinBox:
    """A number from 0; ``zero`` names what 0 means ("No minimum") where it means none."""
    spin = QSpinBox()
    spin.setAccessibleName(name)
    spin.setRange(0, maximum)
    if zero:
        spin.setSpecialValueText(zero)
    spin.setSuffix(suffix)
    # as wide as its words, no wider, at any text size (a 240-pixel cap cut "Up to the start of the meeting")
    spin.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return spin


def choice(options, name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for key, label in options:
        combo.addItem(label, key)
    return combo


def select(combo: QComboBox, key) -> None:
    """Compared in Python: Qt cannot compare a Fraction kept as item data."""
    index = next((i for i in range(combo.count()) if combo.itemData(i) == key), -1)
    if index < 0:  # a fraction this list does not offer, kept as the constitution has it
        combo.addItem(f"{key.numerator}/{key.denominator}", key)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with an Alt-letter no other control in the window has yet; ``taken`` is updated.

    The first letter of a word is preferred, then any letter; with none free, no mnemonic.
    """
    plain = text.replace("&", "")
    starts = [i for i, ch in enumerate(plain) if ch.isalpha() and (i == 0 or not plain[i - 1].isalnum())]
    for i in starts + list(range(len(plain))):
        letter = plain[i].casefold()
        if plain[i].isalpha() and letter not in taken:
            taken.add(letter)
            return f"{plain[:i]}&{plain[i:]}"
    return plain
