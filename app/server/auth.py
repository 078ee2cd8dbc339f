"""Who is asking: laptops by bearer token, head-office staff by password and session cookie.

Only hashes are stored: SHA-256 for tokens, enrolment codes and session ids (all long and random),
argon2 for staff passwords (chosen by people), always checked outside any transaction so a slow
check never holds up a laptop's sync.

Failed logins and enrolments are throttled in the database, so the limit holds across several
server workers: each try is counted before it is checked, in one short transaction holding the
key's row lock, so simultaneous tries cannot all slip under the limit. After a few free tries
each further one must wait longer (1, 2, 4 ... seconds, up to a ceiling), so someone who guesses
at a staff email slows it down for a while but never locks its owner out.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from app.server.db import attempts, patches, reading, staff_sessions, staff_users, writing
from app.wire.protocol import token_digest

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read out over the phone
SESSION_SECONDS = 8 * 3600
WINDOW_SECONDS = 15 * 60

# OWASP's argon2id setting (19 MiB, two passes): argon2-cffi's default takes 64 MiB for every check,
# which was a third of a worker's memory; one check at a time per worker, so logins never add more.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_one_at_a_time = threading.Lock()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_code() -> str:
    """A one-time enrolment code like ``K7QX-MP2D-9WHT`` (60 random bits)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def code_digest(code: str) -> str:
    plain = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(plain.encode("ascii", "ignore")).hexdigest()


# -- staff --------------------------------------------------------------------------------------

def hash_password(password: str) -> str:
    with _one_at_a_time:
        return _hasher.hash(password)


def check_password(engine: Engine, email: str, password: str) -> int | None:
    """The staff user's id if the password is right; None otherwise (same work either way).

    The read is over before the check starts: the check is slow on purpose and holds up nothing.
    """
    with reading(engine) as conn:
        row = conn.execute(select(staff_users.c.id, staff_users.c.password_hash)
                           .where(staff_users.c.email == email.strip().lower())).first()
    stored = row.password_hash if row else _dummy()
    try:
        with _one_at_a_time:
            _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _hasher.check_needs_rehash(stored):  # made with older settings: stored afresh with today's
        fresh = hash_password(password)
        with writing(engine) as conn:
            conn.execute(update(staff_users).where(staff_users.c.id == row.id).values(password_hash=fresh))
    return row.id


@functools.cache
def _dummy() -> str:
    """What an unknown email's password is checked against, so the answer takes as long as for a real one."""
    return hash_password("never a real password " + secrets.token_hex(8))


def start_session(conn: Connection, user_id: int) -> str:
    session_id = secrets.token_urlsafe(32)
    conn.execute(delete(staff_sessions).where(staff_sessions.c.expires < time.time()))
    conn.execute(staff_sessions.insert().values(id_hash=token_digest(session_id), user_id=user_id,
                                                expires=time.time() + SESSION_SECONDS))
    return session_id


ADMINISTRATOR, OFFICER = "administrator", "officer"


@dataclass(frozen=True)
class Staff:
    """A signed-in staff member: an administrator sees every association, a housing officer their patch."""

    id: int
    email: str
    role: str
    patch: frozenset[str]  # the associations assigned to an officer

    def __str__(self) -> str:
        return self.email

    @property
    def sees_all(self) -> bool:
        return self.role == ADMINISTRATOR

    def sees(self, association_id: str) -> bool:
        return self.sees_all or association_id in self.patch

    def visible(self) -> list[str] | None:
        """The association ids to read, or None for every one."""
        return None if self.sees_all else sorted(self.patch)


def session_user(conn: Connection, session_id: str | None) -> Staff | None:
    """The staff member whose live session this is, with their patch."""
    if not session_id:
        return None
    row = conn.execute(
        select(staff_users.c.id, staff_users.c.email, staff_users.c.role)
        .join(staff_sessions, staff_sessions.c.user_id == staff_users.c.id)
        .where(staff_sessions.c.id_hash == token_digest(session_id), staff_sessions.c.expires > time.time())
    ).first()
    if row is None:
        return None
    patch = conn.execute(select(patches.c.association_id).where(patches.c.user_id == row.id)).scalars().all()
    return Staff(row.id, row.email, row.role, frozenset(patch))


def end_session(conn: Connection, session_id: str | None) -> None:
    if session_id:
        conn.execute(delete(staff_sessions).where(staff_sessions.c.id_hash == token_digest(session_id)))


# -- throttling ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Throttle:
    free: int  # failed tries before any wait
    longest: float  # seconds; the wait doubles with each failure after the free ones, up to this
    first: float = 1.0  # seconds of the first wait

    def wait_after(self, failures: int) -> float:
        return 0.0 if failures < self.free else float(min(self.first * 2 ** (failures - self.free), self.longest))


def take_turn(conn: Connection, key: str, throttle: Throttle, count: bool = True) -> float:
    """Count a try before it is checked: 0 if it may go ahead, else the seconds to wait (not counted).

    Run in its own short write transaction; the row lock (PostgreSQL) or write lock (SQLite) makes
    the count and the decision one step, however many tries arrive at once. ``count`` False only
    asks whether a try may go ahead now (for enrolment, where only wrong codes are counted, after).
    """
    key, moment = key[:400], time.time()
    insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
    conn.execute(insert(attempts).values(key=key, failures=0, next_allowed=0.0, last=moment)
                 .on_conflict_do_nothing(index_elements=["key"]))
    row = conn.execute(select(attempts.c.failures, attempts.c.next_allowed, attempts.c.last)
                       .where(attempts.c.key == key).with_for_update()).one()
    if row.next_allowed > moment:
        return row.next_allowed - moment
    if not count:
        return 0.0
    failures = 0 if row.last < moment - WINDOW_SECONDS else row.failures  # forgiven after a quiet spell
    conn.execute(update(attempts).where(attempts.c.key == key).values(
        failures=failures + 1, next_allowed=moment + throttle.wait_after(failures + 1), last=moment))
    return 0.0


def forgive(conn: Connection, key: str, everything: bool = False) -> None:
    """A try that succeeded: take back its count (or, for a login's email, every failure so far)."""
    values = {"failures": 0, "next_allowed": 0.0} if everything else {"failures": attempts.c.failures - 1}
    conn.execute(update(attempts).where(attempts.c.key == key[:400], attempts.c.failures > 0).values(**values))


def forget_old(conn: Connection) -> None:
    conn.execute(delete(attempts).where(attempts.c.last < time.time() - WINDOW_SECONDS,
                                        attempts.c.next_allowed < time.time()))
