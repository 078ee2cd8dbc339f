"""Where association files live, and which one was open last.

One file per association, like a spreadsheet, in the user's data folder unless the chair
(or a test) points elsewhere with --data-dir or QUORUM_DATA_DIR.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
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
    plain = unicodedata.normalize("NFKD", association_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60] or "association"
    return slug + SUFFIX


def backups_dir(association_path: Path) -> Path:
    return association_path.parent / "backups"


def association_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*" + SUFFIX), key=lambda p: p.stat().st_mtime, reverse=True)


def last_opened(folder: Path) -> Path | None:
    """The file opened last, or the only/newest one in the folder; always a file in this folder.

    ``recent.json`` names the file relative to the folder, so a copy of the folder (on a memory
    stick, say) opens its own copy. An older ``recent.json`` with an absolute path is read by
    the file's name only, never followed outside the folder.
    """
    try:
        last = folder / Path(json.loads((folder / RECENT).read_text(encoding="utf-8"))["last"]).name
        if last.is_file():
            return last
    except (OSError, ValueError, KeyError, TypeError):
        pass
    files = association_files(folder)
    return files[0] if files else None


def remember_opened(folder: Path, path: Path) -> None:
    """Note the last file by its name, if it is in ``folder``. Best effort: failing must never stop the chair."""
    try:
        if Path(path).resolve().parent != Path(folder).resolve():
            return  # a file elsewhere (--file): the data folder keeps no paths that lead out of it
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / (RECENT + ".tmp")
        tmp.write_text(json.dumps({"last": Path(path).name}), encoding="utf-8")
        os.replace(tmp, folder / RECENT)
    except OSError:
        pass
