"""The door: check-in, apologies, guests, proxies, departures, and the live quorum."""

from __future__ import annotations

from datetime import date

from app import model
from app.core import quorum
from app.errors import QuorumError, RuleError
from app.services.changes import Changes, QuorumState
from app.services.meetings import now
from app.services.part import Part


class Door(Part):
    """The door: check-in, apologies, guests, proxies, departures, and the live quorum."""

    def attendance(self, meeting_id: str) -> list[model.Attendance]:
        return self.store.find(model.Attendance, meeting_id=meeting_id)

    def present_ids(self, meeting_id: str) -> set[str]:
        return quorum.present_ids(self.attendance(meeting_id))

    def check_in(self, meeting_id: str, member_id: str, at: str | None = None) -> Changes:
        self._unlocked(meeting_id)
        if member_id in self.present_ids(meeting_id):
            raise RuleError(f"{self.book.register.member(member_id).name} is already checked in.")
        with self.store.transaction():
            for apology in self.store.find(model.Attendance, meeting_id=meeting_id, member_id=member_id, kind="apology"):
                self.store.remove(model.Attendance, apology.id)
            record = self.store.add(model.Attendance(meeting_id, "present", member_id, arrived=at or now()))
            self._note_quorum(meeting_id, record.arrived)
        return Changes.of("attendance", "quorum_event", meeting_id=meeting_id, ids=(record.id,))

    def record_departure(self, meeting_id: str, member_id: str, at: str | None = None) -> Changes:
        self._unlocked(meeting_id)
        rows = [a for a in self.attendance(meeting_id)
                if a.member_id == member_id and a.kind == "present" and not a.left]
        if not rows:
            raise RuleError(f"{self.book.register.member(member_id).name} is not checked in.")
        with self.store.transaction():
            self.store.patch(model.Attendance, rows[-1].id, left=at or now())
            self._note_quorum(meeting_id, at or now())
        return Changes.of("attendance", "quorum_event", meeting_id=meeting_id)

    def withdraw_attendance(self, attendance_id: str, at: str | None = None) -> Changes:
        """Take back a check-in, apology, guest or proxy entered by mistake (the console's undo)."""
        record = self.store.get(model.Attendance, attendance_id)
        self._unlocked(record.meeting_id)
        with self.store.transaction():
            self.store.remove(model.Attendance, attendance_id)
            self._note_quorum(record.meeting_id, at or now())
        return Changes.of("attendance", "quorum_event", meeting_id=record.meeting_id)

    def cancel_departure(self, attendance_id: str, at: str | None = None) -> Changes:
        """The departure was entered by mistake: the member never left."""
        record = self.store.get(model.Attendance, attendance_id)
        self._unlocked(record.meeting_id)
        if record.member_id in self.present_ids(record.meeting_id):
            raise RuleError(f"{self.book.register.member(record.member_id).name} is already back in the meeting.")
        with self.store.transaction():
            self.store.patch(model.Attendance, attendance_id, left="")
            self._note_quorum(record.meeting_id, at or now())
        return Changes.of("attendance", "quorum_event", meeting_id=record.meeting_id)

    def walk_in(self, meeting_id: str, member: model.Member, at: str | None = None) -> Changes:
        """A new member joins at the door and is checked in, in one go."""
        with self.store.transaction():
            self.book.register.add_member(member)
            return self.check_in(meeting_id, member.id, at) | Changes.of("member")

    def record_apology(self, meeting_id: str, member_id: str) -> Changes:
        self._unlocked(meeting_id)
        if member_id in self.present_ids(meeting_id):
            raise RuleError(f"{self.book.register.member(member_id).name} is here, so cannot send apologies.")
        if self.store.find(model.Attendance, meeting_id=meeting_id, member_id=member_id, kind="apology"):
            raise RuleError(f"Apologies from {self.book.register.member(member_id).name} are already recorded.")
        record = self.store.add(model.Attendance(meeting_id, "apology", member_id))
        return Changes.of("attendance", meeting_id=meeting_id, ids=(record.id,))

    def add_guest(self, meeting_id: str, name: str, organisation: str = "", at: str | None = None) -> Changes:
        """Guests (councillors, housing officers) are minuted but never count for quorum or votes."""
        self._unlocked(meeting_id)
        if not name.strip():
            raise QuorumError("A guest needs a name.")
        record = self.store.add(model.Attendance(meeting_id, "guest", guest_name=name.strip(),
                                                 guest_organisation=organisation.strip(), arrived=at or now()))
        return Changes.of("attendance", meeting_id=meeting_id, ids=(record.id,))

    def record_proxy(self, meeting_id: str, member_id: str, holder_id: str, given_on: date | None = None) -> Changes:
        """A member who cannot come lets another member vote for them, where the constitution allows."""
        meeting = self._unlocked(meeting_id)
        rules_then = self.book.rules(meeting.date)
        if not rules_then.proxies_allowed:
            raise RuleError("The constitution does not allow proxy votes.")
        notice = (meeting.date - (given_on or date.today())).days
        if notice < rules_then.proxy_notice_days:
            raise RuleError(f"A proxy must be given at least {rules_then.proxy_notice_days} days before the meeting.")
        if member_id == holder_id:
            raise RuleError("A member cannot hold their own proxy.")
        if member_id in self.present_ids(meeting_id):
            raise RuleError(f"{self.book.register.member(member_id).name} is here, so votes in person.")
        proxies = [a for a in self.attendance(meeting_id) if a.kind == "proxy"]
        if any(a.member_id == member_id for a in proxies):
            raise RuleError(f"{self.book.register.member(member_id).name} has already given a proxy.")
        if any(a.proxy_holder_id == holder_id for a in proxies):
            raise RuleError(f"{self.book.register.member(holder_id).name} already holds a proxy.")
        record = self.store.add(model.Attendance(meeting_id, "proxy", member_id, proxy_holder_id=holder_id))
        return Changes.of("attendance", "quorum_event", meeting_id=meeting_id, ids=(record.id,))

    def quorum(self, meeting_id: str) -> QuorumState:
        """The live quorum, as app.core.quorum works it out (head office works it out the same way)."""
        meeting = self.book.meetings.meeting(meeting_id)
        committee = meeting.kind == "committee"
        entitled = self.book.register.voting_members(meeting.date, committee)  # kept while the register stands
        return quorum.quorum_among(self.book.rules(meeting.date), committee, entitled, self.attendance(meeting_id))

    def quorum_events(self, meeting_id: str) -> list[model.QuorumEvent]:
        return self.store.find(model.QuorumEvent, order_by=("rowid",), meeting_id=meeting_id)

    def _note_quorum(self, meeting_id: str, at: str) -> None:
        """Timestamp every change between quorate and not, for the minutes."""
        meeting = self.book.meetings.meeting(meeting_id)
        if meeting.status != "open":
            return
        state = self.quorum(meeting_id)
        events = self.quorum_events(meeting_id)
        if not events or events[-1].quorate != state.quorate:
            self.store.add(model.QuorumEvent(meeting_id, f"{meeting.date.isoformat()}T{at}",
                                             state.quorate, state.present, state.required))
