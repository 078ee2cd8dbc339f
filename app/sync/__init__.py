"""The laptop's side of the sync with head office (docs/sync.md)."""

from app.sync.client import RetryPolicy
from app.sync.enrolment import enrol, join
from app.sync.offline import export_bundle, import_receipt
from app.sync.session import SyncReport, sync

__all__ = ["RetryPolicy", "SyncReport", "enrol", "export_bundle", "import_receipt", "join", "sync"]
