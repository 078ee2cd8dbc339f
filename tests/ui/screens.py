"""The main screens, each built on a copy of the demo and shown, for the accessibility and large-text checks.

A ``Screen`` is a shown top-level window and its states: the tabs or pages a chair moves through,
each made current by a small function, so a check can look at every one of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from app.model import Association
from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from ui.page_preview import PagePreview
from ui.session import Session

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "members-sample.csv"
INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit,
               QPlainTextEdit, QTabBar, PagePreview)  # the preview takes Tab so the arrow and Page keys scroll it
# Qt builds small controls inside these (a spin box's text, a tab bar's arrows, a table's corner
# button); they are reached through their owner, so only the owner is counted.
OWNERS = (QAbstractSpinBox, QComboBox, QTabBar, QAbstractItemView, QLineEdit)


@dataclass
class Screen:
    name: str
    window: QWidget
    states: list[tuple[str, Callable[[], None]]] = field(default_factory=list)


def interactive(window: QWidget) -> list[QWidget]:
    """Every visible, enabled control a chair could use in ``window`` as it is shown now."""
    found = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, INTERACTIVE) and widget.isVisible() and widget.isEnabled() \
                and widget.window() is window and not _inside_a_control(widget, window):
            found.append(widget)
    return found


def _inside_a_control(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, OWNERS):
            return True
        parent = parent.parentWidget()
    return False


def describe(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    return f"{type(widget).__name__}({text!r}, name={widget.accessibleName()!r}, object={widget.objectName()!r})"


def _shown(qtbot, window: QWidget) -> QWidget:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def loaded_window(qtbot, path: Path):
    """The main window as Quorum starts on ``path`` (ui.application.Launcher: shown first, then
    loaded), once it has loaded."""
    from ui.application import Launcher

    launcher = Launcher(path.parent)
    assert launcher.start(path)
    window = launcher.window
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=20000):
        pass
    return window


@contextmanager
def main_window(qtbot, path: Path) -> Iterator[Screen]:
    from ui.main_window import MainWindow

    window = _shown(qtbot, MainWindow(Session(AssociationFile.open(path)), today=DEMO_DAY))
    yield Screen("main window", window, [
        ("Meetings tab", lambda: window.tabs.setCurrentIndex(0)),
        ("Members tab", lambda: window.tabs.setCurrentIndex(1)),
    ])
    window.close()
    window.session.close()


@contextmanager
def empty_main_window(qtbot, folder: Path) -> Iterator[Screen]:
    """A new association with no meetings and no members: the empty states show."""
    AssociationFile.create(folder / "new.quorum", Association("Fresh Start TRA")).close()
    with main_window(qtbot, folder / "new.quorum") as screen:
        screen.name = "main window of a new association"
        yield screen


@contextmanager
def console(qtbot, path: Path) -> Iterator[Screen]:
    from ui.console.window import ConsoleWindow

    book = AssociationFile.open(path)
    meeting = book.meetings.find_meeting("next")
    book.meetings.open_meeting(meeting.id, at="18:45")
    window = _shown(qtbot, ConsoleWindow(Session(book), meeting.id, today=DEMO_DAY))
    arising = next(item.id for item in book.meetings.agenda(meeting.id) if item.kind == "matters arising")
    motions = next(item.id for item in book.meetings.agenda(meeting.id) if item.kind == "motion")
    yield Screen("meeting console", window, [
        ("first item", lambda: window.go_to(book.meetings.agenda(meeting.id)[0].id)),
        ("matters arising", lambda: window.go_to(arising)),
        ("motions", lambda: window.go_to(motions)),
    ])
    window.close()
    book.close()


@contextmanager
def member_dialog(qtbot, path: Path) -> Iterator[Screen]:
    from ui.member_dialog import MemberDialog

    with AssociationFile.open(path) as book:
        dialog = _shown(qtbot, MemberDialog(book.register.members()[0]))
        yield Screen("member dialog", dialog, [("details", lambda: None)])
        dialog.close()


@contextmanager
def settings_dialog(qtbot, path: Path) -> Iterator[Screen]:
    from ui.settings_dialog import SettingsDialog

    session = Session(AssociationFile.open(path))
    dialog = _shown(qtbot, SettingsDialog(session, DEMO_DAY))
    yield Screen("settings dialog", dialog, _tabs(dialog.tabs))
    dialog.close()
    session.close()


@contextmanager
def agenda_editor(qtbot, path: Path) -> Iterator[Screen]:
    from ui.agenda_editor import AgendaEditor

    session = Session(AssociationFile.open(path))
    meeting = session.book.meetings.find_meeting("next")
    editor = _shown(qtbot, AgendaEditor(session, meeting.id, DEMO_DAY))
    yield Screen("agenda editor", editor, _tabs(editor.tabs))
    editor.close()
    session.close()


@contextmanager
def import_preview(qtbot, path: Path) -> Iterator[Screen]:
    from ui.import_dialog import ImportDialog

    session = Session(AssociationFile.open(path))
    dialog = ImportDialog(session, SAMPLE)
    with qtbot.waitSignal(dialog.previewed, timeout=10000):
        _shown(qtbot, dialog)
    yield Screen("import preview", dialog, [("preview", lambda: None)])
    dialog.close()
    session.close()


@contextmanager
def first_run(qtbot, folder: Path) -> Iterator[Screen]:
    from ui.first_run import FirstRunWizard

    wizard = _shown(qtbot, FirstRunWizard(folder))

    def page(number: int) -> Callable[[], None]:
        def go() -> None:
            while wizard.currentId() < number:
                if wizard.currentId() == 1:
                    wizard.page(1).name.setText("Fresh Start TRA")
                before = wizard.currentId()
                wizard.next()
                assert wizard.currentId() != before, f"the wizard stayed on page {before}"
        return go

    yield Screen("first-run wizard", wizard, [(f"page {n}", page(n)) for n in range(5)])
    wizard.close()
    if wizard.session is not None:
        wizard.session.close()


@contextmanager
def guide(qtbot, _folder: Path) -> Iterator[Screen]:
    from ui.guide import GuideWindow

    window = _shown(qtbot, GuideWindow())
    yield Screen("guide", window, [("guide", lambda: None)])
    window.close()


@contextmanager
def plan_meeting(qtbot, path: Path) -> Iterator[Screen]:
    from ui.meeting_dialog import PlanMeetingDialog

    session = Session(AssociationFile.open(path))
    dialog = _shown(qtbot, PlanMeetingDialog(session, DEMO_DAY))
    yield Screen("plan a meeting", dialog, [("details", lambda: None)])
    dialog.close()
    session.close()


@contextmanager
def documents(qtbot, path: Path) -> Iterator[Screen]:
    """The documents window on the demo's AGM, whose approved minutes have no Word file (a sentence says why)."""
    from ui.documents_dialog import DocumentsDialog

    session = Session(AssociationFile.open(path))
    agm = next(m for m in session.book.meetings.meetings() if m.kind == "annual general")
    dialog = DocumentsDialog(session, agm.id, DEMO_DAY)
    with qtbot.waitSignal(dialog.document_ready, timeout=20000):
        _shown(qtbot, dialog)

    def choose(document: str) -> Callable[[], None]:
        def go() -> None:
            if dialog.choice().document != document:
                with qtbot.waitSignal(dialog.document_ready, timeout=20000):
                    dialog.choose(document)
        return go

    yield Screen("documents", dialog, [(name, choose(name)) for name in ("minutes", "signin", "pack")])
    dialog.close()
    session.close()


