"""Who is asking: laptops by bearer token, head-office staff by password and session cookie.

Only hashes are stored: SHA-256 for tokens, enrolment codes and session ids (all long and random),
argon2 for staff passwords (chosen by people). Failed logins and enrolments are counted in the
database, so the limit holds across several server workers.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection

from app.server.db import attempts, devices, staff_sessions, staff_users
from app.sync.protocol import token_digest

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read out over the phone
SESSION_SECONDS = 8 * 3600
WINDOW_SECONDS = 15 * 60

_hasher = PasswordHasher()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_code() -> str:
    """A one-time enrolment code like ``K7QX-MP2D-9WHT`` (60 random bits)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def code_digest(code: str) -> str:
    plain = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(plain.encode("ascii", "ignore")).hexdigest()


@dataclass(frozen=True)
class Device:
    id: str
    association_id: str
    revoked: bool
    token_hash: str


def device_for_token(conn: Connection, token: str) -> Device | None:
    row = conn.execute(select(devices.c.id, devices.c.association_id, devices.c.revoked, devices.c.token_hash)
                       .where(devices.c.token_hash == token_digest(token))).first()
    return Device(row.id, row.association_id, bool(row.revoked), row.token_hash) if row else None


# -- staff --------------------------------------------------------------------------------------

def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(conn: Connection, email: str, password: str) -> int | None:
    """The staff user's id if the password is right; None otherwise (same work either way)."""
    row = conn.execute(select(staff_users.c.id, staff_users.c.password_hash)
                       .where(staff_users.c.email == email.strip().lower())).first()
    stored = row.password_hash if row else _DUMMY
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return row.id if row else None


_DUMMY = _hasher.hash("never a real password " + secrets.token_hex(8))


def start_session(conn: Connection, user_id: int) -> str:
    session_id = secrets.token_urlsafe(32)
    conn.execute(delete(staff_sessions).where(staff_sessions.c.expires < time.time()))
    conn.execute(staff_sessions.insert().values(id_hash=token_digest(session_id), user_id=user_id,
                                                expires=time.time() + SESSION_SECONDS))
    return session_id


def session_user(conn: Connection, session_id: str | None) -> str | None:
    """The email of the staff member whose live session this is."""
    if not session_id:
        return None
    return conn.execute(
        select(staff_users.c.email).join(staff_sessions, staff_sessions.c.user_id == staff_users.c.id)
        .where(staff_sessions.c.id_hash == token_digest(session_id), staff_sessions.c.expires > time.time())
    ).scalar()


def end_session(conn: Connection, session_id: str | None) -> None:
    if session_id:
        conn.execute(delete(staff_sessions).where(staff_sessions.c.id_hash == token_digest(session_id)))


# -- rate limits --------------------------------------------------------------------------------

def too_many_failures(conn: Connection, key: str, limit: int) -> bool:
    since = time.time() - WINDOW_SECONDS
    count = conn.execute(select(func.count()).select_from(attempts)
                         .where(attempts.c.key == key, attempts.c.at > since)).scalar_one()
    return count >= limit


def note_failure(conn: Connection, key: str) -> None:
    conn.execute(delete(attempts).where(attempts.c.at < time.time() - WINDOW_SECONDS))
    conn.execute(attempts.insert().values(key=key[:400], at=time.time()))
