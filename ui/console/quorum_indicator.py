"""The large quorum sign: words and a symbol, so colour never carries the meaning alone."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.services import QuorumState

QUORATE_STYLE = "QLabel { background: #1b5e20; color: white; border-radius: 6px; padding: 8px 14px; }"
INQUORATE_STYLE = "QLabel { background: #8a1c1c; color: white; border-radius: 6px; padding: 8px 14px; }"


class QuorumIndicator(QLabel):
    def __init__(self, point_size: int = 18, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("QuorumIndicator")
        self.setAccessibleName("Quorum")
        font = self.font()
        font.setPointSize(point_size)
        font.setBold(True)
        self.setFont(font)

    def show_state(self, state: QuorumState) -> None:
        symbol = "✔" if state.quorate else "✖"
        self.setText(f"{symbol} {state.sentence}")
        self.setAccessibleDescription(state.sentence)
        self.setStyleSheet(QUORATE_STYLE if state.quorate else INQUORATE_STYLE)