@contextmanager
def _console_dialog(qtbot, path: Path, name: str, open_dialog) -> Iterator[Screen]:
    """A dialog the console opens, over the console of the demo's next meeting with members checked in."""
    from ui.console.window import ConsoleWindow

    book = AssociationFile.open(path)
    meeting = book.meetings.find_meeting("next")
    book.meetings.open_meeting(meeting.id, at="18:45")
    console = _shown(qtbot, ConsoleWindow(Session(book), meeting.id, today=DEMO_DAY))
    for member in book.register.voting_members(meeting.date)[:12]:
        console.door.check_in(member)
    dialog = open_dialog(console)
    qtbot.waitExposed(dialog)
    yield Screen(name, dialog, [(name, lambda: None)])
    dialog.close()
    console.close()
    book.close()


def _motion_to_vote_on(console) -> None:
    book, meeting = console.book, console.meeting
    motions = next(item for item in book.meetings.agenda(meeting.id) if item.kind == "motion")
    console.go_to(motions.id)
    here = console.decisions.present_members()
    book.decisions.propose_motion(meeting.id, "That the association writes to the council about the street "
                                  "lights on Wellhouse Crescent.", here[0].id, here[1].id, agenda_item_id=motions.id)
    console.refresh()


def vote_dialog(qtbot, path: Path):
    return _console_dialog(qtbot, path, "vote", lambda console: (_motion_to_vote_on(console),
                                                                 console.decisions.record_vote())[1])


