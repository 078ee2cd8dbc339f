"""What an empty screen says: never a blank table, always the next step with its button right there.

``EmptyState`` stands in for a whole list (no meetings, no members); ``show_when_empty`` writes a
sentence inside a table or list that has no rows yet (nobody checked in, no motions on this item).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout


class EmptyState(QFrame):
    """A heading, a sentence saying why the list is empty, and the buttons that fill it."""

    def __init__(self, heading: str, text: str, buttons: list[tuple[str, str, Callable[[], object]]],
                 parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("EmptyState")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        self.heading = QLabel(f"<h2 style='margin:0'>{heading}</h2>")
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName(heading)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for caption, tip, slot in buttons:
            button = QPushButton(caption)
            button.setToolTip(tip)
            button.setAccessibleName(caption.replace("&", "").rstrip("…"))
            button.setAccessibleDescription(tip)
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)


class _Placeholder(QLabel):
    """Sits on the view's viewport, shown only while the model has no rows."""

    def __init__(self, view: QAbstractItemView, text: str) -> None:
        super().__init__(text, view.viewport())
        self.view = view
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet("color: palette(placeholder-text);")
        self.setGeometry(view.viewport().rect().adjusted(12, 2, -12, -2))
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update_shown)
        self.update_shown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect().adjusted(12, 2, -12, -2))
        return False

    def update_shown(self, *_) -> None:
        empty = self.view.model().rowCount() == 0
        self.setVisible(empty)
        self.view.setAccessibleDescription(self.text() if empty else "")  # what a screen reader hears


def show_when_empty(view: QAbstractItemView, text: str) -> QLabel:
    """Write ``text`` inside ``view`` whenever it has no rows."""
    return _Placeholder(view, text)
