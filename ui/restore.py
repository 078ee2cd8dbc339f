"""Choosing a backup to put back, with the date and meeting it was taken for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from app.services import Backup


class RestoreDialog(QDialog):
    def __init__(self, found: list[Backup], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from a backup")
        layout = QVBoxLayout(self)
        intro = QLabel("Choose the backup to put back. The association as it is now is saved as a backup "
                       "first, so nothing is lost.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Backups")
        for backup in found:
            item = QListWidgetItem(backup.label)
            item.setData(Qt.ItemDataRole.UserRole, backup)
            self.list.addItem(item)
        if found:
            self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(found))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def chosen(self) -> Backup | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None
