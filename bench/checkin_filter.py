"""Check-in search among 5,000 members: time from a key press to the door's table redrawn.

Baseline: a bare QLineEdit over a QListView of the same 5,000 members, filtered by a
QSortFilterProxyModel. Typing is a chair's at the door: a few letters of a name, a flat like 2/1
or a street, the odd Backspace, then the box is cleared after each check-in (not timed).
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QListView, QVBoxLayout, QWidget

from bench.register import five_thousand
from bench.result import percentile, report
from ui.console.checkin_panel import CheckInPanel

TYPED = ["mac", "morag", "2/1", "kelvin way", "oneill", "sean", "flat 3/2", "lukasz", "patel 12", "amina",
         "royston", "mcgr\b\bgregor", "chen", "g33", "priya s", "dumbarton road", "fras\bser", "0141 2"]
KEYSTROKES = 200


def bare_door(members) -> tuple[QWidget, QLineEdit]:
    door = QWidget()
    layout = QVBoxLayout(door)
    search = QLineEdit()
    proxy = QSortFilterProxyModel(door)
    proxy.setSourceModel(QStringListModel([f"{m.name}, {m.address}" for m in members], door))
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    search.textChanged.connect(proxy.setFilterFixedString)
    view = QListView()
    view.setModel(proxy)
    layout.addWidget(search)
    layout.addWidget(view)
    return door, search


def type_at_the_door(window: QWidget, search: QLineEdit) -> list[float]:
    """Milliseconds from each key event to the events it caused (filter, reset, repaint) all handled."""
    window.resize(480, 700)
    window.show()
    QTest.qWaitForWindowExposed(window)
    search.setFocus()
    app, took = QApplication.instance(), []
    while len(took) < KEYSTROKES:
        for query in TYPED:
            for key in query:
                start = time.perf_counter()
                if key == "\b":
                    QTest.keyClick(search, Qt.Key.Key_Backspace)
                else:
                    QTest.keyClick(search, key)
                app.processEvents()
                took.append((time.perf_counter() - start) * 1000)
            search.clear()  # as after Enter checks the member in
            app.processEvents()
    window.close()
    return took[:KEYSTROKES]


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "default.warning=false")  # offscreen: "cannot propagate size hints"
    QApplication.instance() or QApplication([])
    members = five_thousand()
    panel = CheckInPanel()
    panel.set_members(members)
    door = type_at_the_door(panel, panel.search)
    bare = type_at_the_door(*bare_door(members))
    p50, p95, bare50, bare95 = percentile(door, 50), percentile(door, 95), percentile(bare, 50), percentile(bare, 95)
    report("checkin_filter", f"p50 {p50:.1f} ms, p95 {p95:.1f} ms", f"p50 {bare50:.1f} ms, p95 {bare95:.1f} ms",
           p95 / bare95, "p95 <= 16 ms", p95 <= 16)


if __name__ == "__main__":
    main()
