"""First start: no association yet, so offer the three ways in."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout

NEW, OPEN, DEMO = "new", "open", "demo"


class WelcomeDialog(QDialog):
    """Create a new association, open a file, or try the demo."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Quorum")
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        title = QLabel("<h2>Welcome to Quorum</h2>"
                       "<p>Quorum keeps your association's members, meetings and minutes on this laptop, "
                       "and sends them to head office when you are ready.</p>")
        title.setWordWrap(True)
        layout.addWidget(title)
        for key, text, tip in (
            (NEW, "Create a &new association", "Start with an empty register and your own constitution rules"),
            (OPEN, "&Open an association file", "Open a .quorum file, for example from a USB stick"),
            (DEMO, "Try the &demo association", "A made-up association with a year of meetings to explore"),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(text.replace("&", ""))
            button.setAccessibleDescription(tip)
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _=False, k=key: self._choose(k))
            layout.addWidget(button)
        self.setMinimumWidth(460)

    def _choose(self, key: str) -> None:
        self.choice = key
        self.accept()
