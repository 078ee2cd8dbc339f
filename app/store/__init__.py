"""The association file on disk. Nothing outside this package writes SQL.

Its names load on first use, so a first glance at a file (``glance.association_name``, for the
window drawn at start-up) does not import the whole store and the domain model with it.
"""

from __future__ import annotations

from importlib import import_module

_HOMES = {"FileReport": "app.store.files", "inspect": "app.store.files", "SCHEMA_VERSION": "app.store.schema",
          "Store": "app.store.store"}


def __getattr__(name: str):
    if name not in _HOMES:  # a submodule (``from app.store import backups``) is then imported as usual
        raise AttributeError(f"module 'app.store' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)


__all__ = ["SCHEMA_VERSION", "FileReport", "Store", "inspect"]
