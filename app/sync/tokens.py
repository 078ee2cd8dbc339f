"""Where the laptop keeps its head-office token: the OS keyring, or a file only its user can read.

The token file is ``<association>.token`` beside the association file. Setting
``QUORUM_TOKEN_STORE=file`` (as the tests do) always uses the file.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from app.errors import KeyringError

SERVICE = "Quorum head office"


def token_file(association_path: Path) -> Path:
    return Path(association_path).with_suffix(".token")


def keyring_works() -> bool:
    """True when the ``keyring`` package is installed and has a real backend (not the 'fail' one)."""
    if os.environ.get("QUORUM_TOKEN_STORE") == "file":
        return False
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and backend.priority > 0
    except Exception:  # a broken keyring (no D-Bus, locked) must never stop the sync
        return False


def save(association_path: Path, device_id: str, token: str) -> str:
    """Keep the token; returns where, in words for the chair."""
    if keyring_works():
        import keyring

        try:
            keyring.set_password(SERVICE, device_id, token)
            token_file(association_path).unlink(missing_ok=True)
            return "the system keyring"
        except Exception:  # fall back to the file below
            pass
    path = token_file(association_path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(token)
    os.chmod(path, 0o600)  # an older file may have been made with wider permissions
    return str(path)


LOCKED = ("The system keyring, where this laptop keeps its head-office token, could not be read; it may be "
          "locked. Your enrolment is not lost: unlock the keyring (or log in to the computer again) and try again, "
          "or ask whoever set Quorum up to keep the token in a file instead.")


def load(association_path: Path, device_id: str) -> str | None:
    """The token, or None if this laptop has none; a keyring that cannot be read raises ``KeyringError``.

    "Cannot read" must never look like "no token": that would send the chair to head office for
    a new enrolment code, burning it and leaving this laptop's enrolment orphaned.
    """
    path = token_file(association_path)
    if path.exists():
        return path.read_text(encoding="utf-8").strip() or None
    if not keyring_works():
        return None
    import keyring

    try:
        return keyring.get_password(SERVICE, device_id)
    except Exception as error:  # locked, no D-Bus, a backend that broke: all "cannot read"
        raise KeyringError(LOCKED) from error


def forget(association_path: Path, device_id: str) -> None:
    token_file(association_path).unlink(missing_ok=True)
    if keyring_works():
        import keyring

        with contextlib.suppress(Exception):
            keyring.delete_password(SERVICE, device_id)
