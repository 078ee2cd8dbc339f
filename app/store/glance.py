"""A first glance at an association file: its name, for the window drawn before the rest of Quorum loads.

Plain sqlite3, read-only, and nothing else of Quorum's imported (docs/benchmarks.md lists what start-up
imports). Whenever the file cannot be read this simply (damaged, not Quorum's, a journal to recover),
the answer is None and opening it properly (``files.inspect``, then the store) says what is wrong.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def association_name(path: Path) -> str | None:
    path = Path(path)
    flags = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"  # as files.read_only
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?{flags}", uri=True)  # pathlib quotes it
        try:
            row = conn.execute("SELECT name FROM associations ORDER BY rowid LIMIT 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row and row[0] else None
