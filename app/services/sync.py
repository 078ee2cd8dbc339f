"""Head office, as the chair sees it: a status line, the sync itself, and problems in plain words.

The sync itself (``sync_with_head_office``) talks to the network, so the UI runs it in a worker
with its own ``AssociationFile`` on the same path; everything else here only reads the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.services.changes import Changes
from app.services.part import Part
from app.store import inbox
from app.words import day_and_month, long_date

WHAT = {
    "association": "the association's details", "rules": "the constitution's rules", "member": "a member",
    "meeting": "a meeting", "agenda_item": "an agenda item", "attendance": "the attendance",
    "motion": "a motion", "election": "an election", "candidate": "a candidate", "action": "an action",
    "minutes": "the minutes", "quorum_event": "a quorum check", "digest": "the summary for members",
}
LABELS = {"agenda_item": "title", "motion": "text", "action": "description", "election": "post",
          "candidate": "name", "meeting": "title"}


@dataclass(frozen=True)
class SyncProblem:
    """A change head office did not accept, explained for the chair."""

    op_id: str
    what: str
    reason: str
    noticed: str

    @property
    def sentence(self) -> str:
        return f"Your change to {self.what} was not accepted by head office. {self.reason}".strip()


class HeadOffice(Part):
    """Head office, as the chair sees it: enrolling, syncing, the USB-stick bundle, problems in plain
    words. The sync itself runs in app.sync, given this part's file."""

    def enrolled(self) -> bool:
        return bool(inbox.state(self.store, "association_id"))

    def changes_waiting(self) -> int:
        return inbox.waiting_count(self.store)

    def sync_with_head_office(self, url: str | None = None):
        """Push then pull; returns a ``SyncReport`` or raises a ``SyncError`` with one sentence."""
        from app.sync import sync

        return sync(self.book, url)

    def enrol(self, url: str, code: str) -> dict:
        """Exchange head office's one-time code for this laptop's token; head office's answer (its name for us)."""
        from app.sync import enrol

        return enrol(self.book, url, code)

    def export_bundle(self, out: Path) -> dict:
        """Every change waiting for head office, in one file for a USB stick; returns its manifest."""
        from app.sync import export_bundle

        return export_bundle(self.book, out)

    def import_receipt(self, path: Path):
        """Head office's receipt for a bundle: marks those changes sent; returns a ``SyncReport``."""
        from app.sync import import_receipt

        return import_receipt(self.book, path)

    def sync_status(self, now: datetime | None = None) -> str:
        """'Sent to head office today at 21:14', or '3 changes waiting: no connection'."""
        if not self.enrolled():
            return "Not connected to head office"
        waiting = self.changes_waiting()
        error = inbox.state(self.store, "last_error")
        if waiting:
            noun = "change" if waiting == 1 else "changes"
            return f"{waiting} {noun} waiting: {error}" if error else f"{waiting} {noun} waiting to be sent"
        last = inbox.state(self.store, "last_sync")
        if not last:
            return "Not sent to head office yet"
        moment, today = datetime.fromisoformat(last), (now or datetime.now()).date()
        if moment.date() == today:
            day = "today"
        elif (today - moment.date()).days == 1:
            day = "yesterday"
        else:
            day = f"on {day_and_month(moment)}" + ("" if moment.year == today.year else f" {moment.year}")
        return f"Sent to head office {day} at {moment:%H:%M}"

    def sync_problems(self, include_dismissed: bool = False) -> list[SyncProblem]:
        return [SyncProblem(row["op_id"], self._problem_subject(row), row["reason"], row["noticed"])
                for row in inbox.problems(self.store, include_dismissed)]

    def dismiss_sync_problem(self, op_id: str) -> Changes:
        inbox.dismiss(self.store, op_id)
        return Changes.of("sync_problem")

    def _problem_subject(self, row: dict) -> str:
        what = WHAT.get(row["entity"], "a record")
        field = LABELS.get(row["entity"])
        payload = json.loads(row["payload"]) if row.get("payload") else {}
        label = (inbox.local_row(self.store, row["entity"], row["record_id"]) or payload).get(field) if field else ""
        if row["entity"] == "meeting" and not label:
            record = inbox.local_row(self.store, "meeting", row["record_id"]) or {}
            if record.get("date"):
                label = f"{(record.get('kind') or '').title()} Meeting of {_long(record['date'])}".strip()
        if label:
            short = label if len(label) <= 60 else label[:57].rstrip() + "…"
            return f"{what} (“{short}”)"
        return what


def _long(iso: str) -> str:
    return long_date(date.fromisoformat(iso))
