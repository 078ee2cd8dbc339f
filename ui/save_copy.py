"""Saving everything to a new place, when the association file has gone or cannot be written.

The open connection still holds every saved edit, even after the file was deleted, moved or
replaced, or its memory stick pulled; SQLite's backup copies it all out to a file the chair chooses.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import QuorumError
from app.services import AssociationFile

FILE_FILTER = "Quorum association files (*.quorum)"


def save_everything(parent: QWidget, book: AssociationFile) -> Path | None:
    """Ask where, save a whole copy there, and say so; None if the chair cancelled or it failed."""
    suggested = str(Path.home() / f"{book.path.stem}-saved.quorum")
    chosen, _ = QFileDialog.getSaveFileName(parent, "Save everything to a new place", suggested, FILE_FILTER)
    if not chosen:
        return None
    target = Path(chosen) if chosen.endswith(".quorum") else Path(chosen + ".quorum")
    try:
        saved = book.save_copy(target)
    except (QuorumError, OSError) as error:
        QMessageBox.warning(parent, "Quorum could not save a copy", str(error))
        return None
    QMessageBox.information(parent, "Everything is saved",
                            f"Everything Quorum had saved is now in {saved}. Open that file (File, Open "
                            "association) to carry on from where you were.")
    return saved
