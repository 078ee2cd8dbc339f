"""The minute book: each meeting's record, approving minutes, and checking them."""

from __future__ import annotations

import dataclasses
from datetime import date

from app import model
from app.core import motions, record, snapshot
from app.errors import RuleError
from app.services.changes import Changes
from app.services.decisions import refuse
from app.services.part import Part
from app.words import meeting_title


class MinuteBook(Part):
    """The minute book: each meeting's record, approving minutes, and checking them."""

    def minutes(self, meeting_id: str) -> model.Minutes:
        found = self.store.find(model.Minutes, meeting_id=meeting_id)
        return found[0] if found else self.store.add(model.Minutes(meeting_id))

    def approve_minutes(self, meeting_id: str, at_meeting_id: str | None = None, proposer_id: str | None = None,
                        seconder_id: str | None = None, corrections: str = "", on: date | None = None) -> Changes:
        """Approve a meeting's minutes; from now on its record is locked and its hash chained."""
        meeting = self._unlocked(meeting_id)
        if meeting.status != "closed":
            raise RuleError("Minutes can only be approved once the meeting has closed.")
        if at_meeting_id:
            refuse(motions.movers_refusal(proposer_id, seconder_id, self.book.decisions.room(at_meeting_id)))
        minutes = self.minutes(meeting_id)
        previous = self.last_approved_hash()
        approval: dict = {"status": "approved", "approved_on": on or date.today(), "approved_at_meeting_id": at_meeting_id,
                    "proposer_id": proposer_id, "seconder_id": seconder_id, "corrections": corrections}
        record = self.meeting_record(meeting_id)
        record.minutes = dataclasses.replace(minutes, **approval)
        record.meeting.minutes_status = "approved"
        text = snapshot.take(record)
        with self.store.transaction():
            self.store.patch(model.Minutes, minutes.id, **approval, snapshot=text,
                             content_hash=snapshot.sealed(text, previous), previous_hash=previous)
            self.store.patch(model.Meeting, meeting_id, minutes_status="approved")
        return Changes.of("minutes", "meeting", meeting_id=meeting_id)

    def printed_record(self, meeting_id: str) -> model.MeetingRecord:
        """What the minutes print from: the snapshot once approved, so later edits change nothing in them."""
        minutes = self.minutes(meeting_id)
        if minutes.status == "approved" and minutes.snapshot:
            return snapshot.record_of(minutes.snapshot)
        return self.meeting_record(meeting_id)

    def snapshot_old_approvals(self) -> int:
        """Minutes approved before snapshots existed are snapshotted once, when the file is upgraded.

        Their approval hash stays the hash of the record, as approved; the snapshot is sealed by a
        fingerprint of its own. It holds names and roles as they stand at the upgrade.
        """
        old = [m for m in self.store.find(model.Minutes, status="approved") if m.content_hash and not m.snapshot]
        with self.store.transaction():
            for minutes in old:
                text = snapshot.take(self.meeting_record(minutes.meeting_id))
                self.store.patch(model.Minutes, minutes.id, snapshot=text, snapshot_hash=snapshot.fingerprint(text))
        return len(old)

    def last_approved_hash(self) -> str:
        approved = [m for m in self.store.find(model.Minutes, status="approved") if m.content_hash]
        approved.sort(key=lambda m: (m.approved_on or date.min, self.book.meetings.meeting(m.meeting_id).date))
        return approved[-1].content_hash if approved else ""

    def altered_minutes(self) -> list[str]:
        """Meetings whose approved record no longer matches its hash, or whose chain is broken."""
        approved = [m for m in self.store.find(model.Minutes, status="approved") if m.content_hash]
        hashes = {m.content_hash for m in approved}
        altered = []
        for minutes in approved:
            record = self._decided_record(minutes.meeting_id)
            if not snapshot.intact(minutes, record) or (minutes.previous_hash and minutes.previous_hash not in hashes):
                altered.append(meeting_title(record.meeting.kind, record.meeting.date))
        return altered

    def _decided_record(self, meeting_id: str) -> model.MeetingRecord:
        """Only what the minutes hash covers: checking every approved meeting need not load the register."""
        meeting = self.book.meetings.meeting(meeting_id)
        elections = self.book.decisions.elections(meeting_id)
        return model.MeetingRecord(
            association=model.Association(""), meeting=meeting, agenda=self.book.meetings.agenda(meeting_id),
            attendance=self.book.door.attendance(meeting_id), motions=self.book.decisions.motions(meeting_id), elections=elections,
            candidates=[c for e in elections for c in self.book.decisions.candidates(e.id)], actions=self.book.actions.actions(meeting_id))

    def meeting_record(self, meeting_id: str) -> model.MeetingRecord:
        """Everything about one meeting, put together by app.core.record as head office puts it together."""
        meeting = self.book.meetings.meeting(meeting_id)
        elections = self.book.decisions.elections(meeting_id)
        others = self.book.meetings.meetings()
        approved_here = self.store.find(model.Minutes, approved_at_meeting_id=meeting_id)
        return record.meeting_record(
            record.with_rules(self.book.association(), self.book.rules(meeting.date)), meeting,
            meetings=others, members={m.id: m for m in self.book.offices.members_at(meeting, elections)},
            agenda=self.book.meetings.agenda(meeting_id), attendance=self.book.door.attendance(meeting_id),
            motions=self.book.decisions.motions(meeting_id), elections=elections,
            candidates=[c for e in elections for c in self.book.decisions.candidates(e.id)],
            actions=self.store.find(model.Action),  # in the order made, as head office has them
            minutes=[self.minutes(meeting_id), *approved_here], quorum_events=self.book.door.quorum_events(meeting_id),
        )
