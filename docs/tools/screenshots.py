"""Regenerates the pictures in docs/images from the app itself, so the guides show what Quorum looks like now.

    python docs/tools/screenshots.py              every picture, drawn offscreen (what `make screenshots` runs)
    python docs/tools/screenshots.py --show NAME  one scene in a real window, left open for
                                                   ../shared/tools/screenshot.sh to photograph under Xvfb

Each scene is built on a fresh copy of the demo association (or an empty folder, for the wizard)
at the size of a typical old laptop, 1366x768. The chair's own settings are never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WIDTH, HEIGHT = 1366, 768
IMAGES = ROOT / "docs" / "images"


def _offscreen_laptop(work: Path) -> None:
    """Qt's offscreen screen is 800x600 unless told otherwise; windows size themselves to it."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen"):
        config = work / "screen.json"
        config.write_text(json.dumps({"screens": [{"name": "Laptop", "x": 0, "y": 0, "width": WIDTH,
                                                   "height": HEIGHT, "logicalDpi": 96, "dpr": 1}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


class Scenes:
    """Each method builds one scene and returns the window to photograph."""

    def __init__(self, work: Path) -> None:
        from app.demo import create_demo

        self.work = work
        self.demo = create_demo(work / "demo")
        self.today = date.today()
        self.kept: list = []  # windows and sessions live until the picture is taken

    def _session(self, path: Path | None = None):
        """Each scene gets its own copy of the demo, so one scene's meeting does not show in the next."""
        from app.services import AssociationFile
        from ui.session import Session

        if path is None:
            path = self.work / f"copy-{len(self.kept)}" / self.demo.name
            path.parent.mkdir()
            shutil.copy2(self.demo, path)
        session = Session(AssociationFile.open(path))
        self.kept.append(session)
        return session

    def _main_window(self, tab: int = 0, path: Path | None = None):
        from ui.main_window import MainWindow

        window = MainWindow(self._session(path), self.today)
        window.setGeometry(0, 0, WIDTH, HEIGHT)
        window.tabs.setCurrentIndex(tab)
        return window

    def main_window(self):
        return self._main_window(0)

    def members(self):
        return self._main_window(1)

    def _new_association(self, folder: str) -> Path:
        from app.model import Association
        from app.services import AssociationFile

        path = self.work / folder / "fresh.quorum"
        path.parent.mkdir()
        AssociationFile.create(path, Association("Fresh Start Tenants' Association", area="Govan, Glasgow")).close()
        return path

    def first_evening(self):
        return self._main_window(0, self._new_association("new"))

    def console(self):
        from PySide6.QtCore import Qt

        from ui.console.window import ConsoleWindow

        session = self._session()
        book = session.book
        meeting = book.meetings.find_meeting("next")
        if meeting.status == "draft":
            book.meetings.open_meeting(meeting.id, at="18:45")
        window = ConsoleWindow(session, meeting.id, self.today)
        window.setGeometry(0, 0, WIDTH, HEIGHT)
        window.setWindowState(Qt.WindowState.WindowMaximized)  # as the app shows it
        present = book.register.voting_members(meeting.date)[:23]
        for member in present:
            window.door.check_in(member)
        motions = next(item for item in book.meetings.agenda(meeting.id) if item.kind == "motion")
        window.go_to(motions.id)
        window.item_panel.notes.setPlainText("Members discussed the landlord's plan for new bin stores on "
                                             "Royston Road. Several closes have had no say in where they go.")
        window.item_panel.save_notes()
        if not book.decisions.motions(meeting.id):
            book.decisions.propose_motion(meeting.id, "That the association asks the landlord to consult every close "
                                "before moving the bin stores on Royston Road.", present[1].id, present[2].id,
                                agenda_item_id=motions.id)
        window.refresh()
        dialog = window.decisions.record_vote()
        for box, count in ((dialog.votes_for, 17), (dialog.votes_against, 4), (dialog.abstentions, 2)):
            box.setValue(count)
        dialog.accept()
        window.checkin.search.setText("mac")
        return window

    def plan_meeting(self):
        from ui.meeting_dialog import PlanMeetingDialog

        return PlanMeetingDialog(self._session(), self.today)

    def agenda(self):
        from ui.agenda_editor import AgendaEditor

        session = self._session()
        editor = AgendaEditor(session, session.book.meetings.find_meeting("next").id, self.today)
        editor.select(next(i.id for i in session.book.meetings.agenda(editor.meeting_id) if i.kind == "motion"))
        return editor

    def import_preview(self):
        """The demo's own member list, read into a new association: the preview before anything is saved."""
        from PySide6.QtCore import QEventLoop, QTimer

        from ui.import_dialog import ImportDialog

        dialog = ImportDialog(self._session(self._new_association("new-list")),
                              ROOT / "resources" / "demo" / "members.csv")
        waiting = QEventLoop()
        dialog.previewed.connect(waiting.quit)
        QTimer.singleShot(10000, waiting.quit)
        waiting.exec()
        return dialog

    def _documents(self, document: str, prepare=None):
        """The documents window on the demo's AGM, with ``document`` chosen and drawn."""
        from PySide6.QtCore import QEventLoop, QTimer

        from ui.documents_dialog import DocumentsDialog

        session = self._session()
        if prepare:
            prepare(session.book)
        agm = next(m for m in session.book.meetings.meetings() if m.kind == "annual general")
        dialog = DocumentsDialog(session, agm.id, self.today)
        waiting = QEventLoop()
        dialog.document_ready.connect(waiting.quit)
        QTimer.singleShot(20000, waiting.quit)
        dialog.choose(document)
        waiting.exec()
        return dialog

    def signin_sheet(self):
        """The sign-in sheet with the street beside each name, as the chair can choose."""
        return self._documents("signin", lambda book: book.documents.choose_signin_address("street"))

    def constitution(self):
        """The landlord's pack with the constitution as adopted attached, and the window that attached it."""
        from ui.constitution_attachment import ConstitutionDialog

        source = self.work / "Wellhouse TRA constitution.txt"
        source.write_text("CONSTITUTION OF WELLHOUSE AND DISTRICT TENANTS' AND RESIDENTS' ASSOCIATION\n\n"
                          "1. Name\n\nThe association shall be called Wellhouse and District Tenants' and "
                          "Residents' Association.\n\n2. Aims\n\nTo represent the tenants and residents of the "
                          "area, and to work with the landlord to improve it.\n", encoding="utf-8")
        dialog = self._documents("pack", lambda book: book.documents.attach_constitution(source, self.today))
        self.kept.append(dialog)
        dialog.show()
        window = ConstitutionDialog(dialog.session, self.today, dialog)
        return window

    def settings(self):
        """The association's details, with the constitution as adopted attached as a PDF."""
        from reportlab.pdfgen.canvas import Canvas

        from ui.settings_dialog import SettingsDialog

        source = self.work / "Constitution adopted 2019.pdf"
        canvas = Canvas(str(source))
        for page in range(1, 7):
            canvas.drawString(72, 720, f"Constitution, page {page}")
            canvas.showPage()
        canvas.save()
        session = self._session()
        session.book.documents.attach_constitution(source, self.today)
        return SettingsDialog(session, self.today)

    def wizard(self):
        from ui.first_run import FirstRunWizard

        wizard = FirstRunWizard(self.work / "wizard")
        wizard.restart()
        wizard.next()
        wizard.page(1).name.setText("Fresh Start Tenants' Association")
        wizard.page(1).area.setText("Govan, Glasgow")
        wizard.next()
        return wizard

    def guide(self):
        from ui.guide import GuideWindow

        return GuideWindow()

    def large_text(self):
        from ui import appearance

        appearance.apply_text_size(150)
        return self._main_window(0)

    def dark_mode(self):
        from ui import appearance

        appearance.apply_appearance("dark")
        return self.console()

    def high_contrast(self):
        from ui import appearance

        appearance.apply_appearance("contrast")
        return self._main_window(1)


PICTURES = {  # file name -> scene
    "main-window": "main_window", "members": "members", "first-evening": "first_evening",
    "plan-meeting": "plan_meeting", "agenda": "agenda", "import": "import_preview", "console": "console",
    "wizard": "wizard", "guide": "guide", "large-text": "large_text", "dark-mode": "dark_mode",
    "high-contrast": "high_contrast", "signin-sheet": "signin_sheet", "constitution": "constitution",
    "settings": "settings",
}
# The console and the main window at each text size a chair may choose, to look at before each release
# (issue 16): nothing may be cut off on a 1366x768 laptop at 150% or 200%.
AT_TEXT_SIZES = {f"{name}-{size}": (scene, size) for name, scene in (("console", "console"),
                                                                      ("main-window", "main_window"))
                 for size in (100, 150, 200)}


def _photograph(app, scenes: Scenes, scene: str, out: Path, text_size: int = 0) -> None:
    from ui import appearance

    if text_size:
        appearance.apply_text_size(text_size)
    window = getattr(scenes, scene)()
    scenes.kept.append(window)
    window.show()
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(out))
    window.close()
    appearance.reset_to_system()
    print(out.relative_to(ROOT) if out.is_relative_to(ROOT) else out)


def _application(work: Path):
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("QuorumScreenshots")
    QCoreApplication.setApplicationName("QuorumScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = QApplication(sys.argv[:1])
    from ui.resources import app_icon

    app.setWindowIcon(app_icon())
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=sorted(PICTURES), help="show one scene in a window and wait")
    parser.add_argument("--out", default=str(IMAGES), help="folder for the pictures (default docs/images)")
    parser.add_argument("--sizes-only", action="store_true", help="only the console and main window at each text size")
    parser.add_argument("--text-size", type=int, default=0, help="with --show: the text size, like 150 (per cent)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quorum-screens-") as folder:
        work = Path(folder)
        if not args.show:
            _offscreen_laptop(work)
        app = _application(work)
        scenes = Scenes(work)
        if args.show:
            if args.text_size:
                from ui import appearance

                appearance.apply_text_size(args.text_size)
            window = getattr(scenes, PICTURES[args.show])()
            window.move(0, 0)
            window.show()
            return app.exec()
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for name, scene in {} if args.sizes_only else PICTURES.items():
            _photograph(app, scenes, scene, out / f"{name}.png")
        sized = out / "text-sizes"
        sized.mkdir(exist_ok=True)
        for name, (scene, size) in AT_TEXT_SIZES.items():
            _photograph(app, scenes, scene, sized / f"{name}.png", size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
