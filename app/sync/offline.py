"""The laptop's side of the offline bundle: writing it, and importing head office's receipt."""

from __future__ import annotations

from pathlib import Path

from app.errors import BundleError, NotEnrolledError
from app.store import SCHEMA_VERSION, inbox
from app.sync import tokens
from app.sync.session import SyncReport, enrolment, settle
from app.wire import bundle, protocol


def _key(book) -> bytes:
    token = tokens.load(book.path, book.store.device_id)
    if not token:
        raise NotEnrolledError("This laptop's head-office token is missing; ask head office for a new enrolment code.")
    return protocol.signing_key(protocol.token_digest(token))


def export_bundle(book, out: Path) -> dict:
    """Write every change waiting for head office to one file; returns its manifest."""
    _, association_id = enrolment(book.store)
    ops = inbox.unsent(book.store)
    if not ops:
        raise BundleError("There are no changes waiting for head office, so there is nothing to export.")
    return bundle.write_bundle(Path(out), device_id=book.store.device_id, association_id=association_id,
                               ops=[{k: v for k, v in op.items() if k != "seq"} for op in ops], key=_key(book),
                               schema_version=SCHEMA_VERSION)


def import_receipt(book, path: Path) -> SyncReport:
    """Mark the changes head office received as sent, note the ones it refused, and take in the
    landlord's answers to the association's asks that came with it."""
    receipt = bundle.read_receipt(Path(path))
    if receipt.get("device_id") != book.store.device_id:
        raise BundleError("This receipt is for another laptop's bundle.")
    bundle.check_signature(receipt, _key(book), "receipt")
    report = SyncReport()
    known = [r for r in receipt["results"] if r.get("status") in ("ok", "duplicate", "rejected", "retry")]
    settle(book.store, known, report)
    report.received += inbox.apply_records(book.store, receipt.get("records", []))
    report.waiting = inbox.waiting_count(book.store)
    return report
