"""The baseline for server_load: the same two calls with no checks, rules or conflicts.

Push stores the ops as rows with sqlite3 executemany (WAL, as head office); pull reads back the
other laptops' rows through an index on (association, seq), as any real server's would be. Both
answer JSON encoded by ``json.dumps`` straight into the response, not through FastAPI's generic
``jsonable_encoder``, which walks every field of every change (6.7 ms for a pull of 74 changes,
against 0.5 ms). Run as ``uvicorn bench.bare_server:app``; the database file is named by BARE_DATABASE.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading

from fastapi import FastAPI, Request, Response

app = FastAPI()
db = sqlite3.connect(os.environ.get("BARE_DATABASE", ":memory:"), check_same_thread=False)
db.execute("CREATE TABLE IF NOT EXISTS ops (seq INTEGER PRIMARY KEY, association, device, op_id, body)")
db.execute("CREATE INDEX IF NOT EXISTS ops_by_association ON ops (association, seq)")
db.execute("PRAGMA journal_mode=WAL")  # as head office stores, with synchronous=FULL (the default)
writing = threading.Lock()


@app.post("/api/v1/push")
async def push(request: Request) -> Response:
    association, device = request.headers["quorum-association"], request.headers["authorization"]
    ops = (await request.json())["ops"]
    with writing, db:
        db.executemany("INSERT INTO ops (association, device, op_id, body) VALUES (?, ?, ?, ?)",
                       [(association, device, op["op_id"], json.dumps(op)) for op in ops])
    return _json({"results": [{"op_id": op["op_id"], "status": "ok"} for op in ops]})


@app.get("/api/v1/pull")
def pull(request: Request, cursor: str = "", limit: int = 500) -> Response:
    association, device = request.headers["quorum-association"], request.headers["authorization"]
    with writing:
        rows = db.execute("SELECT seq, body FROM ops WHERE association = ? AND device != ? AND seq > ? "
                          "ORDER BY seq LIMIT ?", (association, device, int(cursor or 0), limit)).fetchall()
    return _json({"changes": [json.loads(body) for _, body in rows], "next_cursor": str(rows[-1][0] if rows else cursor),
                  "has_more": len(rows) == limit})


def _json(answer: dict) -> Response:
    return Response(json.dumps(answer), media_type="application/json")


@app.get("/page")
def page(size: int = 1024) -> Response:
    """A page of ``size`` bytes from memory: the baseline for head office's overview and CSV files."""
    return Response(b"x" * size, media_type="text/plain")
