"""Meetings: planning, the agenda, opening and closing, attendance and the live quorum."""

from __future__ import annotations

from datetime import date, datetime

from app import model
from app.errors import NotFoundError, QuorumError, RuleError
from app.services.agenda import standard_agenda
from app.services.changes import Changes
from app.services.part import Part
from app.services.preparation import RulesChange, rules_differences
from app.store import backups


def now() -> str:
    return datetime.now().strftime("%H:%M")


class Meetings(Part):
    """Meetings: planning, notice, the agenda and advance motions, opening and closing."""

    def meetings(self) -> list[model.Meeting]:
        return self.store.find(model.Meeting, order_by=("date", "time"))

    def meeting(self, meeting_id: str) -> model.Meeting:
        return self.store.get(model.Meeting, meeting_id)

    def plan_meeting(self, kind: str, on: date, time: str = "19:00", venue: str = "", title: str = "") -> Changes:
        """A new draft meeting (``changes.id``) with the standard agenda for its kind and empty draft minutes."""
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
        return Changes.of("meeting", "agenda_item", "minutes", meeting_id=meeting.id, ids=(meeting.id,))

    def update_meeting(self, meeting_id: str, **fields) -> Changes:
        self._unlocked(meeting_id)
        if "time" in fields:
            _check_time(fields["time"])
        self.store.patch(model.Meeting, meeting_id, **fields)
        return Changes.of("meeting", meeting_id=meeting_id)

    def notice_warning(self, meeting: model.Meeting, today: date | None = None) -> str:
        """A plain warning when the meeting is sooner than the constitution's notice period allows."""
        rules_then = self.book.rules(meeting.date)
        days = {"annual general": rules_then.agm_notice_days, "special general": rules_then.agm_notice_days,
                "general": rules_then.general_notice_days}.get(meeting.kind, 0)
        given = (meeting.date - (today or date.today())).days
        if days and 0 <= given < days:
            when = {0: "it is today", 1: "it is tomorrow"}.get(given, f"it is only {given} days away")
            return f"The constitution needs {days} days' notice for this meeting, but {when}."
        return ""

    def agenda(self, meeting_id: str) -> list[model.AgendaItem]:
        return self.store.find(model.AgendaItem, order_by=("position",), meeting_id=meeting_id)

    def add_agenda_item(self, meeting_id: str, title: str, kind: str = "other", presenter: str = "",
                        expected_minutes: int | None = None, notes: str = "") -> Changes:
        """An item (``changes.id``) before the closing items, any other competent business and the next meeting."""
        self._unlocked(meeting_id)
        items = self.agenda(meeting_id)
        closing = [i for i in items if i.kind in ("any other competent business", "date of next meeting")]
        position = closing[0].position if closing else len(items) + 1
        with self.store.transaction():
            for later in [i for i in items if i.position >= position]:
                self.store.patch(model.AgendaItem, later.id, position=later.position + 1)
            item = self.store.add(model.AgendaItem(meeting_id, position, title, kind, notes, presenter, expected_minutes))
        return Changes.of("agenda_item", meeting_id=meeting_id, ids=(item.id,))

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

    def open_meeting(self, meeting_id: str, backup: bool = True, at: str | None = None) -> Changes:
        """Start the meeting, with a backup of the file as it stood, so the evening can always be rewound;
        or go back to a meeting already started, which changes nothing.

        The backup is copied on a worker thread (``backups.Pending``) while the console opens; the
        meeting's first change after its opening waits until that copy is on disk. Should Quorum have
        stopped before it was (within a second of the opening), going back to the meeting makes it then.
        """
        meeting = self._unlocked(meeting_id)
        reason = f"before-meeting-of-{meeting.date.isoformat()}"
        backup = backup and not self.store.read_only
        if meeting.status == "open":
            if backup and not self._backed_up_before(reason):
                self.store.backing_up(backups.begin(self.store, reason))
            return Changes.of()
        before = backups.begin(self.store, reason) if backup else None
        at = at or (meeting.time if meeting.date != date.today() else now())
        with self.store.transaction():
            self.store.patch(model.Meeting, meeting_id, status="open", opened_at=meeting.opened_at or at)
            self.book.door._note_quorum(meeting_id, at)
        if before is not None:
            self.store.backing_up(before)
        return Changes.of("meeting", meeting_id=meeting_id)

    def _backed_up_before(self, reason: str) -> bool:
        self.store.backed_up()  # one being copied is there once this returns
        return any(b.reason == reason for b in backups.available(self.store.path))

    def _chair_by_role(self, meeting: model.Meeting) -> str | None:
        """Unless the console said otherwise, the association's chair chaired, if they came."""
        came = {a.member_id for a in self.book.door.attendance(meeting.id) if a.kind == "present"}
        chairs = [m.id for m in self.book.offices.members_on(meeting.date) if m.role == "chair" and m.id in came]
        return chairs[0] if len(chairs) == 1 else None

    def close_meeting(self, meeting_id: str, backup: bool = True, at: str | None = None) -> Changes:
        """Close the meeting at ``at`` (now by default): the minutes say when it closed."""
        meeting = self.meeting(meeting_id)
        self.store.patch(model.Meeting, meeting_id, status="closed", chair_id=meeting.chair_id or self._chair_by_role(meeting),
                         closed_at=at or meeting.closed_at or (now() if meeting.date == date.today() else ""))
        if backup:
            backups.take(self.store, f"after-meeting-of-{self.meeting(meeting_id).date.isoformat()}")
        return Changes.of("meeting", meeting_id=meeting_id)

    def current_item(self, meeting_id: str) -> str | None:
        """The agenda item the console was on, so a restart returns to it."""
        return self.store.setting(f"current_item:{meeting_id}")

    def set_current_item(self, meeting_id: str, item_id: str) -> None:
        self.store.set_setting(f"current_item:{meeting_id}", item_id)

    def open_meetings(self) -> list[model.Meeting]:
        return self.store.find(model.Meeting, order_by=("date", "time"), status="open")

    def notice_days(self, kind: str, on: date) -> int:
        """Days of notice the constitution in force on ``on`` asks for a meeting of this kind."""
        rules_then = self.book.rules(on)
        return {"annual general": rules_then.agm_notice_days, "special general": rules_then.agm_notice_days,
                "general": rules_then.general_notice_days}.get(kind, 0)

    def advance_motion(self, item_id: str) -> model.Motion | None:
        """The undecided motion waiting under an agenda item, if one was written in advance."""
        item = self.store.get(model.AgendaItem, item_id)
        waiting = [m for m in self.book.decisions.motions(item.meeting_id)
                   if m.agenda_item_id == item_id and not m.decided and not m.amends_id]
        return waiting[0] if waiting else None

    def set_advance_motion(self, item_id: str, text: str) -> Changes:
        """Write, reword or (with empty text) withdraw the motion to be put under an agenda item."""
        item = self.store.get(model.AgendaItem, item_id)
        meeting = self._unlocked(item.meeting_id)
        if meeting.status != "draft":
            raise RuleError("The meeting has started, so motions are now put to it from the meeting console.")
        current, text = self.advance_motion(item_id), text.strip()
        with self.store.transaction():
            if current is not None and not text:
                self.store.remove(model.Motion, current.id)
            elif current is not None:
                self.store.patch(model.Motion, current.id, text=text)
            elif text:
                self.book.decisions.propose_motion(item.meeting_id, text, agenda_item_id=item_id)
        return Changes.of("motion", meeting_id=item.meeting_id)

    def drop_agenda_item(self, item_id: str) -> Changes:
        """Take an item off the agenda with any motion prepared for it; an item with decisions stays."""
        item = self.store.get(model.AgendaItem, item_id)
        self._unlocked(item.meeting_id)
        motions = [m for m in self.book.decisions.motions(item.meeting_id) if m.agenda_item_id == item_id]
        decided = any(m.decided for m in motions)
        recorded = any(e.agenda_item_id == item_id for e in self.book.decisions.elections(item.meeting_id)) or \
            any(a.agenda_item_id == item_id for a in self.book.actions.actions(item.meeting_id))
        if decided or recorded:
            raise RuleError(f"“{item.title}” has decisions or actions recorded under it, so it stays on the agenda.")
        with self.store.transaction():
            for motion in sorted(motions, key=lambda m: m.amends_id is None):  # amendments go first
                self.store.remove(model.Motion, motion.id)
            return self.remove_agenda_item(item_id)

    def rules_changes(self) -> list[RulesChange]:
        """Each dated change to the rules, newest first, in words: what changed and what it was before."""
        history = self.store.rules_history()
        entries = []
        for index, (start, rules) in enumerate(history):
            if index == 0:
                entries.append(RulesChange(start, ["The association's first rules."]))
            else:
                changed = rules_differences(history[index - 1][1], rules)
                entries.append(RulesChange(start, changed or ["Saved again with no change."]))
        return entries[::-1]

    def find_meeting(self, which: str = "latest", today: date | None = None) -> model.Meeting:
        """'latest' (the last meeting held), 'next' (the next one planned) or a meeting id (or its start)."""
        today = today or date.today()
        meetings = self.meetings()
        if which == "latest":
            held = [m for m in meetings if m.status == "closed"]
            if not held:
                raise NotFoundError("No meeting has been held yet.")
            return held[-1]
        if which == "next":
            planned = [m for m in meetings if m.status != "closed"]
            coming = [m for m in planned if m.date >= today] or planned
            if not coming:
                raise NotFoundError("No meeting is planned yet.")
            return coming[0]
        found = [m for m in meetings if m.id.startswith(which)] if len(which) >= 6 else []
        if len(found) != 1:
            raise NotFoundError(f"There is no meeting with the id {which}.")
        return found[0]


def _check_time(text: str) -> None:
    try:
        datetime.strptime(text, "%H:%M")
    except ValueError:
        raise QuorumError(f"“{text}” is not a time; write it like 19:30.") from None