def motion_dialog(qtbot, path: Path):
    return _console_dialog(qtbot, path, "new motion", lambda console: console.decisions.new_motion())


def election_dialog(qtbot, path: Path):
    return _console_dialog(qtbot, path, "election", lambda console: console.decisions.election())


def action_dialog(qtbot, path: Path):
    return _console_dialog(qtbot, path, "new action", lambda console: console.decisions.new_action())


def closing_question(qtbot, path: Path):
    return _console_dialog(qtbot, path, "closing the meeting", lambda console: console.closing.close_meeting())


def guest_dialog(qtbot, path: Path):
    return _console_dialog(qtbot, path, "guest", lambda console: console.door.add_guest())


def approve_minutes_dialog(qtbot, path: Path):
    """The demo's last general meeting's minutes wait for approval at the next."""
    return _console_dialog(qtbot, path, "approve the minutes", lambda console: console.decisions.approve_minutes())


@contextmanager
def _session_dialog(qtbot, path: Path, name: str, make) -> Iterator[Screen]:
    """A dialog of the main window's menus, built by ``make(session)`` on the demo."""
    session = Session(AssociationFile.open(path))
    dialog = _shown(qtbot, make(session))
    yield Screen(name, dialog, [(name, lambda: None)])
    dialog.close()
    session.close()


def export_dialog(qtbot, path: Path):
    from ui.export_dialog import ExportDialog

    return _session_dialog(qtbot, path, "export the members", ExportDialog)


def history_dialog(qtbot, path: Path):
    from ui.history_dialog import HistoryDialog

    return _session_dialog(qtbot, path, "history", HistoryDialog)


def treasurer_dialog(qtbot, path: Path):
    from ui.treasurer_dialog import TreasurerDialog

    return _session_dialog(qtbot, path, "treasurer's statement", lambda session: TreasurerDialog(session, 2026))


def digest_dialog(qtbot, path: Path):
    from ui.digest_dialog import DigestDialog

    def make(session):
        held = [m for m in session.book.meetings.meetings() if m.status == "closed"][0]
        return DigestDialog(session, held.id, DEMO_DAY)
    return _session_dialog(qtbot, path, "summary for members", make)


@contextmanager
def sync_problems(qtbot, path: Path) -> Iterator[Screen]:
    from ui.head_office import SyncProblemsDialog

    session = Session(AssociationFile.open(path))
    problems = _shown(qtbot, SyncProblemsDialog(session))
    yield Screen("sync problems", problems, [("problems", lambda: None)])
    problems.close()
    session.close()


@contextmanager
def enrol(qtbot, _folder: Path) -> Iterator[Screen]:
    from ui.head_office import EnrolDialog

    dialog = _shown(qtbot, EnrolDialog())
    yield Screen("enrol with head office", dialog, [("enrol", lambda: None)])
    dialog.close()


def _tabs(tabs) -> list[tuple[str, Callable[[], None]]]:
    return [(tabs.tabText(i).replace("&", ""), lambda i=i: tabs.setCurrentIndex(i)) for i in range(tabs.count())]


ON_THE_DEMO = (main_window, console, member_dialog, settings_dialog, agenda_editor, import_preview, plan_meeting,
               documents, vote_dialog, motion_dialog, election_dialog, action_dialog, guest_dialog, approve_minutes_dialog,
               closing_question, sync_problems, export_dialog, history_dialog, treasurer_dialog, digest_dialog)
IN_A_NEW_FOLDER = (empty_main_window, first_run, guide, enrol)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()
