"""The app when its file disappears mid-meeting, or is already open in another Quorum (issue 18)."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.services import AssociationFile
from app.store import inspect
from tests.test_one_writer import _holder
from tests.ui.test_console_proxy import console  # noqa: F401 - the console fixture, shared
from ui.application import Launcher


def test_a_deleted_file_turns_the_console_read_only_and_everything_is_saved_elsewhere(
        qtbot, console, demo_path, tmp_path, monkeypatch):  # noqa: F811 - the imported fixture
    window, book, meeting = console, console.book, console.meeting
    qtbot.waitExposed(window)
    members = book.register.voting_members(meeting.date)
    window.door.check_in(members[0])
    os.unlink(demo_path)  # a sync tool tidied it away
    window.door.check_in(members[1])
    assert window.read_only and "no longer where Quorum opened it" in window.banner.text()
    assert window.save_elsewhere.isVisible()
    target = tmp_path / "rescued.door.quorum"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.save_elsewhere.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # or Alt+W from anywhere in the console
    assert told and str(target) in told[0]
    assert inspect(target).members == 119
    with AssociationFile.open(target) as rescued:
        assert rescued.door.present_ids(meeting.id) == {members[0].id}


def test_a_file_open_in_another_quorum_is_offered_read_only(qtbot, demo_path, monkeypatch):
    asked = []

    def answer(box):
        asked.append(box.text())
        box.buttons()[[b.text() for b in box.buttons()].index("Open &read-only")].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    holder = _holder(demo_path)  # the other Quorum, in a process of its own
    try:
        launcher = Launcher(demo_path.parent)
        assert launcher.open(demo_path)
        qtbot.addWidget(launcher.window)
        assert asked and "open in another Quorum" in asked[0]
        assert launcher.window.session.book.read_only
        assert "120 members" in launcher.window.summary.text()  # with the one the other Quorum added
        launcher.window.session.close()
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
