"""Actions agreed at meetings, matters arising, and asks of the landlord."""

from __future__ import annotations

from datetime import date

from app import asks, model
from app.core import arising
from app.errors import QuorumError
from app.services.changes import Changes
from app.services.part import Part


class Actions(Part):
    """Actions agreed at meetings, matters arising, and asks of the landlord."""

    def actions(self, meeting_id: str | None = None) -> list[model.Action]:
        if meeting_id:
            return self.store.find(model.Action, meeting_id=meeting_id)
        return self.store.find(model.Action, order_by=("due",))

    def action(self, action_id: str) -> model.Action:
        return self.store.get(model.Action, action_id)

    def add_action(self, meeting_id: str, description: str, owner_name: str = "", owner_member_id: str | None = None,
                   due: date | None = None, agenda_item_id: str | None = None, ask_of_landlord: bool = False,
                   landlord_department: str = "") -> Changes:
        """An action (``changes.id``); an ask of the landlord is owned by the landlord (or its department), not a member."""
        self._unlocked(meeting_id)
        if not description.strip():
            raise QuorumError("An action needs a description of what is to be done.")
        if ask_of_landlord:
            owner_member_id, owner_name = None, owner_name.strip() or "The landlord"
        if owner_member_id and not owner_name:
            owner_name = self.book.register.member(owner_member_id).name
        department = landlord_department.strip() if ask_of_landlord else ""
        action = self.store.add(model.Action(meeting_id, description.strip(), owner_name, owner_member_id, due,
                                             agenda_item_id=agenda_item_id, ask_of_landlord=ask_of_landlord,
                                             landlord_department=department))
        return Changes.of("action", meeting_id=meeting_id, ids=(action.id,))

    def set_action_status(self, action_id: str, status: str, on: date | None = None) -> Changes:
        if status not in model.ACTION_STATUSES:
            raise QuorumError(f"“{status}” is not an action status.")
        completed = (on or date.today()) if status == "done" else None
        self.store.patch(model.Action, action_id, status=status, completed=completed)
        return Changes.of("action")

    def remove_action(self, action_id: str) -> Changes:
        action = self.store.get(model.Action, action_id)
        self._unlocked(action.meeting_id)
        self.store.remove(model.Action, action_id)
        return Changes.of("action", meeting_id=action.meeting_id)

    def matters_arising(self, meeting_id: str) -> list[model.Action]:
        """Actions from earlier meetings still open: the console lists them under matters arising."""
        found = arising.matters_arising(self.book.meetings.meeting(meeting_id), self.book.meetings.meetings(), self.actions())
        return [a for a in found if a.status == "open"]

    def asks_of_landlord(self) -> list[model.Action]:
        return self.store.find(model.Action, order_by=("due",), ask_of_landlord=True)

    def asks_waiting(self, today: date | None = None) -> asks.Waiting:
        """How long this association's asks wait for an answer: the figure head office sees too."""
        held_on = {m.id: m.date for m in self.book.meetings.meetings()}
        mine = [(a, held_on[a.meeting_id]) for a in self.asks_of_landlord() if a.meeting_id in held_on]
        return asks.waiting(mine, today or date.today())

    def note_landlord_answer(self, meeting_id: str, action_id: str) -> Changes:
        """Add the landlord's answer to the notes of this meeting's Matters arising, for its minutes."""
        action = self.store.get(model.Action, action_id)
        if not (action.ask_of_landlord and action.answer_status):
            raise QuorumError("There is no answer from the landlord to note yet.")
        item = next((i for i in self.book.meetings.agenda(meeting_id) if i.kind == "matters arising"), None)
        if item is None:
            raise QuorumError("This meeting has no Matters arising item to note the answer under.")
        sentence = asks.noted_sentence(action)
        if sentence in item.notes:
            return Changes.of()
        notes = f"{item.notes.rstrip()}\n\n{sentence}" if item.notes.strip() else sentence
        return self.book.meetings.update_agenda_item(item.id, notes=notes)
