"""Head office's CSV downloads: built one association at a time, and not built again while unchanged.

A file lists the associations a staff member sees, in name order. Each association's part of it
(its meetings, decisions, actions or asks, as CSV text) is built from the summaries, or the records,
of that association alone, and kept by the worker with the association's sequence number, which
every change to it bumps. The next download, by anyone whose patch includes that association, reuses
the part until the association changes: after an evening's syncs only the associations that synced
are read again. The parts kept are bounded (``KEPT_BYTES``, the least used go first).

Every download carries an ETag made of the same sequence numbers, names and the date; a client that
sends it back gets 304. (Browsers do not: head office's answers are ``no-store``, as they hold
members' names.)
"""

from __future__ import annotations

import csv
import hashlib
import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.engine import Connection

from app.server.asks import today
from app.server.db import associations, reading

KEPT_BYTES = 32 * 1024 * 1024  # parts kept per worker; 300 associations' three files are about 6 MB
BOM = "\ufeff"  # without it Excel reads Siobhán as SiobhÃ¡n


@dataclass(frozen=True)
class Listed:
    id: str
    name: str
    last_seq: int


def listed(conn: Connection, among: list[str] | None) -> list[Listed]:
    """The associations a staff member sees (every one when ``among`` is None), in name order."""
    query = select(associations.c.id, associations.c.name, associations.c.last_seq).order_by(associations.c.name,
                                                                                            associations.c.id)
    if among is not None:
        query = query.where(associations.c.id.in_(among))
    return [Listed(*row) for row in conn.execute(query)]


def version_of(what: str, header: list[str], found: list[Listed]) -> str:
    """The ETag of a download of these associations: it changes with any of them, and every day."""
    digest = hashlib.sha256(f"{what}\n{header}\n{today().isoformat()}".encode())
    for each in found:
        digest.update(f"\n{each.id}\t{each.name}\t{each.last_seq}".encode())
    return f'"{digest.hexdigest()[:32]}"'


def csv_text(rows: Iterable[Iterable]) -> bytes:
    """Rows whose text is already safe for a spreadsheet (app.server.spreadsheet), as CSV."""
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue().encode("utf-8")


class Kept:
    """Parts of files already built: (file, association) -> (what they were built from, the CSV text)."""

    def __init__(self, most: int = KEPT_BYTES) -> None:
        self.most, self.size, self.lock = most, 0, threading.Lock()
        self.parts: OrderedDict[tuple[str, str], tuple[tuple, bytes]] = OrderedDict()

    def get(self, key: tuple[str, str], version: tuple) -> bytes | None:
        with self.lock:
            found = self.parts.get(key)
            if found is None or found[0] != version:
                return None
            self.parts.move_to_end(key)
            return found[1]

    def keep(self, key: tuple[str, str], version: tuple, part: bytes) -> None:
        if len(part) > self.most:  # would push out every other part and then itself
            return
        with self.lock:
            if (old := self.parts.pop(key, None)) is not None:
                self.size -= len(old[1])
            self.parts[key] = (version, part)
            self.size += len(part)
            while self.size > self.most and self.parts:
                self.size -= len(self.parts.popitem(last=False)[1][1])


KEPT = Kept()

Part = Callable[[Connection, Listed], bytes]  # one association's rows of a file, as CSV text


def download(request: Request, user, what: str, header: list[str], part: Part | None = None,
             whole: Callable[[Connection, list[Listed]], bytes] | None = None) -> Response:
    """``quorum-WHAT-DATE.csv`` of the associations ``user`` sees: 304 when the client holds this
    version; else each association's ``part``, kept or built afresh, in name order (or the ``whole``
    file, for one with figures across associations, kept while its ETag holds)."""
    with reading(request.app.state.engine) as conn:
        found = listed(conn, user.visible())
        etag = version_of(what, header, found)
        headers = {"ETag": etag,
                   "Content-Disposition": f'attachment; filename="quorum-{what}-{today().isoformat()}.csv"'}
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        parts = [BOM.encode("utf-8") + csv_text([header])]
        wanted = [((what, each.id), (each.last_seq, each.name, today()), each) for each in found] if part else \
            [((what, ""), (etag,), found)]
        for key, version, of in wanted:
            if (kept := KEPT.get(key, version)) is None:
                kept = part(conn, of) if part else whole(conn, of)  # type: ignore[misc, arg-type]
                KEPT.keep(key, version, kept)
            parts.append(kept)
    return Response(b"".join(parts), media_type="text/csv; charset=utf-8", headers=headers)
