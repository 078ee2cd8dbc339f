"""Cycles are collected on the GUI thread, never by a worker that happens to allocate (ui/garbage.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from ui.application import make_application


class _Cycle:
    """A reference cycle, as a closed dialog and its connected slots make, that says where it was freed."""

    def __init__(self, freed_in: list[str]) -> None:
        self.me = self
        self.freed_in = freed_in
        self.qt = QObject()

    def __del__(self) -> None:
        self.freed_in.append(threading.current_thread().name)


def _allocate_cycles(count: int) -> None:
    for _ in range(count):
        loop: list = []
        loop.append(loop)


def test_a_worker_allocating_never_collects_the_gui_threads_cycles(qtbot):
    gc.enable()  # as Python starts
    app = make_application()
    assert not gc.isenabled()
    freed_in: list[str] = []
    _Cycle(freed_in)  # unreachable at once, freed only by the cycle collector
    worker = threading.Thread(target=_allocate_cycles, args=(50 * gc.get_threshold()[0],), name="worker")
    worker.start()
    worker.join()
    assert freed_in == []  # with automatic collection this worker would have freed it
    qtbot.waitUntil(lambda: freed_in != [], timeout=5000)
    assert freed_in == [threading.main_thread().name]
    assert app is not None


def test_the_collector_is_made_once_per_application(qapp):
    from ui import garbage

    assert garbage.collect_on_gui_thread(qapp) is garbage.collect_on_gui_thread(qapp)
