"""How far this laptop has numbered its changes, kept outside the association file.

Head office refuses a change number it has seen with different content. A backup put back
holds the numbering of the day it was taken, so without a mark kept elsewhere the next edit
would reuse a number already sent. The mark sits beside the file
(``wellhouse-tra.quorum-marks``), is raised before changes leave for head office (by sync or
bundle), and a restore also carries the replaced file's last number into the restored one.
It also names the association, so backups can be matched to it while the file is damaged.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.saving import save_bytes

SUFFIX = "-marks"


def mark_path(association_path: Path) -> Path:
    return Path(association_path).with_name(Path(association_path).name + SUFFIX)


def read(association_path: Path) -> dict:
    try:
        found = json.loads(mark_path(association_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def numbered(association_path: Path, device_id: str) -> int:
    """The highest change number this device may have shown head office (0 if none noted)."""
    try:
        return int(read(association_path).get("numbered", {}).get(device_id, 0))
    except (TypeError, ValueError, AttributeError):
        return 0


def association_key(association_path: Path) -> str | None:
    key = read(association_path).get("association")
    return key if isinstance(key, str) else None


def note(association_path: Path, association: str | None, device_id: str | None = None, seq: int = 0) -> None:
    """Raise the mark (never lower it), durably, before the numbers it covers leave the laptop."""
    marks = read(association_path)
    counts: dict = marks["numbered"] if isinstance(marks.get("numbered"), dict) else {}
    changed = bool(association) and marks.get("association") != association
    if device_id and seq > numbered(association_path, device_id):
        counts[device_id] = seq
        changed = True
    if changed:
        save_bytes(mark_path(association_path), json.dumps(
            {"association": association or marks.get("association"), "numbered": counts}).encode("utf-8"))
