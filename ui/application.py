"""Starting the app: find the association to open, or welcome a first-time chair."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from app import journal, places
from app.errors import DamagedFileError, InUseError, QuorumError, ReadOnlyError
from app.services import AssociationFile
from ui import appearance
from ui.main_window import MainWindow
from ui.resources import app_icon
from ui.session import Session
from ui.welcome import DEMO, OPEN

FILE_FILTER = "Quorum association files (*.quorum)"


class Launcher:
    """Keeps the one main window and swaps the association shown in it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.window: MainWindow | None = None

    def start(self, path: Path | None) -> bool:
        """Open ``path`` (or the last file); with none, ask the chair. False if they chose nothing."""
        path = path or places.last_opened(self.data_dir)
        if path is not None and self.open(path):
            return True
        return self.welcome()

    def welcome(self) -> bool:
        """First start: the set-up wizard, then whatever the chair chose in it."""
        from ui.first_run import FirstRunWizard

        wizard = FirstRunWizard(self.data_dir, self.window)
        finished = wizard.exec()
        if wizard.session is not None:  # made on the way, so it opens even if the wizard was closed after
            self._show(wizard.session)
            if finished and wizard.show_guide():
                from ui.guide import show_guide

                show_guide(self.window)
            return True
        if not finished:
            return False
        return {OPEN: self.choose_file, DEMO: self.create_demo}[wizard.choice]()

    def open(self, path: Path) -> bool:
        try:
            book = AssociationFile.open(path)
        except DamagedFileError as error:
            return self._offer_backup(path, str(error))
        except (InUseError, ReadOnlyError) as error:  # open elsewhere, or on a medium that cannot be written
            return self._offer_read_only(path, str(error))
        except QuorumError as error:
            QMessageBox.warning(self.window, "Quorum cannot open this file", str(error))
            return False
        places.remember_opened(self.data_dir, path)
        self._show(Session(book))
        return True

    def _offer_read_only(self, path: Path, problem: str) -> bool:
        """Another Quorum is changing the file: say who, and offer to look at it without changing it."""
        box = QMessageBox(QMessageBox.Icon.Information, "Quorum can only read this file", problem,
                          QMessageBox.StandardButton.Cancel, self.window)
        looking = box.addButton("Open &read-only", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is not looking:
            return False
        try:
            book = AssociationFile.open(path, read_only=True)
        except QuorumError as error:
            QMessageBox.warning(self.window, "Quorum cannot open this file", str(error))
            return False
        self._show(Session(book))
        return True

    def _offer_backup(self, path: Path, problem: str) -> bool:
        """A damaged file is never written to; offer the newest good backup in its place."""
        from app.store import backups

        good = backups.latest_good(path)
        if good is None:
            QMessageBox.warning(self.window, "Quorum cannot open this file",
                                f"{problem} There is no backup of it to go back to.")
            return False
        box = QMessageBox(QMessageBox.Icon.Warning, "Quorum cannot open this file",
                          f"{problem}\n\nThe latest good backup is from {good.label}. Put it back? The damaged "
                          "file is kept aside in the backups folder, unchanged.", QMessageBox.StandardButton.Cancel,
                          self.window)
        restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is not restore:
            return False
        backups.restore(path, good.path)
        return self.open(path)

    def create_new(self) -> bool:
        name, ok = QInputDialog.getText(self.window, "New association", "The association's full name:")
        if not ok or not name.strip():
            return self.window is not None or self.welcome()
        from app.model import Association

        try:
            book = AssociationFile.create_in(self.data_dir, Association(name.strip()))
        except (QuorumError, OSError) as error:
            QMessageBox.warning(self.window, "Quorum could not create the association", str(error))
            return self.window is not None or self.welcome()
        places.remember_opened(self.data_dir, book.path)
        self._show(Session(book))
        return True

    def choose_file(self) -> bool:
        chosen, _ = QFileDialog.getOpenFileName(self.window, "Open an association", str(self.data_dir), FILE_FILTER)
        if chosen and self.open(Path(chosen)):
            return True
        return self.window is not None or self.welcome()

    def create_demo(self) -> bool:
        from app.demo import create_demo

        existing = self.data_dir / places.file_name("Wellhouse and District Tenants' and Residents' Association")
        path = existing if existing.exists() else create_demo(self.data_dir)
        return self.open(path)

    def _show(self, session: Session) -> None:
        if self.window is not None:
            self.window.session.close()
            self.window.close()
            self.window.deleteLater()
        window = MainWindow(session)
        window.new_requested.connect(self.create_new)
        window.open_requested.connect(self.choose_file)
        window.backup_requested.connect(lambda: self._backup(window))
        window.restore_requested.connect(lambda: self._restore(window))
        window.demo_requested.connect(self.create_demo)
        self.window = window
        window.show()
        if os.environ.get("QUORUM_EXIT_WHEN_SHOWN"):  # bench/startup.py: a cold start ends here
            QTimer.singleShot(0, QCoreApplication.quit)
        window.resume_open_meeting()
        QTimer.singleShot(0, window, window.check_approved_minutes)  # after the first paint: it reads every meeting

    def _backup(self, window: MainWindow) -> None:
        try:
            path = window.session.book.backup()
        except (QuorumError, OSError) as error:
            QMessageBox.warning(window, "Backup failed", str(error))
            return
        window.statusBar().showMessage(f"Backup saved to {path}", 10000)


    def _restore(self, window: MainWindow) -> None:
        from app.store import backups
        from ui.restore import RestoreDialog

        path = window.session.book.path
        dialog = RestoreDialog(window.session.book.backups(), window)
        if not dialog.exec() or dialog.chosen() is None:
            return
        window.session.close()
        try:
            backups.restore(path, dialog.chosen().path)
        except (QuorumError, OSError) as error:
            QMessageBox.warning(window, "Restore failed", str(error))
        self.open(path)


def make_application(argv: list[str] | None = None) -> QApplication:
    QCoreApplication.setOrganizationName("Quorum")
    QCoreApplication.setApplicationName("Quorum")
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationDisplayName("Quorum")
    app.setDesktopFileName("quorum")  # ties windows to packaging/quorum.desktop and its icon
    app.setWindowIcon(app_icon())
    appearance.apply_saved()  # the chair's text size and colours, before any window is built
    return app


def _report_unexpected(kind, error, tb) -> None:
    """Last safety net for the app: log where (never what, which may name a member), tell the chair."""
    journal.unexpected(error.with_traceback(tb))
    QMessageBox.critical(None, "Something went wrong",
                         "Quorum hit an unexpected problem. Everything you saw saved is safe on disk. "
                         "If it happens again, please tell whoever helps you with Quorum.")


def run(args) -> int:
    app = make_application()
    sys.excepthook = _report_unexpected
    launcher = Launcher(places.data_dir(args.data_dir))
    if not launcher.start(Path(args.file) if args.file else None):
        return 0
    code = app.exec()
    if launcher.window is not None:
        launcher.window.session.close()
    return code


__all__ = ["Launcher", "make_application", "run"]
