"""Running head office's server under uvicorn: ``python main.py serve``."""

from __future__ import annotations

import copy
import os

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
