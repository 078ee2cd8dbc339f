"""Saving a file whole or not at all: a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.errors import DiskError

Output = str | os.PathLike | BinaryIO


def write_atomically(out: Output, write: Callable[[BinaryIO], object]) -> None:
    """Hand ``write`` a file object: ``out`` itself, or a temporary file put in place of the path when whole."""
    if not isinstance(out, str | os.PathLike):
        write(out)
        return
    path = Path(out)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise DiskError(f"Quorum cannot write to the folder {path.parent}; nothing was saved.") from exc
    try:
        with os.fdopen(descriptor, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
        sync_folder(path.parent)
    except OSError as exc:
        _remove(temporary)
        raise DiskError(
            f"{path.name} could not be saved: the disk may be full, or the file is open in another program."
        ) from exc
    except BaseException:
        _remove(temporary)
        raise


def sync_folder(folder: Path) -> None:
    """Make the rename itself survive a power cut, not only the file's bytes."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def save_bytes(path: Path, data: bytes) -> None:
    """``data`` into ``path``, atomically."""
    write_atomically(path, lambda file: file.write(data))
