"""Fixtures for the laptop side of the sync: a real server (tests/server/live.py)."""

from tests.server.live import (  # noqa: F401
    chair,
    failures_forgotten,
    head_office,
    secretary,
    token_in_a_file,
)
