"""One sync session: check versions, push what waits (oldest first), then pull what others did.

While head office works on one batch or page, the laptop does its own part of the one next to it:
it reads and writes out the next batch, and records the answers to the one before, while head
office applies a batch; it applies a page while the next is fetched. One request is in flight at a
time, on one worker thread that only talks HTTP (the association file is used on the caller's
thread alone), and the order is as if it were done one after another: a batch is sent only once
the one before was answered, and a change is marked sent only once head office answered ok (or
duplicate) for it.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from app.errors import HeadOfficeUnreachableError, NotEnrolledError, SyncError, UpdateNeededError
from app.store import inbox
from app.sync import tokens
from app.sync.client import DEFAULT_POLICY, CursorGone, HeadOffice, RetryPolicy
from app.wire import protocol

BATCH = protocol.MOST_OPS_PER_PUSH  # changes per push: the most head office takes in one
PUSH_CHARACTERS = 8_000_000  # fewer when their payloads come to this much: head office takes 32 MB a request
PAGE = protocol.MOST_PER_PAGE  # records per pull page: the most head office gives in one


@dataclass
class SyncReport:
    sent: int = 0
    duplicates: int = 0
    refused: list[dict] = field(default_factory=list)
    retry: int = 0
    received: int = 0
    waiting: int = 0

    @property
    def sentence(self) -> str:
        parts = [f"Sent {self.sent + self.duplicates} change{'s' if self.sent + self.duplicates != 1 else ''} "
                 f"to head office and received {self.received}."]
        if self.refused:
            parts.append(f"{len(self.refused)} change{' was' if len(self.refused) == 1 else 's were'} not accepted;"
                         " see the sync problems.")
        if self.waiting:
            parts.append(f"{self.waiting} change{'s' if self.waiting != 1 else ''} still waiting.")
        return " ".join(parts)


def enrolment(store) -> tuple[str, str]:
    """(server address, association id at head office) for an enrolled file."""
    url, association_id = inbox.state(store, "url"), inbox.state(store, "association_id")
    if not (url and association_id):
        raise NotEnrolledError("This association is not enrolled with head office yet; "
                               "use “enrol URL CODE” with the code head office gave you.")
    return url, association_id


def connect(book, url: str | None = None, policy: RetryPolicy = DEFAULT_POLICY) -> HeadOffice:
    enrolled_url, association_id = enrolment(book.store)
    token = tokens.load(book.path, book.store.device_id)
    if not token:
        raise NotEnrolledError("This laptop's head-office token is missing; ask head office for a new enrolment code.")
    return HeadOffice(url or enrolled_url, token, association_id, policy)


def sync(book, url: str | None = None, policy: RetryPolicy = DEFAULT_POLICY) -> SyncReport:
    """Push then pull. Raises a ``SyncError`` with one plain sentence when it cannot finish."""
    store = book.store
    report = SyncReport()
    try:
        with connect(book, url, policy) as office:
            office.check_version()
            push(store, office, report)
            pull(store, office, report)
    except SyncError as error:
        inbox.set_state(store, last_error=_short(error), last_attempt=_now())
        raise
    report.waiting = inbox.waiting_count(store)
    inbox.set_state(store, last_sync=_now(), last_attempt=_now(), last_error=None)
    return report


def push(store, office: HeadOffice, report: SyncReport) -> None:
    """Send waiting changes in order; stop at the first one head office asks to keep for later.

    One batch is at head office at a time, and the next leaves only once the answer to the one
    before is in and says nothing must wait. While head office applies a batch, the laptop reads
    and writes out the next (checking its seals), then records the answers to the one before.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="quorum-push") as line:
        batch = _Batch.after(store, 0)
        answering = line.submit(office.push, batch.id, batch.texts) if batch else None
        while batch and answering:
            following = _Batch.after(store, batch.ops[-1].seq)
            results = answered(answering.result(), batch.id, [op.op_id for op in batch.ops])
            held = any(result["status"] == "retry" for result in results)
            answering = line.submit(office.push, following.id, following.texts) if following and not held else None
            settle(store, results, report)
            batch = following


@dataclass
class _Batch:
    """Changes to push together, oldest first, as they go on the wire."""

    ops: list[inbox.Queued]
    texts: list[str]
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @classmethod
    def after(cls, store, seq: int) -> _Batch | None:
        ops = inbox.queued(store, BATCH, after_seq=seq, most_bytes=PUSH_CHARACTERS)
        return cls(ops, [protocol.op_json(*op[1:]) for op in ops]) if ops else None


def answered(answer: dict, batch_id: str, op_ids: list[str]) -> list[dict]:
    """Head office's result for each change sent, in order (one it did not mention stays waiting).

    A short answer (protocol 2) lists only the changes not applied and counts the rest as ``ok``.
    Those are taken as applied only when the answer adds up: the batch's id, every change listed one
    of those sent, once, and the count making up the rest. Otherwise nothing is marked sent, and the
    whole batch goes again next time (head office answers ``duplicate`` for what it has).
    """
    listed = {result["op_id"]: result for result in answer["results"]}
    if "ok" not in answer:
        return [listed[op_id] for op_id in op_ids if op_id in listed]
    if (answer.get("batch_id") != batch_id or len(listed) != len(answer["results"])
            or not listed.keys() <= set(op_ids) or answer["ok"] + len(listed) != len(op_ids)):
        raise SyncError("Head office's answer did not match the changes sent, so none of them is marked as "
                        "sent; they will be sent again next time. If this happens again, please tell head office.")
    return [listed.get(op_id) or {"op_id": op_id, "status": "ok", "code": "", "reason": ""} for op_id in op_ids]


def settle(store, results: list[dict], report: SyncReport) -> None:
    """Record head office's answers: ok and duplicate are sent, rejected become problems, retry waits."""
    done = [r["op_id"] for r in results if r["status"] in ("ok", "duplicate")]
    refused = [r for r in results if r["status"] == "rejected"]
    with store.transaction():
        inbox.acknowledge(store, done)
        inbox.refuse(store, [(r["op_id"], r.get("code") or "rejected", r.get("reason") or "") for r in refused])
    report.sent += sum(r["status"] == "ok" for r in results)
    report.duplicates += sum(r["status"] == "duplicate" for r in results)
    report.refused += refused
    report.retry += sum(r["status"] == "retry" for r in results)


def pull(store, office: HeadOffice, report: SyncReport) -> None:
    """Apply pages until head office has no more; the next page is fetched while one is applied."""
    cursor = inbox.state(store, "cursor") or ""
    restarted = False
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="quorum-pull") as line:
        coming = line.submit(office.pull, cursor, PAGE)
        while True:
            try:
                page = coming.result()
            except CursorGone:
                if restarted:
                    raise SyncError("Head office keeps losing its place in this association's records; "
                                    "please tell head office.") from None
                restarted = True  # pull everything again and merge: absent never means deleted
                coming = line.submit(office.pull, "", PAGE)
                continue
            if page["has_more"]:
                coming = line.submit(office.pull, page["next_cursor"], PAGE)
            report.received += inbox.apply_page(store, page["changes"], page["next_cursor"])
            if not page["has_more"]:
                return


def _short(error: SyncError) -> str:
    if isinstance(error, HeadOfficeUnreachableError):
        return "no connection"
    if isinstance(error, UpdateNeededError):
        return "Quorum needs updating"
    if isinstance(error, NotEnrolledError):
        return "not enrolled"
    return "head office refused the sync"


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")
