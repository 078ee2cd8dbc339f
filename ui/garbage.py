"""Python's cycle collector run on the GUI thread only.

Python collects reference cycles in whichever thread happens to allocate when its counters run
over. When that is a worker (a PDF being laid out for the preview, a file being read) and a cycle
holds a Qt object (a dialog closed a moment ago, with its signal connections), the object is
destroyed off the GUI thread, and Qt may crash: seen as segfaults inside reportlab and HarfBuzz
while a document was being drawn. So, as pyqtgraph and Anki do, automatic collection is turned
off and the same thresholds are checked on a timer on the GUI thread. Plain reference counting,
which frees nearly everything, is untouched.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_EVERY_MS = 500  # short enough that garbage never piles up, long enough to cost nothing


class GuiThreadCollector(QObject):
    """Collects, on the thread it lives in, the generations whose thresholds have been passed."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_EVERY_MS)

    def check(self) -> None:
        counts = gc.get_count()
        if counts[0] <= self.thresholds[0]:
            return
        generation = 0
        if counts[1] > self.thresholds[1]:
            generation = 2 if counts[2] > self.thresholds[2] else 1
        gc.collect(generation)


_collector: GuiThreadCollector | None = None


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Once per application, from the GUI thread: later calls return the collector already there."""
    global _collector
    if _collector is None:
        _collector = GuiThreadCollector(app)
    gc.disable()
    return _collector
