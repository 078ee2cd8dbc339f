"""The app's very start: fontconfig loaded on a worker while Qt and Quorum load.

The first text Qt measures makes it load fontconfig's configuration and caches (every font the
system has: 414 here), about two thirds of the 20-25 ms that the first text costs, on the GUI thread
before the first paint; a bare window, drawing no text, never pays it. Asked for on a worker at the
very start (``FcInit``, which Qt calls again and then finds done), that work overlaps the import of
PySide6, which takes several times as long. The worker is fontconfig's own function run on a thread
of its own: ctypes lets go of the interpreter's lock for it, so the GUI thread never waits for the
worker. Qt's own part, reading the list of fonts into its database, stays on the GUI thread:
PySide6 keeps the interpreter's lock while Qt runs it. See docs/benchmarks.md.
"""

from __future__ import annotations

import sys


def find_fonts_meanwhile() -> None:
    """Where Qt finds fonts through fontconfig (Linux, the BSDs): its configuration loaded on a worker."""
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
    find_fonts_meanwhile()
    # Where the file is, and its name (recent.json), before PySide6: from its import on, PySide6 reads the
    # source of every module named by an import statement (to see whether it uses PySide6), json's four too.
    from app import places  # noqa: F401
    from ui.application import run as run_application  # PySide6 and the rest of Quorum's start, meanwhile

    return run_application(args)
