"""The main window shows the association, its numbers and its meetings."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from ui.application import Launcher
from ui.first_run import FirstRunWizard
from ui.main_window import MainWindow
from ui.session import Session
from ui.welcome import DEMO


def _window(qtbot, demo_path):
    window = MainWindow(Session(AssociationFile.open(demo_path)), today=DEMO_DAY)
    qtbot.addWidget(window)
    window.show()
    return window


def test_shows_the_demo_association(qtbot, demo_path):
    window = _window(qtbot, demo_path)
    assert window.windowTitle().startswith("Wellhouse and District Tenants' and Residents' Association")
    assert "119 members · 12 meetings" in window.summary.text()
    assert window.meetings_page.model.rowCount() == 12
    first = window.meetings_page.model.index(0, 4).data()
    assert first == "Planned"  # the upcoming meeting is listed first
    assert window.meetings_page.model.index(1, 4).data() == "Held"
    assert "Next meeting:" in window.meetings_page.next_meeting.text() and "1 apology so far" in window.meetings_page.next_meeting.text()
    window.session.close()


def test_a_change_through_the_session_refreshes_the_window(qtbot, demo_path):
    window = _window(qtbot, demo_path)
    book = window.session.book
    with qtbot.waitSignal(window.session.changed, timeout=2000):
        window.session.apply(book.update_association, name="Wellhouse TRA")
    assert window.windowTitle() == "Wellhouse TRA — Quorum"
    window.session.close()


def test_geometry_is_remembered(qtbot, demo_path):
    window = _window(qtbot, demo_path)
    window.resize(780, 520)  # the offscreen screen is 800 wide
    expected = window.size()  # no smaller than the window's minimum
    window.close()
    saved = QSettings().value("main_window/geometry")
    assert saved is not None and not saved.isEmpty()
    window.session.close()  # one Quorum writes a file at a time
    again = _window(qtbot, demo_path)
    assert again.size() == expected
    again.session.close()


def test_menus_have_standard_shortcuts(qtbot, demo_path):
    window = _window(qtbot, demo_path)
    shortcuts = {a.text().replace("&", ""): a.shortcut().toString() for m in window.menuBar().actions()
                 for a in m.menu().actions() if a.text()}
    assert shortcuts["New association…"] == "Ctrl+N"
    assert shortcuts["Open association…"] == "Ctrl+O"
    assert shortcuts["Quit"] == "Ctrl+Q"
    window.session.close()


def test_first_start_offers_the_demo(qtbot, tmp_path, monkeypatch):
    def choose_demo(wizard):
        wizard.welcome_page.radios[DEMO].setChecked(True)
        return True

    monkeypatch.setattr(FirstRunWizard, "exec", choose_demo)
    launcher = Launcher(tmp_path / "data")
    assert launcher.start(None)
    qtbot.addWidget(launcher.window)
    assert "Wellhouse" in launcher.window.windowTitle()
    assert (tmp_path / "data" / "recent.json").exists()
    launcher.window.session.close()

def test_opening_names_approved_minutes_changed_behind_quorums_back(qtbot, demo_path):
    import sqlite3

    raw = sqlite3.connect(demo_path)
    raw.execute("UPDATE motions SET votes_for = votes_for + 5 WHERE majority_kind = 'two_thirds'")
    raw.commit()
    raw.close()
    window = _window(qtbot, demo_path)
    assert window.check_approved_minutes() == ["the Annual General Meeting of 19 May 2026"]
    window.session.close()


def test_the_window_shows_the_association_before_its_register_loads(qtbot, demo_path):
    """Show first, then load: the name and the waiting tabs come before the front door is even used."""
    launcher = Launcher(demo_path.parent)
    assert launcher.start(demo_path)
    window = launcher.window
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.windowTitle() == "Wellhouse and District Tenants' and Residents' Association — Quorum"
    assert "Wellhouse and District" in window.title.text()
    assert window.session is None and window.members_page is None and window.meetings_page is None
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["&Meetings", "Mem&bers"]
    assert window.summary.text() == "Opening…"
    with qtbot.waitSignal(window.loaded, timeout=20000):
        pass
    assert window.members_page.model.rowCount() == 119
    assert "119 members · 12 meetings" in window.summary.text()
    assert window.tabs.widget(1) is window.members_page and window.tabs.widget(0) is window.meetings_page
    commands = [a.text() for a in window.file_menu.actions() if a.text()]  # filled once the file was read
    assert commands[0] == "&New association…" and commands[-1] == "&Quit"
    assert all(action.isEnabled() for action in window.file_menu.actions())
    window.session.close()


def test_a_window_never_painted_still_loads_and_loads_once(qtbot):
    """Shown minimised, say: the association loads after a short wait all the same, and not again when painted."""
    window = MainWindow(name="Wellhouse TRA")
    qtbot.addWidget(window)
    calls = []
    window.after_first_paint(lambda: calls.append("load"), patience_ms=20)
    qtbot.waitUntil(lambda: calls == ["load"])
    with qtbot.waitSignal(window.painted, timeout=5000):
        window.show()
    assert calls == ["load"]
    window.after_first_paint(lambda: calls.append("again"))  # painted already: at the next turn
    qtbot.waitUntil(lambda: calls == ["load", "again"])


def test_a_file_whose_name_cannot_be_read_is_opened_the_long_way(qtbot, tmp_path, monkeypatch):
    """Not an association file at all: the chair hears why, and is welcomed instead (here: chooses nothing)."""
    from PySide6.QtWidgets import QMessageBox

    stray = tmp_path / "data" / "notes.quorum"
    stray.parent.mkdir()
    stray.write_text("shopping list", encoding="utf-8")
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(FirstRunWizard, "exec", lambda wizard: False)
    assert not Launcher(stray.parent).start(stray)
    assert told == ["The file notes.quorum is damaged or is not a Quorum association file. There is no backup of it "
                    "to go back to."]


def test_minutes_changed_behind_quorums_back_are_named_after_a_quick_start(qtbot, demo_path):
    """The approved-minutes check runs off the GUI thread once the window is whole, with its own connection."""
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    raw = sqlite3.connect(demo_path)
    raw.execute("UPDATE motions SET votes_for = votes_for + 5 WHERE majority_kind = 'two_thirds'")
    raw.commit()
    raw.close()
    launcher = Launcher(demo_path.parent)
    assert launcher.start(demo_path)
    window = launcher.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox) is not None, timeout=20000)
    assert "Annual General Meeting of 19 May 2026" in window.findChild(QMessageBox).text()
    window.session.close()


def test_the_name_remembered_from_the_last_start_is_shown_first_and_the_files_own_once_loaded(qtbot, demo_path):
    """The window's first glance takes the name as it was when the file was last open (no sqlite3 at start-up);
    renamed since (on another laptop, say), the file's own name replaces it once loaded, and is remembered."""
    from app import places

    folder = demo_path.parent
    places.remember_opened(folder, demo_path, "Wellhouse TRA (before it was renamed)")
    launcher = Launcher(folder)
    assert launcher.start(None)
    window = launcher.window
    qtbot.addWidget(window)
    assert window.windowTitle() == "Wellhouse TRA (before it was renamed) — Quorum"
    assert window.session is None
    with qtbot.waitSignal(window.loaded, timeout=20000):
        pass
    assert window.windowTitle() == "Wellhouse and District Tenants' and Residents' Association — Quorum"
    assert "Wellhouse and District" in window.title.text()
    assert places.remembered_name(folder, demo_path) == "Wellhouse and District Tenants' and Residents' Association"
    window.session.close()


def test_a_remembered_name_belongs_to_the_file_it_was_remembered_with(tmp_path):
    from app import places

    folder = tmp_path / "data"
    first, second = folder / "first.quorum", folder / "second.quorum"
    places.remember_opened(folder, first, "First TRA")
    assert places.remembered_name(folder, first) == "First TRA"
    assert places.remembered_name(folder, second) is None  # another file: read from the file itself
    assert places.remembered_name(tmp_path / "elsewhere", tmp_path / "elsewhere" / "first.quorum") is None
    places.remember_opened(folder, second)  # the command line, which names no association
    assert places.remembered_name(folder, second) is None
    (folder / places.RECENT).write_text('["not", "what", "Quorum writes"]', encoding="utf-8")
    assert places.remembered_name(folder, first) is None and places.last_opened(folder) is None
