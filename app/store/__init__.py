"""The association file on disk. Nothing outside this package writes SQL."""

from app.store.files import FileReport, inspect
from app.store.schema import SCHEMA_VERSION
from app.store.store import Store

__all__ = ["SCHEMA_VERSION", "FileReport", "Store", "inspect"]
