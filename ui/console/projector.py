"""A second window for the hall's screen or projector: the item, the quorum and the last result."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services import QuorumState
from ui.console.quorum_indicator import QuorumIndicator


class ProjectorWindow(QWidget):
    def __init__(self, association_name: str, heading: str) -> None:
        super().__init__()
        self.setWindowTitle(f"{heading} — projector view")
        self.setObjectName("ProjectorWindow")
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
