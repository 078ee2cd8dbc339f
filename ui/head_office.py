"""Head office, from the main window: enrol, sync now, sync problems, and the USB-stick bundle.

Sync runs on a worker thread with its own connection to the same file (SQLite connections
belong to the thread that opened them), so a slow or absent connection never freezes the window
or the meeting.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from app.errors import QuorumError
from app.services import AssociationFile, Changes
from ui.background import run_in_background
from ui.forms import name_buttons
from ui.session import Session


def _sync_file(path: Path, url: str | None = None) -> str:
    """Runs on the worker thread: its own connection, closed when done."""
    with AssociationFile.open(path) as book:
        return book.head_office.sync_with_head_office(url).sentence


def _enrol_file(path: Path, url: str, code: str) -> str:
    with AssociationFile.open(path) as book:
        answer = book.head_office.enrol(url, code)
    return f"This laptop is now enrolled with head office for {answer['association_name']}."


class HeadOffice(QObject):
    """The Head office menu and the status line, for one main window."""

    finished = Signal(str)  # the sentence shown when a sync or enrolment ends

    def __init__(self, session: Session, window) -> None:
        super().__init__(window)
        self.session, self.window = session, window
        self.busy = False
        self.status = QLabel()
        self.status.setAccessibleName("Head office status")
        window.statusBar().addPermanentWidget(self.status)
        menu = _menu_before_help(window.menuBar(), "Head &office")
        self.sync_action = self._add(menu, "&Send to head office now", "Ctrl+Shift+S", self.sync_now)
        self._add(menu, "Sync &problems…", None, self.show_problems)
        menu.addSeparator()
        self._add(menu, "&Enrol this laptop…", None, self.enrol)
        menu.addSeparator()
        self._add(menu, "E&xport for head office (USB stick or email)…", None, self.export_bundle)
        self._add(menu, "&Import head office's receipt…", None, self.import_receipt)
        session.changed.connect(lambda _changes: self.show_status())
        self.show_status()

    def _add(self, menu, text: str, shortcut: str | None, slot) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def show_status(self, override: str = "") -> None:
        book = self.session.book
        self.status.setText(override or (book.head_office.sync_status() if book.head_office.enrolled() else "Not enrolled with head office"))

    # -- syncing --------------------------------------------------------------------------------

    def sync_now(self, quiet: bool = False) -> bool:
        """Push then pull in the background; ``quiet`` (after a meeting closes) skips 'not enrolled'."""
        book = self.session.book
        if self.busy:
            return False
        if not book.head_office.enrolled():
            if not quiet:
                QMessageBox.information(self.window, "Not enrolled",
                                        "This laptop is not enrolled with head office yet. Choose Head office > "
                                        "Enrol this laptop, or give head office an exported file.")
            return False
        path = book.path
        self._start("Sending to head office…", lambda: _sync_file(path))
        return True

    def enrol(self) -> EnrolDialog:
        dialog = EnrolDialog(self.window)
        dialog.accepted.connect(lambda: self._enrol_with(dialog.url.text().strip(), dialog.code.text().strip()))
        dialog.open()
        return dialog

    def _enrol_with(self, url: str, code: str) -> None:
        path = self.session.book.path
        self._start("Enrolling with head office…", lambda: _enrol_file(path, url, code))

    def _start(self, doing: str, work) -> None:
        self.busy = True
        self.sync_action.setEnabled(False)
        self.show_status(doing)
        run_in_background(work, self._done, self._failed, self)

    def _done(self, sentence: str) -> None:
        self._end()
        self.session.changed.emit(Changes.of("any"))  # records pulled from other laptops
        self.window.statusBar().showMessage(sentence, 15000)
        self.finished.emit(sentence)

    def _failed(self, sentence: str) -> None:
        self._end()
        self.window.statusBar().showMessage(sentence, 15000)
        self.finished.emit(sentence)

    def _end(self) -> None:
        self.busy = False
        self.sync_action.setEnabled(True)
        self.show_status()

    # -- problems and the offline bundle --------------------------------------------------------

    def show_problems(self) -> SyncProblemsDialog:
        dialog = SyncProblemsDialog(self.session, self.window)
        dialog.open()
        return dialog

    def export_bundle(self, target: str | None = None) -> str | None:
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self.window, "Export for head office",
                                                    "for-head-office.quorum-bundle", "Bundle (*.quorum-bundle)")
        if not target:
            return None
        try:
            manifest = self.session.book.head_office.export_bundle(Path(target))
        except (QuorumError, OSError) as error:
            QMessageBox.warning(self.window, "Not exported", str(error))
            return None
        self.window.statusBar().showMessage(f"Wrote {manifest['ops']} changes to {target} for head office.", 15000)
        return target

    def import_receipt(self, source: str | None = None) -> bool:
        if source is None:
            source, _ = QFileDialog.getOpenFileName(self.window, "Head office's receipt", "", "Receipt (*)")
        if not source:
            return False
        try:
            report = self.session.book.head_office.import_receipt(Path(source))
        except (QuorumError, OSError) as error:
            QMessageBox.warning(self.window, "Receipt not read", str(error))
            return False
        self.session.changed.emit(Changes.of("any"))
        self.window.statusBar().showMessage(f"Head office received {report.sent + report.duplicates} changes.", 15000)
        return True


def _menu_before_help(bar, title: str):
    """Help stays the last menu, where people look for it."""
    help_action = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
    menu = QMenu(title, bar)
    bar.insertMenu(help_action, menu) if help_action else bar.addMenu(menu)
    return menu


class EnrolDialog(QDialog):
    """Head office gives the chair an address and a one-time code; nothing else to type."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Enrol this laptop with head office")
        form = QFormLayout(self)
        intro = QLabel("Head office gives you its address and a one-time code. Type them here; Quorum does the rest.")
        intro.setWordWrap(True)
        form.addRow(intro)
        self.url = QLineEdit()
        self.url.setAccessibleName("Head office's address")
        self.url.setPlaceholderText("https://quorum.example-housing.org.uk")
        form.addRow("Head office's &address", self.url)
        self.code = QLineEdit()
        self.code.setAccessibleName("One-time code")
        form.addRow("One-time &code", self.code)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Enrol")
        buttons.accepted.connect(lambda: self.url.text().strip() and self.code.text().strip() and self.accept())
        buttons.rejected.connect(self.reject)
        form.addRow(name_buttons(buttons))
        self.setMinimumWidth(520)


class SyncProblemsDialog(QDialog):
    """Changes head office did not accept, in plain words; reading one does not block the rest."""

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Sync problems")
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setAccessibleName("Changes head office did not accept")
        self.list.setWordWrap(True)
        layout.addWidget(self.list)
        dismiss = QPushButton("&Dismiss the chosen problem")
        dismiss.setAccessibleName("Dismiss the chosen problem")
        dismiss.clicked.connect(self.dismiss)
        layout.addWidget(dismiss)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(name_buttons(close))
        self.resize(640, 360)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        self.problems = self.session.book.head_office.sync_problems()
        for problem in self.problems:
            self.list.addItem(problem.sentence)
        if not self.problems:
            self.list.addItem("Head office has accepted every change sent.")

    def dismiss(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.problems):
            self.session.apply(self.session.book.head_office.dismiss_sync_problem, self.problems[row].op_id)
            self.refresh()
