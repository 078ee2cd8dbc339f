"""The audit trail: who changed what and when, in plain words, for settling disputes.

Every edit already leaves a row in the ``changes`` outbox with its device and time; this reads
them back in the chair's words. Each laptop can be given a name ("Chair's laptop") so the
history says whose it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from app import model
from app.errors import NotFoundError
from app.services.part import Part
from app.words import long_date

VERBS = {"create": "added", "append": "added", "patch": "changed", "tombstone": "removed", "approve": "approved"}


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    device: str
    what: str


class History(Part):
    """What changed, when and on which laptop, in plain words."""

    def device_name(self) -> str:
        return self.store.setting("device_name") or "This laptop"

    def set_device_name(self, name: str) -> None:
        self.store.set_setting("device_name", " ".join(name.split())[:60] or "This laptop")

    def history(self, limit: int = 1000) -> list[HistoryEntry]:
        """The latest changes first."""
        names = {self.store.device_id: self.device_name()}
        entries = []
        for row in self.store.recent_changes(limit):
            device = row["op_id"].split(":")[0]
            entries.append(HistoryEntry(datetime.fromisoformat(row["created"]), names.get(device, "Another laptop"),
                                        self._describe(row)))
        return entries

    def _describe(self, row: dict) -> str:
        payload = json.loads(row["payload"])
        entity, kind = row["entity"], row["kind"]
        describe = getattr(self, f"_describe_{entity}", None)
        text = describe(kind, row["record_id"], payload) if describe else None
        return text or f"{VERBS.get(kind, kind)} a {entity.replace('_', ' ')}"

    def _name_of(self, member_id: str | None) -> str:
        try:
            return self.book.register.member(member_id).name if member_id else "someone"
        except NotFoundError:
            return "a member since removed"

    def _describe_member(self, kind, record_id, payload) -> str:
        name = self._name_of(record_id)
        if kind == "create":
            return f"added {name} to the register"
        fields = ", ".join(k.replace("_", " ") for k in payload)
        return f"changed {name}'s {fields}"

    def _describe_attendance(self, kind, record_id, payload) -> str | None:
        if kind == "tombstone":
            return "took back an attendance entry"
        if payload.get("left"):
            return "recorded a departure at " + payload["left"]
        who = payload.get("guest_name") or self._name_of(payload.get("member_id"))
        return {"present": f"checked in {who}", "apology": f"recorded apologies from {who}",
                "guest": f"added guest {who}", "proxy": f"recorded a proxy for {who}"}.get(payload.get("kind", ""))

    def _describe_motion(self, kind, record_id, payload) -> str | None:
        if kind == "create":
            return f"put a motion: “{payload.get('text', '')[:80]}”"
        if "result_text" in payload:
            return f"recorded a vote: {payload['result_text']}" if payload["result_text"] else "cleared a vote"
        return None

    def _describe_action(self, kind, record_id, payload) -> str | None:
        if kind == "create":
            return f"added action “{payload.get('description', '')[:80]}”"
        if "status" in payload:
            return f"marked an action {payload['status']}"
        return None

    def _describe_meeting(self, kind, record_id, payload) -> str | None:
        try:
            meeting = self.book.meetings.meeting(record_id)
        except NotFoundError:
            return None
        title = f"the {meeting.heading} of {long_date(meeting.date)}"
        if kind == "create":
            return f"planned {title}"
        if payload.get("status") in ("open", "closed"):
            return f"{'opened' if payload['status'] == 'open' else 'closed'} {title}"
        if payload.get("minutes_status") == "approved":
            return f"locked the minutes of {title}"
        return f"changed {title}"

    def _describe_statement(self, kind, record_id, payload) -> str | None:
        """For the history of changes."""
        try:
            year = payload.get("year") or self.store.get(model.Statement, record_id).year
        except NotFoundError:
            return None
        verb = {"create": "entered", "tombstone": "removed"}.get(kind, "changed")
        return f"{verb} the treasurer's statement for {year}"

    def _describe_minutes(self, kind, record_id, payload) -> str | None:
        if payload.get("status") == "approved":
            minutes = self.store.get(model.Minutes, record_id)
            meeting = self.book.meetings.meeting(minutes.meeting_id)
            return f"approved the minutes of the {meeting.heading} of {long_date(meeting.date)}"
        return None
