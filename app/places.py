"""Where association files live, and which one was open last.

One file per association, like a spreadsheet, in the user's data folder unless the chair
(or a test) points elsewhere with --data-dir or QUORUM_DATA_DIR.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

SUFFIX = ".quorum"
RECENT = "recent.json"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    if os.environ.get("QUORUM_DATA_DIR"):
        return Path(os.environ["QUORUM_DATA_DIR"]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("Quorum", appauthor=False))


def log_folder(data_dir_option: str | None, file_option: str | None) -> Path | None:
    """Where Quorum's log goes: beside ``--file`` if that folder exists (never make a USB stick's
    folder just for a log), else the data folder."""
    if not file_option:
        return data_dir(data_dir_option)
    folder = Path(file_option).expanduser().parent
    return folder if folder.is_dir() else None


def file_name(association_name: str) -> str:
    """'Wellhouse and District TRA' -> 'wellhouse-and-district-tra.quorum'."""
    import unicodedata  # not at start-up, which only finds the file opened last

    plain = unicodedata.normalize("NFKD", association_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60] or "association"
    return slug + SUFFIX


def backups_dir(association_path: Path) -> Path:
    return association_path.parent / "backups"


def association_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*" + SUFFIX), key=lambda p: p.stat().st_mtime, reverse=True)


def _recent(folder: Path) -> dict:
    try:
        recent = json.loads((folder / RECENT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return recent if isinstance(recent, dict) else {}


def last_opened(folder: Path) -> Path | None:
    """The file opened last, or the only/newest one in the folder; always a file in this folder.

    ``recent.json`` names the file relative to the folder, so a copy of the folder (on a memory
    stick, say) opens its own copy. An older ``recent.json`` with an absolute path is read by
    the file's name only, never followed outside the folder.
    """
    try:
        last = folder / Path(_recent(folder)["last"]).name
        if last.is_file():
            return last
    except (KeyError, TypeError, ValueError):
        pass
    files = association_files(folder)
    return files[0] if files else None


def remembered_name(folder: Path, path: Path) -> str | None:
    """The association's name as it was when ``path``, the file opened last from ``folder``, was last open.

    Shown the moment Quorum starts, before the file itself is read (the window corrects it once the
    file is open, should it have been renamed since); None if none was remembered for this file.
    """
    recent = _recent(folder)
    name, last = recent.get("name"), recent.get("last")
    if not (isinstance(name, str) and name.strip() and isinstance(last, str)):
        return None
    return name if Path(path) == folder / Path(last).name else None


def remember_opened(folder: Path, path: Path, name: str | None = None) -> None:
    """Note the last file by its name, if it is in ``folder``, and the association's ``name`` if given (for
    the next start's first glance). Best effort: failing must never stop the chair."""
    try:
        if Path(path).resolve().parent != Path(folder).resolve():
            return  # a file elsewhere (--file): the data folder keeps no paths that lead out of it
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / (RECENT + ".tmp")
        tmp.write_text(json.dumps({"last": Path(path).name, **({"name": name} if name else {})}), encoding="utf-8")
        os.replace(tmp, folder / RECENT)
    except OSError:
        pass
