"""Meetings: planning, the agenda, opening and closing, attendance and the live quorum."""

from __future__ import annotations

from datetime import date, datetime

from app import model
from app.core import quorum
from app.errors import LockedError, QuorumError, RuleError
from app.services.agenda import standard_agenda
from app.services.changes import Changes, QuorumState
from app.store import backups


def _now() -> str:
    return datetime.now().strftime("%H:%M")


class Meetings:
    store: object

    # -- planning -------------------------------------------------------------------------------

    def meetings(self) -> list[model.Meeting]:
        return self.store.find(model.Meeting, order_by=("date", "time"))

    def meeting(self, meeting_id: str) -> model.Meeting:
        return self.store.get(model.Meeting, meeting_id)

    def plan_meeting(self, kind: str, on: date, time: str = "19:00", venue: str = "", title: str = "") -> model.Meeting:
        """A new draft meeting with the standard agenda for its kind and empty draft minutes."""
        if kind not in model.MEETING_KINDS:
            raise QuorumError(f"“{kind}” is not a kind of meeting Quorum knows.")
        _check_time(time)
        meeting = model.Meeting(kind=kind, date=on, time=time, venue=venue, title=title)
        with self.store.transaction():
            self.store.add(meeting)
            for position, (item_title, item_kind, presenter, minutes) in enumerate(standard_agenda(kind), 1):
                self.store.add(model.AgendaItem(meeting.id, position, item_title, item_kind,
                                                presenter=presenter, expected_minutes=minutes))
            self.store.add(model.Minutes(meeting.id))
        return meeting

    def update_meeting(self, meeting_id: str, **fields) -> Changes:
        self._unlocked(meeting_id)
        if "time" in fields:
            _check_time(fields["time"])
        self.store.patch(model.Meeting, meeting_id, **fields)
        return Changes.of("meeting", meeting_id=meeting_id)

    def notice_warning(self, meeting: model.Meeting, today: date | None = None) -> str:
        """A plain warning when the meeting is sooner than the constitution's notice period allows."""
        rules_then = self.rules(meeting.date)
        days = {"annual general": rules_then.agm_notice_days, "special general": rules_then.agm_notice_days,
                "general": rules_then.general_notice_days}.get(meeting.kind, 0)
        given = (meeting.date - (today or date.today())).days
        if days and 0 <= given < days:
            when = {0: "it is today", 1: "it is tomorrow"}.get(given, f"it is only {given} days away")
            return f"The constitution needs {days} days' notice for this meeting, but {when}."
        return ""

    # -- the agenda -----------------------------------------------------------------------------

    def agenda(self, meeting_id: str) -> list[model.AgendaItem]:
        return self.store.find(model.AgendaItem, order_by=("position",), meeting_id=meeting_id)

    def add_agenda_item(self, meeting_id: str, title: str, kind: str = "other", presenter: str = "",
                        expected_minutes: int | None = None, notes: str = "") -> model.AgendaItem:
        self._unlocked(meeting_id)
        items = self.agenda(meeting_id)
        closing = [i for i in items if i.kind in ("any other competent business", "date of next meeting")]
        position = closing[0].position if closing else len(items) + 1
        with self.store.transaction():
            for later in [i for i in items if i.position >= position]:
                self.store.patch(model.AgendaItem, later.id, position=later.position + 1)
            return self.store.add(model.AgendaItem(meeting_id, position, title, kind, notes, presenter, expected_minutes))

    def update_agenda_item(self, item_id: str, **fields) -> Changes:
        item = self.store.get(model.AgendaItem, item_id)
        self._unlocked(item.meeting_id)
        self.store.patch(model.AgendaItem, item_id, **fields)
        return Changes.of("agenda_item", meeting_id=item.meeting_id)

    def move_agenda_item(self, item_id: str, new_position: int) -> Changes:
        item = self.store.get(model.AgendaItem, item_id)
        self._unlocked(item.meeting_id)
        items = [i for i in self.agenda(item.meeting_id) if i.id != item_id]
        new_position = max(1, min(new_position, len(items) + 1))
        items.insert(new_position - 1, item)
        with self.store.transaction():
            for position, each in enumerate(items, 1):
                if each.position != position:
                    self.store.patch(model.AgendaItem, each.id, position=position)
        return Changes.of("agenda_item", meeting_id=item.meeting_id)

    def remove_agenda_item(self, item_id: str) -> Changes:
        item = self.store.get(model.AgendaItem, item_id)
        self._unlocked(item.meeting_id)
        with self.store.transaction():
            self.store.remove(model.AgendaItem, item_id)
            for position, each in enumerate(self.agenda(item.meeting_id), 1):
                if each.position != position:
                    self.store.patch(model.AgendaItem, each.id, position=position)
        return Changes.of("agenda_item", meeting_id=item.meeting_id)

    # -- running the meeting --------------------------------------------------------------------

    def open_meeting(self, meeting_id: str, backup: bool = True, at: str | None = None) -> Changes:
        """Start the meeting; a backup is taken first so the evening can always be rewound."""
        self._unlocked(meeting_id)
        if backup:
            backups.take(self.store, f"before-meeting-of-{self.meeting(meeting_id).date.isoformat()}")
        meeting = self.meeting(meeting_id)
        at = at or (meeting.time if meeting.date != date.today() else _now())
        with self.store.transaction():
            self.store.patch(model.Meeting, meeting_id, status="open", opened_at=meeting.opened_at or at)
            self._note_quorum(meeting_id, at)
        return Changes.of("meeting", meeting_id=meeting_id)

    def _chair_by_role(self, meeting: model.Meeting) -> str | None:
        """Unless the console said otherwise, the association's chair chaired, if they came."""
        came = {a.member_id for a in self.attendance(meeting.id) if a.kind == "present"}
        chairs = [m.id for m in self.members_on(meeting.date) if m.role == "chair" and m.id in came]
        return chairs[0] if len(chairs) == 1 else None

    def close_meeting(self, meeting_id: str, backup: bool = True, at: str | None = None) -> Changes:
        """Close the meeting at ``at`` (now by default): the minutes say when it closed."""
        meeting = self.meeting(meeting_id)
        self.store.patch(model.Meeting, meeting_id, status="closed", chair_id=meeting.chair_id or self._chair_by_role(meeting),
                         closed_at=at or meeting.closed_at or (_now() if meeting.date == date.today() else ""))
        if backup:
            backups.take(self.store, f"after-meeting-of-{self.meeting(meeting_id).date.isoformat()}")
        return Changes.of("meeting", meeting_id=meeting_id)

    # -- attendance -----------------------------------------------------------------------------

    def attendance(self, meeting_id: str) -> list[model.Attendance]:
        return self.store.find(model.Attendance, meeting_id=meeting_id)

    def present_ids(self, meeting_id: str) -> set[str]:
        return quorum.present_ids(self.attendance(meeting_id))

    def check_in(self, meeting_id: str, member_id: str, at: str | None = None) -> model.Attendance:
        self._unlocked(meeting_id)
        if member_id in self.present_ids(meeting_id):
            raise RuleError(f"{self.member(member_id).name} is already checked in.")
        with self.store.transaction():
            for apology in self.store.find(model.Attendance, meeting_id=meeting_id, member_id=member_id, kind="apology"):
                self.store.remove(model.Attendance, apology.id)
            record = self.store.add(model.Attendance(meeting_id, "present", member_id, arrived=at or _now()))
            self._note_quorum(meeting_id, record.arrived)
        return record

    def record_departure(self, meeting_id: str, member_id: str, at: str | None = None) -> Changes:
        self._unlocked(meeting_id)
        rows = [a for a in self.attendance(meeting_id)
                if a.member_id == member_id and a.kind == "present" and not a.left]
        if not rows:
            raise RuleError(f"{self.member(member_id).name} is not checked in.")
        with self.store.transaction():
            self.store.patch(model.Attendance, rows[-1].id, left=at or _now())
            self._note_quorum(meeting_id, at or _now())
        return Changes.of("attendance", "quorum_event", meeting_id=meeting_id)

    def withdraw_attendance(self, attendance_id: str, at: str | None = None) -> Changes:
        """Take back a check-in, apology, guest or proxy entered by mistake (the console's undo)."""
        record = self.store.get(model.Attendance, attendance_id)
        self._unlocked(record.meeting_id)
        with self.store.transaction():
            self.store.remove(model.Attendance, attendance_id)
            self._note_quorum(record.meeting_id, at or _now())
        return Changes.of("attendance", "quorum_event", meeting_id=record.meeting_id)

    def cancel_departure(self, attendance_id: str, at: str | None = None) -> Changes:
        """The departure was entered by mistake: the member never left."""
        record = self.store.get(model.Attendance, attendance_id)
        self._unlocked(record.meeting_id)
        if record.member_id in self.present_ids(record.meeting_id):
            raise RuleError(f"{self.member(record.member_id).name} is already back in the meeting.")
        with self.store.transaction():
            self.store.patch(model.Attendance, attendance_id, left="")
            self._note_quorum(record.meeting_id, at or _now())
        return Changes.of("attendance", "quorum_event", meeting_id=record.meeting_id)

    def walk_in(self, meeting_id: str, member: model.Member, at: str | None = None) -> model.Attendance:
        """A new member joins at the door and is checked in, in one go."""
        with self.store.transaction():
            self.add_member(member)
            return self.check_in(meeting_id, member.id, at)

    def record_apology(self, meeting_id: str, member_id: str) -> model.Attendance:
        self._unlocked(meeting_id)
        if member_id in self.present_ids(meeting_id):
            raise RuleError(f"{self.member(member_id).name} is here, so cannot send apologies.")
        if self.store.find(model.Attendance, meeting_id=meeting_id, member_id=member_id, kind="apology"):
            raise RuleError(f"Apologies from {self.member(member_id).name} are already recorded.")
        return self.store.add(model.Attendance(meeting_id, "apology", member_id))

    def add_guest(self, meeting_id: str, name: str, organisation: str = "", at: str | None = None) -> model.Attendance:
        """Guests (councillors, housing officers) are minuted but never count for quorum or votes."""
        self._unlocked(meeting_id)
        if not name.strip():
            raise QuorumError("A guest needs a name.")
        return self.store.add(model.Attendance(meeting_id, "guest", guest_name=name.strip(),
                                               guest_organisation=organisation.strip(), arrived=at or _now()))

    def record_proxy(self, meeting_id: str, member_id: str, holder_id: str, given_on: date | None = None):
        """A member who cannot come lets another member vote for them, where the constitution allows."""
        meeting = self._unlocked(meeting_id)
        rules_then = self.rules(meeting.date)
        if not rules_then.proxies_allowed:
            raise RuleError("The constitution does not allow proxy votes.")
        notice = (meeting.date - (given_on or date.today())).days
        if notice < rules_then.proxy_notice_days:
            raise RuleError(f"A proxy must be given at least {rules_then.proxy_notice_days} days before the meeting.")
        if member_id == holder_id:
            raise RuleError("A member cannot hold their own proxy.")
        if member_id in self.present_ids(meeting_id):
            raise RuleError(f"{self.member(member_id).name} is here, so votes in person.")
        proxies = [a for a in self.attendance(meeting_id) if a.kind == "proxy"]
        if any(a.member_id == member_id for a in proxies):
            raise RuleError(f"{self.member(member_id).name} has already given a proxy.")
        if any(a.proxy_holder_id == holder_id for a in proxies):
            raise RuleError(f"{self.member(holder_id).name} already holds a proxy.")
        return self.store.add(model.Attendance(meeting_id, "proxy", member_id, proxy_holder_id=holder_id))

    # -- where the chair is -----------------------------------------------------------------------

    def current_item(self, meeting_id: str) -> str | None:
        """The agenda item the console was on, so a restart returns to it."""
        return self.store.setting(f"current_item:{meeting_id}")

    def set_current_item(self, meeting_id: str, item_id: str) -> None:
        self.store.set_setting(f"current_item:{meeting_id}", item_id)

    def open_meetings(self) -> list[model.Meeting]:
        return self.store.find(model.Meeting, order_by=("date", "time"), status="open")

    # -- quorum ---------------------------------------------------------------------------------

    def quorum(self, meeting_id: str) -> QuorumState:
        """The live quorum, as app.core.quorum works it out (head office works it out the same way)."""
        meeting = self.meeting(meeting_id)
        return quorum.quorum_state(self.rules(meeting.date), meeting, self.members_on(meeting.date),
                                   self.attendance(meeting_id))

    def quorum_events(self, meeting_id: str) -> list[model.QuorumEvent]:
        return self.store.find(model.QuorumEvent, order_by=("rowid",), meeting_id=meeting_id)

    def _note_quorum(self, meeting_id: str, at: str) -> None:
        """Timestamp every change between quorate and not, for the minutes."""
        meeting = self.meeting(meeting_id)
        if meeting.status != "open":
            return
        state = self.quorum(meeting_id)
        events = self.quorum_events(meeting_id)
        if not events or events[-1].quorate != state.quorate:
            self.store.add(model.QuorumEvent(meeting_id, f"{meeting.date.isoformat()}T{at}",
                                             state.quorate, state.present, state.required))

    # -- locks ----------------------------------------------------------------------------------

    def _unlocked(self, meeting_id: str) -> model.Meeting:
        meeting = self.meeting(meeting_id)
        if meeting.minutes_status == "approved":
            raise LockedError("The minutes of this meeting have been approved, so its record cannot be changed.")
        return meeting


def _check_time(text: str) -> None:
    try:
        datetime.strptime(text, "%H:%M")
    except ValueError:
        raise QuorumError(f"“{text}” is not a time; write it like 19:30.") from None
