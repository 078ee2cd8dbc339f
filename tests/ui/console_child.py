"""Runs the console in a child process for the crash test: types, checks in, then waits to be killed."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.services import AssociationFile
from ui.console.window import ConsoleWindow
from ui.session import Session


def main(path: Path) -> None:
    app = QApplication([])
    book = AssociationFile.open(path)
    meeting = book.meetings.open_meetings()[-1]
    window = ConsoleWindow(Session(book), meeting.id)
    window.show()
    for member in book.register.members()[:3]:
        window.door.check_in(member)
    window.go_to(book.meetings.agenda(meeting.id)[3].id)
    QTest.keyClicks(window.item_panel.notes, "The chair reported on the rent consultation")
    # no explicit save: the pause in typing must be enough
    QTimer.singleShot(2000, lambda: (print("ready", flush=True)))
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
