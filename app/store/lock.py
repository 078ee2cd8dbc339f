"""One writer per association file: a lock beside it that names who holds it.

The lock is an operating-system lock (``flock``, or ``msvcrt.locking`` on Windows) on
``<file>.lock``, so it goes away by itself when the process that held it dies: a lock left
by a crashed Quorum is simply taken over. The file's text names the user, the machine and
since when, for the sentence a second Quorum shows ("open on SECRETARY-LAPTOP by jean since
19:02 on 24 November 2026").

The holder removes the lock file when it lets go. Someone who opened the old lock file just
before it was removed would be locking a file nobody else can see, so after taking the lock
a process checks the path still names the file it locked, and tries again if not.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import threading
from datetime import datetime
from pathlib import Path

from app.errors import InUseError, ReadOnlyError
from app.words import long_date

SUFFIX = ".lock"


def lock_path(association_path: Path) -> Path:
    return Path(association_path).with_name(Path(association_path).name + SUFFIX)


def _os_lock(fd: int) -> bool:
    """Take the OS lock without waiting; False when another process holds it."""
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]  # Windows only
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    except OSError as error:  # a medium without locks (some network shares): the description alone decides
        return not _held_elsewhere_by_description(fd, error)
    return True


def _held_elsewhere_by_description(fd: int, _error: OSError) -> bool:
    """Without OS locks: held if the description names a live process on this machine."""
    holder = _read(fd)
    if not holder or holder.get("machine") != socket.gethostname():
        return False
    try:
        os.kill(int(holder.get("pid", 0)), 0)
    except (OSError, ValueError):
        return False
    return int(holder.get("pid", 0)) != os.getpid()


def _read(fd: int) -> dict:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return json.loads(os.read(fd, 4096).decode("utf-8") or "{}")
    except (OSError, ValueError, UnicodeDecodeError):
        return {}


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (a service account): say so plainly
        return "another user"


class WriterLock:
    """Held while one Quorum has the file open for writing; ``release()`` when it closes.

    The lock is per process: the app's background sync opens its own connection to the file it
    already has open, and SQLite orders the two connections' writes. So a process that holds
    the lock may take it again (counted), unless it asks for it ``exclusive``ly, as restore does.
    """

    _held: dict[Path, list] = {}  # lock path -> [fd, count], for this process
    _guard = threading.Lock()

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.fd = fd

    @classmethod
    def take(cls, association_path: Path, now: datetime | None = None, exclusive: bool = False) -> WriterLock:
        """Take the lock or raise ``InUseError`` naming the holder; a crashed holder's lock is taken over."""
        path = lock_path(_real(Path(association_path)))  # one key however the path was spelt
        with cls._guard:
            held = cls._held.get(path)
            if held is not None:
                if exclusive:
                    raise InUseError(f"{Path(association_path).name} is open in this Quorum; close it first.")
                held[1] += 1
                return cls(path, held[0])
            fd = _lock_file(path, Path(association_path).name)
            _describe(fd, now or datetime.now())
            cls._held[path] = [fd, 1]
            return cls(path, fd)

    def release(self) -> None:
        if self.fd < 0:
            return
        with self._guard:
            held = self._held.get(self.path)
            if held is not None and held[0] == self.fd:
                held[1] -= 1
                if held[1] == 0:
                    del self._held[self.path]
                    with contextlib.suppress(OSError):
                        self.path.unlink()
                    with contextlib.suppress(OSError):
                        os.close(self.fd)
        self.fd = -1


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link that leads back to itself: opening it says so
        return Path(os.path.abspath(path))


def _lock_file(path: Path, name: str) -> int:
    """Open and OS-lock ``path``, checking afterwards that it is still the file at that path."""
    for _ in range(20):  # the path changes only when a holder lets go; a few tries always settle
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise ReadOnlyError(f"Quorum cannot write in the folder holding {name} (a read-only memory stick "
                                "or a locked folder), so it can only be opened read-only.") from error
        if not _os_lock(fd):
            holder = _read(fd)
            os.close(fd)
            raise InUseError(in_use_sentence(name, holder))
        if _same_file(fd, path):
            return fd
        os.close(fd)
    raise InUseError(in_use_sentence(name, {}))


def _same_file(fd: int, path: Path) -> bool:
    try:
        mine, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _describe(fd: int, now: datetime) -> None:
    text = json.dumps({"user": _user(), "machine": socket.gethostname(), "pid": os.getpid(),
                       "since": now.isoformat(timespec="seconds")})
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, text.encode("utf-8"))
    with contextlib.suppress(OSError):
        os.fsync(fd)


def in_use_sentence(name: str, holder: dict) -> str:
    who = holder.get("user") or "someone"
    machine = holder.get("machine") or "another computer"
    since = ""
    with contextlib.suppress(ValueError, TypeError):
        when = datetime.fromisoformat(holder.get("since", ""))
        since = f" since {when:%H:%M} on {long_date(when.date())}"
    if holder.get("machine") == socket.gethostname():
        machine = f"this computer ({machine})"
    return (f"{name} is open in another Quorum, by {who} on {machine}{since}. Only one Quorum can change it at a "
            "time; you can open it read-only to look at it, print and export.")
