"""Opening a damaged file in the app: one sentence, and the latest good backup offered in its place."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.services import AssociationFile
from app.store import backups
from ui.application import Launcher


def test_damaged_file_offers_the_latest_good_backup(qtbot, demo_path, monkeypatch):
    with AssociationFile.open(demo_path) as book:
        book.backup()
    damaged = demo_path.read_bytes()[:25000]
    demo_path.write_bytes(damaged)
    for leftover in ("-wal", "-shm"):
        (demo_path.parent / (demo_path.name + leftover)).unlink(missing_ok=True)
    asked = []

    def answer(box):
        asked.append(box.text())
        box.buttons()[[b.text() for b in box.buttons()].index("Restore the backup")].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    launcher = Launcher(demo_path.parent)
    assert launcher.open(demo_path)
    qtbot.addWidget(launcher.window)
    assert asked and asked[0].startswith(f"The file {demo_path.name} is damaged")
    assert "119 members" in launcher.window.summary.text()
    assert any(b.reason == "set-aside" for b in backups.available(demo_path))
    launcher.window.session.close()
