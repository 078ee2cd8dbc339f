"""Reading the history of changes, for when someone asks who changed what."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
)

from ui.forms import name_buttons
from ui.models.history import HistoryModel
from ui.session import Session


class HistoryDialog(QDialog):
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("History of changes")
        layout = QVBoxLayout(self)
        intro = QLabel("Every change saved in this association, newest first, with the laptop it was made on.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.device = QLineEdit(session.book.history.device_name())
        self.device.setAccessibleName("This laptop's name")
        self.device.setToolTip("How this laptop is named in the history, for example “Chair's laptop”")
        self.device.editingFinished.connect(self._rename)
        form.addRow("This &laptop is called", self.device)
        self.search = QLineEdit()
        self.search.setAccessibleName("Find in the history")
        self.search.setPlaceholderText("A name, a word from a motion, “vote”, “apologies” …")
        form.addRow("&Find", self.search)
        layout.addLayout(form)
        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("History of changes")
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next control; the arrow keys move within the table
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(name_buttons(buttons))
        self.search.textChanged.connect(self.model.set_filter)
        self.model.load(session.book.history.history())
        self.resize(900, 560)

    def _rename(self) -> None:
        self.session.book.history.set_device_name(self.device.text())
        self.model.load(self.session.book.history.history())
        self.model.set_filter(self.search.text())
