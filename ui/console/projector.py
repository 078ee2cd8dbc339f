"""A second window for the hall's screen or projector: the item, the quorum and the last result.

It never takes the keyboard: the chair keeps typing at the door while the hall watches. It opens
full screen on a second screen when there is one; on a one-screen laptop the chair is told it
needs one, and may show it in a window instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from app.services import QuorumState
from ui.console.quorum_indicator import QuorumIndicator

CLOSE_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_F5)


class ProjectorWindow(QWidget):
    visibility = Signal(bool)  # shown or hidden, so the console knows what Esc does

    def __init__(self, association_name: str, heading: str) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setWindowTitle(f"{heading} — projector view")
        self.setObjectName("ProjectorWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet("#ProjectorWindow { background: #101418; } QLabel { color: #f4f4f4; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        self.association = self._label(f"{association_name}\n{heading}", 22)
        self.item = self._label("", 44, bold=True)
        self.item.setAccessibleName("Current item")
        self.quorum = QuorumIndicator(34)
        self.quorum.setWordWrap(True)
        self.result = self._label("", 30)
        self.result.setAccessibleName("Last result")
        layout.addWidget(self.association)
        layout.addStretch(1)
        layout.addWidget(self.item)
        layout.addStretch(1)
        layout.addWidget(self.result)
        layout.addWidget(self.quorum)
        self.resize(1024, 640)

    def _label(self, text: str, size: int, bold: bool = False) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        font = label.font()
        font.setPointSize(size)
        font.setBold(bold)
        label.setFont(font)
        return label

    def show_state(self, item_title: str, state: QuorumState, last_result: str) -> None:
        self.item.setText(item_title)
        self.quorum.show_state(state)
        self.result.setText(last_result)

    def keyPressEvent(self, event) -> None:
        """Should a window manager hand it the keyboard after all, Esc and F5 still close it."""
        if event.key() in CLOSE_KEYS:
            self.hide()
            return
        super().keyPressEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.visibility.emit(True)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.visibility.emit(False)


def show_projector(projector: ProjectorWindow, console: QWidget) -> bool:
    """Full screen on a screen the console is not on; with one screen, ask. True if shown now."""
    others = [s for s in QGuiApplication.screens() if s is not console.screen()]
    if others:
        projector.setScreen(others[0])
        projector.setGeometry(others[0].geometry())
        projector.showFullScreen()
        return True
    box = QMessageBox(QMessageBox.Icon.Information, "Projector view",
                      "The projector view needs a second screen, such as a projector or a television, and "
                      "only this laptop's screen is connected. Connect it (and choose “Extend” in the laptop's "
                      "display settings), then press F5 again. Or show the view in a window on this screen.",
                      QMessageBox.StandardButton.Cancel, console)
    box.setObjectName("ProjectorQuestion")
    in_window = box.addButton("Show in a &window", QMessageBox.ButtonRole.AcceptRole)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda button: button is in_window and _in_window(projector, console))
    box.open()
    return False


def _in_window(projector: ProjectorWindow, console: QWidget) -> None:
    """A window over part of the screen, behind which the console carries on with the keyboard."""
    area = console.screen().availableGeometry()
    projector.resize(area.width() // 2, area.height() // 2)
    projector.move(area.right() - projector.width(), area.top())
    projector.show()
    console.activateWindow()
