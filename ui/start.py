"""The app's very start: fontconfig loaded on a worker while Quorum's own modules load.

The first text Qt measures makes it load fontconfig's configuration and caches (every font the
system has: 414 here), about two thirds of the 20-25 ms that the first text costs, on the GUI thread
before the first paint; a bare window, drawing no text, never pays it. Asked for on a worker as soon
as PySide6 is imported (``FcInit``, which Qt calls again and then finds done), that work overlaps the
import of Quorum's window, its settings and the file's name. The worker is fontconfig's own function
run on a thread of its own: ctypes lets go of the interpreter's lock for it, so the GUI thread never
waits for the worker. Qt's own part, reading the list of fonts into its database, stays on the GUI
thread: PySide6 keeps the interpreter's lock while Qt runs it. See docs/benchmarks.md.
"""

from __future__ import annotations

import sys

# Where the file is and its name (recent.json), before PySide6: from its import on, PySide6 reads the source of
# every module named by an import statement (to see whether it uses PySide6): json's four, re, codecs...
from app import places  # noqa: F401


def find_fonts_meanwhile() -> None:
    """Where Qt finds fonts through fontconfig (Linux, the BSDs): its configuration loaded on a worker.

    Once PySide6 is imported: started beside that import (which maps Qt's libraries into memory),
    the start was slower on a busy machine than without the worker (medians of 25 runs); started
    after it, the worker overlaps the import of Quorum's own modules instead."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return
    import _thread
    import ctypes

    try:
        fontconfig = ctypes.CDLL("libfontconfig.so.1")  # the library Qt uses: its configuration is shared
    except OSError:
        return  # no fontconfig here: Qt finds the fonts its own way
    _thread.start_new_thread(fontconfig.FcInit, ())  # returns at once, unlike threading.Thread.start


def run(args) -> int:
    from PySide6 import QtWidgets  # noqa: F401 - its libraries mapped in first: see find_fonts_meanwhile

    find_fonts_meanwhile()
    from ui.application import run as run_application  # the rest of Quorum's start, meanwhile

    return run_application(args)
