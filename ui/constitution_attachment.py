"""The constitution as adopted: what is attached for the landlord's pack, and buttons to attach,
replace or remove it. Shown in the settings (beside the rules) and from the pack in Documents.

The file is read and checked by the front door before anything is kept, so a file that cannot be
used is refused in a sentence and the one attached before stays attached.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import QuorumError
from app.services import Changes
from app.services.constitution_file import summary
from ui.session import Session

FOLDER = "constitution/folder"  # where the chair last found a constitution, on this laptop


class ConstitutionAttachment(QWidget):
    """What is attached, in a sentence, with Attach (or Replace) and Remove."""

    def __init__(self, session: Session, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.today = today or date.today()
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                 | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description.setAccessibleName("Constitution attached")
        self.attach_button = QPushButton()
        self.attach_button.clicked.connect(self.choose_file)
        self.remove_button = QPushButton("Rem&ove")
        self.remove_button.setAccessibleName("Remove the attached constitution")
        self.remove_button.setToolTip("The pack will then ask for a copy to be sent with it")
        self.remove_button.clicked.connect(self.ask_to_remove)
        for button in (self.attach_button, self.remove_button):
            button.setAutoDefault(False)  # Enter in a dialog's form must not open a file chooser
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("What happened")
        self.problem.hide()  # until there is something to say
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.description)
        row = QHBoxLayout()
        row.addWidget(self.attach_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.problem)
        session.changed.connect(self._on_changed)
        self.show_attached()

    def show_attached(self) -> None:
        document = self.session.book.documents.constitution_document()
        self.description.setText(summary(document))
        verb = "Replace" if document else "Attach"
        self.attach_button.setText(f"{verb} the &constitution…")
        self.attach_button.setAccessibleName(f"{verb} the constitution")
        self.attach_button.setToolTip(f"{verb} the constitution as adopted: a PDF or a plain text file")
        self.remove_button.setVisible(document is not None)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("constitution", "any"):
            self.show_attached()

    def choose_file(self) -> None:
        settings = QSettings()
        folder = str(settings.value(FOLDER, str(Path.home())))
        chosen, _ = QFileDialog.getOpenFileName(self, "Attach the constitution as adopted", folder,
                                                "PDF or text files (*.pdf *.txt);;All files (*)")
        if chosen:
            settings.setValue(FOLDER, str(Path(chosen).parent))
            self.attach(Path(chosen))

    def attach(self, path: Path) -> None:
        try:
            self.session.apply(self.session.book.documents.attach_constitution, path, self.today)
        except QuorumError as error:
            self._say(f"Nothing was changed: {error}")
            return
        self._say(f"Attached {path.name}.")

    def ask_to_remove(self) -> None:
        """Asked first: the copy kept in Quorum may be the only one the chair has to hand."""
        document = self.session.book.documents.constitution_document()
        if document is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Remove the constitution",
                          f"Remove {document.name} from Quorum? The landlord's pack will then ask for a copy to "
                          "be sent with it. The file on this computer is not touched.", parent=self)
        remove = box.addButton("&Remove it", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("&Keep it", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._removed(document.name) if box.clickedButton() is remove else None)
        box.open()

    def _removed(self, name: str) -> None:
        self.session.apply(self.session.book.documents.remove_constitution)
        self._say(f"Removed {name} from Quorum.")

    def _say(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.show()


class ConstitutionDialog(QDialog):
    """The attachment on its own, opened from the landlord's pack in Documents."""

    def __init__(self, session: Session, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("The constitution as adopted")
        column = QVBoxLayout(self)
        intro = QLabel("The landlord's yearly pack carries the constitution the members adopted. Attach it once, "
                       "as a PDF or a plain text file; Quorum keeps a copy in the association file.")
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.attachment = ConstitutionAttachment(session, today, self)
        column.addWidget(self.attachment)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        width = self.fontMetrics().averageCharWidth() * 70  # about ten words a line at any text size
        self.setMinimumWidth(width)
        self.resize(width, column.heightForWidth(width))  # as tall as its wrapped sentences, no taller


def open_constitution(session: Session, today: date | None = None, parent: QWidget | None = None) -> ConstitutionDialog:
    dialog = ConstitutionDialog(session, today, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.attachment.attach_button.setFocus()
    return dialog
