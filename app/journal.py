"""Quorum's own log: what happened and where, never who.

Members' names, addresses and phone numbers are personal data, and log files get copied,
emailed and forgotten. So the log records record ids, kinds of change and the places in the
code where something went wrong, and never an exception's message (which may name a member).
"""

from __future__ import annotations

import logging
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "quorum.log"
log = logging.getLogger("quorum")


class WithoutMessages(logging.Formatter):
    """Formats an exception as its type and the code locations it passed through, nothing else."""

    def formatException(self, exc_info) -> str:
        kind, _, tb = exc_info
        places = [f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(tb)]
        return f"{kind.__name__} at " + " <- ".join(reversed(places))


def start(folder: Path) -> Path | None:
    """Log to ``folder/quorum.log`` (rotated at 1 MB, three kept). Best effort: no log is no reason to stop."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(folder / LOG_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(WithoutMessages("%(asctime)s %(levelname)s %(message)s"))
    for old in [h for h in log.handlers if isinstance(h, RotatingFileHandler)]:
        log.removeHandler(old)
        old.close()
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return folder / LOG_NAME


def refused(error: Exception) -> None:
    """A rule or the disk refused something; the chair was told in words, the log keeps only the kind."""
    log.info("refused: %s", type(error).__name__)


def unexpected(error: BaseException) -> None:
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
