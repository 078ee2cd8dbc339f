"""Running head office's server under uvicorn: ``python main.py serve``."""

from __future__ import annotations

import copy
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from uvicorn.config import LOGGING_CONFIG

from app.server import db


def serve(database: str, host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          limit_concurrency: int | None = None) -> None:
    """Serve until stopped. Several workers share the database; each is started from QUORUM_DATABASE.

    ``limit_concurrency`` caps each worker's connections: beyond it uvicorn answers 503, which a
    laptop retries later with jitter, so the cap bounds the worker's memory under a burst."""
    db.connect(database).dispose()  # make the tables once, before any worker starts
    os.environ["QUORUM_DATABASE"] = database
    log_config = copy.deepcopy(LOGGING_CONFIG)  # our log lines (counts and ids only) beside uvicorn's
    log_config["loggers"]["quorum"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    uvicorn.run("app.server.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                proxy_headers=True, log_level="info", log_config=log_config, limit_concurrency=limit_concurrency)


@contextmanager
def serving_in_thread(app, log_level: str = "warning", limit_concurrency: int | None = None,
                      patience_s: float = 10) -> Iterator[str]:
    """An ASGI app under uvicorn on a free 127.0.0.1 port, in this process, until the block ends.

    For the tests and the benches: a real server they can also look inside (its database, its memory)."""
    sock = socket.create_server(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level=log_level, lifespan="off", limit_concurrency=limit_concurrency)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    started = threading.Event()
    while not server.started and thread.is_alive():
        started.wait(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=patience_s)
        sock.close()
