"""Fixtures for the head-office server's tests: a real server (tests/server/live.py)."""

from tests.server.live import (  # noqa: F401
    chair,
    failures_forgotten,
    head_office,
    secretary,
    token_in_a_file,
)
