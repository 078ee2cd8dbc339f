"""Laptops' tokens, checked on the event loop where every laptop request arrives.

Every push and pull asks which device a token belongs to. Handed to a worker thread, as a sync
FastAPI dependency is, the hand-over and the wake-up cost more than the read; so the read is made
on the event loop, on a connection of the loop's own (never one of the pool's, which could all be
in use by worker threads and keep the loop waiting for one):

- SQLite: one row found by the token's unique index, on a reader in WAL mode, which never waits
  for the writer. Only another connection rebuilding the write-ahead log's index (after a crash)
  could keep it waiting; ``BUSY_MS`` bounds that wait, after which the laptop is told to come
  back (503), as for any busy database.
- PostgreSQL: the read is awaited (psycopg's asyncio connection), so the loop serves other
  requests meanwhile. The tokens asked while a read is out are read together in the next, one
  statement for them all: one at a time, a burst's thousand token checks queued for seconds
  behind each other on the loop's one connection, each waiting for the loop to come back to it
  (a pull's check took 1.3–2.9 s of its 3 s). A dropped connection is replaced and the read,
  which changes nothing, asked once more; if that fails too, 503.

Nothing is cached: a device revoked a moment ago (by any worker, or ``main.py server
revoke-device``) is refused at its next request (a token is read by a statement sent after its
request arrived, never one already on its way).
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass

import psycopg
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, StatementError

from app.server import postgres
from app.server.db import devices
from app.wire.protocol import token_digest

BUSY_MS = 200  # the longest a token check on SQLite may keep the event loop waiting for a lock
_COLUMNS = ("id", "association_id", "revoked", "token_hash", "last_seen")
_ASKED_ON_SQLITE = f"SELECT {', '.join(_COLUMNS)} FROM devices WHERE token_hash = ?"


@dataclass(frozen=True)
class Device:
    id: str
    association_id: str
    revoked: bool
    token_hash: str
    last_seen: str | None = None


class TokenCheck:
    """The devices' tokens of one head-office app, read on its event loop."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sqlite: sqlite3.Connection | None = None
        self._postgresql: psycopg.AsyncConnection | None = None  # of the loop that ``_connecting`` names
        self._connecting: tuple[asyncio.AbstractEventLoop, asyncio.Lock] | None = None
        self._asked: list[tuple[str, asyncio.Future]] = []  # tokens waiting for the next read (PostgreSQL)
        self._reading: asyncio.Task | None = None  # the task sending the reads while any are asked

    async def device(self, token: str) -> Device | None:
        """The device this token was given to, or None."""
        digest = token_digest(token)
        if self.engine.dialect.name == "postgresql":
            row = await self._ask_postgresql(digest)
        else:
            row = self._ask_sqlite(digest)
        if row is None:
            return None
        device_id, association_id, revoked, token_hash, last_seen = row
        return Device(device_id, association_id, bool(revoked), token_hash, last_seen)

    def _ask_sqlite(self, digest: str) -> tuple | None:
        sql = _ASKED_ON_SQLITE
        try:
            if self._sqlite is None:  # not one of the pool's: the threads' requests keep all of those
                self._sqlite = sqlite3.connect(self.engine.url.database or ":memory:", check_same_thread=False,
                                               timeout=BUSY_MS / 1000, isolation_level=None)
            return self._sqlite.execute(sql, (digest,)).fetchone()
        except sqlite3.Error as error:
            raise self._failed(sql, error, sqlite3.Error) from None

    async def _ask_postgresql(self, digest: str) -> tuple | None:
        """This token's row, read with the others asked meanwhile (``_read_asked``)."""
        loop = asyncio.get_running_loop()
        if self._reading is None or self._reading.done() or self._reading.get_loop() is not loop:
            self._asked = [(asked, answer) for asked, answer in self._asked if answer.get_loop() is loop]
            self._reading = loop.create_task(self._read_asked())
        answer = loop.create_future()
        self._asked.append((digest, answer))
        return await answer

    async def _read_asked(self) -> None:
        """Read every token asked so far in one statement, and again for those asked meanwhile, until none wait."""
        while self._asked:
            asked, self._asked = self._asked, []
            try:
                found = {row[3]: row for row in await self._read([digest for digest, _ in asked])}
            except Exception as error:  # noqa: BLE001 - each request waiting is told, as it would have been alone
                for _, answer in asked:
                    if not answer.done():
                        answer.set_exception(error)
                continue
            for digest, answer in asked:
                if not answer.done():  # not given up on (its laptop gone)
                    answer.set_result(found.get(digest))

    async def _read(self, digests: list[str]) -> list[tuple]:
        sql, parameters = postgres.among(devices, _COLUMNS, (), (), "token_hash", digests)
        for attempt in (1, 2):
            try:
                conn = await self._connected()
                return await (await conn.execute(sql, parameters, prepare=True)).fetchall()
            except psycopg.OperationalError as error:  # dropped, or PostgreSQL restarting: a new connection
                await self._forget()
                if attempt == 2:
                    raise self._failed(sql, error, psycopg.Error) from None
        return []  # not reached

    def _failed(self, sql: str, error: Exception, kind: type) -> StatementError:
        """The error as SQLAlchemy raises it: a busy or unreachable database is 503 (app.server.app)."""
        return DBAPIError.instance(sql, None, error, kind, hide_parameters=True, dialect=self.engine.dialect)

    async def _connected(self) -> psycopg.AsyncConnection:
        """The loop's connection, made by one request while the others that arrive meanwhile wait for it:
        unguarded, a burst's first 500 requests each opened one, past PostgreSQL's 100."""
        loop = asyncio.get_running_loop()
        if self._connecting is None or self._connecting[0] is not loop:  # another loop's connection is not this one's
            self._connecting, self._postgresql = (loop, asyncio.Lock()), None
        async with self._connecting[1]:
            if self._postgresql is None or self._postgresql.closed:
                url = self.engine.url.set(drivername="postgresql")
                self._postgresql = await psycopg.AsyncConnection.connect(url.render_as_string(hide_password=False),
                                                                         autocommit=True)
            return self._postgresql

    async def _forget(self) -> None:
        """After a failure: the connection (this loop's, as ``_connected`` made it) closed, a new one next time."""
        if self._postgresql is not None:
            await self._postgresql.close()
        self._postgresql = None
