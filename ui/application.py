"""Starting the app: find the association to open, or welcome a first-time chair.

Show first, then load. Straight after Qt, the main window is shown with the association's name
(read with plain sqlite3) and its tabs waiting; the rest of Quorum is imported and the file
opened and read off the GUI thread (``ui.opening``), and the lists filled on later turns of the
event loop, so the window is there at once and answers the chair while it fills, whatever the
size of the association. Nothing here imports the front door at module level: see the list of
what is imported before the first paint in docs/benchmarks.md.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets  # its dialogs by attribute, when needed: each costs time to load
from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QApplication

from app import places
from ui import appearance, garbage
from ui.main_window import MainWindow
from ui.resources import app_icon
from ui.welcome import DEMO, OPEN

if TYPE_CHECKING:
    from ui.session import Session

FILE_FILTER = "Quorum association files (*.quorum)"


class Launcher:
    """Keeps the one main window and swaps the association shown in it."""

    def __init__(self, data_dir: Path, settle: Sequence[Callable[[], object]] = ()) -> None:
        """``settle``: what waits until the window shown first is painted and its file read, in steps of one
        turn of the event loop each (or runs at once without such a window)."""
        self.data_dir = data_dir
        self.window: MainWindow | None = None
        self.settle = settle

    def start(self, path: Path | None) -> bool:
        """Open ``path`` (or the last file); with none, ask the chair. False if they chose nothing.

        A file whose name can be read is shown at once and loaded after (``show_first``); one that
        cannot is opened the long way, which says what is wrong with it.
        """
        path = path or places.last_opened(self.data_dir)
        if path is not None and self.show_first(path):
            return True
        for step in self.settle:
            step()
        if path is not None and self.open(path):
            return True
        return self.welcome()

    def show_first(self, path: Path) -> bool:
        """The window with the association's name and waiting tabs now; the rest on later turns.

        The name as remembered when the file was last open (``recent.json``, read already to find the
        file), else read from the file with plain sqlite3 (a file opened for the first time here)."""
        name = places.remembered_name(self.data_dir, path) or self._glance(path)
        if name is None:
            return False
        window = self._shown(MainWindow(name=name))
        if os.environ.get("QUORUM_EXIT_WHEN_SHOWN"):  # bench/startup.py: a cold start ends at the first paint
            window.painted.connect(QCoreApplication.quit)
            return True
        window.after_first_paint(lambda: self._load(window, path))
        return True

    @staticmethod
    def _glance(path: Path) -> str | None:
        from app.store.glance import association_name  # sqlite3 (and datetime): only when needed

        return association_name(path)

    def _load(self, window: MainWindow, path: Path) -> None:
        """Once the chair sees the window: open the file (ui.opening), and settle the rest of the app."""
        from ui.opening import Opening  # not before the first paint: it imports dataclasses

        Opening(window, path, self._opened, self._not_opened).start(self.settle)

    def _opened(self, window: MainWindow) -> None:
        self._remember(window.session.book)
        self._started(window)
        if os.environ.get("QUORUM_EXIT_WHEN_LOADED"):  # packaging/smoke.sh: the whole window, then quit
            QCoreApplication.quit()

    def _not_opened(self, window: MainWindow, path: Path, error: Exception) -> None:
        """The name could be read but the file could not be opened: say why and offer a way on, or welcome."""
        self.window = None
        window.hide()
        window.deleteLater()
        if not (self._refused(path, error) or self.welcome()):
            QCoreApplication.quit()

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
        """Open a file chosen now (or after the wizard, or a restore): all at once, with its problems said."""
        from app.errors import QuorumError
        from app.services import AssociationFile
        from ui.session import Session

        try:
            book = AssociationFile.open(path)
        except QuorumError as error:
            return self._refused(path, error)
        self._remember(book)
        self._show(Session(book))
        return True

    def _remember(self, book) -> None:
        """The file opened last in the data folder, with its association's name for the next start's window."""
        places.remember_opened(self.data_dir, book.path, book.association().name)

    def _refused(self, path: Path, error: Exception) -> bool:
        """Why the file would not open, with the way on where there is one; True if it opened after all."""
        from app.errors import DamagedFileError, InUseError, ReadOnlyError

        if isinstance(error, DamagedFileError):
            return self._offer_backup(path, str(error))
        if isinstance(error, InUseError | ReadOnlyError):  # open elsewhere, or on a medium that cannot be written
            return self._offer_read_only(path, str(error))
        QtWidgets.QMessageBox.warning(self.window, "Quorum cannot open this file", str(error))
        return False

    def _offer_read_only(self, path: Path, problem: str) -> bool:
        """Another Quorum is changing the file: say who, and offer to look at it without changing it."""
        from app.errors import QuorumError
        from app.services import AssociationFile
        from ui.session import Session

        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Information, "Quorum can only read this file",
                                    problem, QtWidgets.QMessageBox.StandardButton.Cancel, self.window)
        looking = box.addButton("Open &read-only", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is not looking:
            return False
        try:
            book = AssociationFile.open(path, read_only=True)
        except QuorumError as error:
            QtWidgets.QMessageBox.warning(self.window, "Quorum cannot open this file", str(error))
            return False
        self._show(Session(book))
        return True

    def _offer_backup(self, path: Path, problem: str) -> bool:
        """A damaged file is never written to; offer the newest good backup in its place."""
        from app.services import AssociationFile

        good = AssociationFile.latest_good_backup(path)
        if good is None:
            QtWidgets.QMessageBox.warning(self.window, "Quorum cannot open this file",
                                f"{problem} There is no backup of it to go back to.")
            return False
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, "Quorum cannot open this file",
                          f"{problem}\n\nThe latest good backup is from {good.label}. Put it back? The damaged "
                          "file is kept aside in the backups folder, unchanged.", QtWidgets.QMessageBox.StandardButton.Cancel,
                          self.window)
        restore = box.addButton("Restore the backup", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is not restore:
            return False
        AssociationFile.restore_backup(path, good.path)
        return self.open(path)

    def create_new(self) -> bool:
        from app.errors import QuorumError
        from app.services import AssociationFile
        from ui.session import Session

        name, ok = QtWidgets.QInputDialog.getText(self.window, "New association", "The association's full name:")
        if not ok or not name.strip():
            return self.window is not None or self.welcome()
        from app.model import Association

        try:
            book = AssociationFile.create_in(self.data_dir, Association(name.strip()))
        except (QuorumError, OSError) as error:
            QtWidgets.QMessageBox.warning(self.window, "Quorum could not create the association", str(error))
            return self.window is not None or self.welcome()
        self._remember(book)
        self._show(Session(book))
        return True

    def choose_file(self) -> bool:
        chosen, _ = QtWidgets.QFileDialog.getOpenFileName(self.window, "Open an association", str(self.data_dir), FILE_FILTER)
        if chosen and self.open(Path(chosen)):
            return True
        return self.window is not None or self.welcome()

    def create_demo(self) -> bool:
        from app.services import AssociationFile

        existing = self.data_dir / places.file_name("Wellhouse and District Tenants' and Residents' Association")
        path = existing if existing.exists() else AssociationFile.create_demo(self.data_dir)
        return self.open(path)

    def _show(self, session: Session) -> None:
        self._started(self._shown(MainWindow(session)))

    def _shown(self, window: MainWindow) -> MainWindow:
        """Put ``window`` in the place of the one shown (closing that one's association) and show it."""
        if self.window is not None:
            if self.window.session is not None:
                self.window.session.close()
            self.window.close()
            self.window.deleteLater()
        window.new_requested.connect(self.create_new)
        window.open_requested.connect(self.choose_file)
        window.backup_requested.connect(lambda: self._backup(window))
        window.restore_requested.connect(lambda: self._restore(window))
        window.demo_requested.connect(self.create_demo)
        self.window = window
        window.show()
        return window

    def _started(self, window: MainWindow) -> None:
        """Once the association is open in ``window``: back to a meeting in progress, then the minutes check."""
        window.resume_open_meeting()
        window.check_approved_minutes_in_background()  # it reads every approved meeting

    def _backup(self, window: MainWindow) -> None:
        from app.errors import QuorumError

        try:
            path = window.session.book.backup()
        except (QuorumError, OSError) as error:
            QtWidgets.QMessageBox.warning(window, "Backup failed", str(error))
            return
        window.statusBar().showMessage(f"Backup saved to {path}", 10000)


    def _restore(self, window: MainWindow) -> None:
        from app.errors import QuorumError
        from app.services import AssociationFile
        from ui.restore import RestoreDialog

        path = window.session.book.path
        dialog = RestoreDialog(window.session.book.backups(), window)
        if not dialog.exec() or dialog.chosen() is None:
            return
        window.session.close()
        try:
            AssociationFile.restore_backup(path, dialog.chosen().path)
        except (QuorumError, OSError) as error:
            QtWidgets.QMessageBox.warning(window, "Restore failed", str(error))
        self.open(path)


def make_application(argv: list[str] | None = None, quick: bool = False) -> QApplication:
    """``quick``: for a window shown first, the icon and the system's light or dark setting (both slow to
    load) are settled after its first paint, by ``settle``."""
    QCoreApplication.setOrganizationName("Quorum")
    QCoreApplication.setApplicationName("Quorum")
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationDisplayName("Quorum")
    app.setDesktopFileName("quorum")  # ties windows to packaging/quorum.desktop and its icon
    garbage.collect_on_gui_thread(app)  # before any worker starts: Qt objects die on the GUI thread
    if not quick:
        app.setWindowIcon(app_icon())
    appearance.apply_saved(before_first_paint=quick)  # the chair's text size and colours, before any window
    return app


def settling(app: QApplication, args) -> list[Callable[[], object]]:
    """After the first paint (and the file read): the icon, the system's light or dark setting checked, the
    log started; one step each, as the first two load Qt's classes and names, the last Python's logging."""
    return [lambda: app.setWindowIcon(app_icon()), appearance.check_system, lambda: _start_log(args)]


def _start_log(args) -> None:
    from app import journal

    folder = places.log_folder(args.data_dir, args.file)
    if folder is not None:
        journal.start(folder)


def _report_unexpected(kind, error, tb) -> None:
    """Last safety net for the app: log where (never what, which may name a member), tell the chair."""
    from app import journal

    journal.unexpected(error.with_traceback(tb))
    QtWidgets.QMessageBox.critical(None, "Something went wrong",
                                   "Quorum hit an unexpected problem. Everything you saw saved is safe on disk. "
                                   "If it happens again, please tell whoever helps you with Quorum.")


def run(args) -> int:
    app = make_application(quick=True)
    sys.excepthook = _report_unexpected
    launcher = Launcher(places.data_dir(args.data_dir), settling(app, args))
    if not launcher.start(Path(args.file) if args.file else None):
        return 0
    code = app.exec()
    QThreadPool.globalInstance().waitForDone(5000)  # a file still being read or checked, before it is closed
    if launcher.window is not None and launcher.window.session is not None:
        launcher.window.session.close()
    return code


__all__ = ["Launcher", "make_application", "run"]
