"""Asks of the landlord on the laptop: the association's own waiting figure, and noting answers.

The answers themselves arrive from head office (a pull, or a bundle's receipt) and are never
edited here; the chair notes an answer under matters arising, and the minutes carry the note.
"""

from __future__ import annotations

from datetime import date

from app import asks, model
from app.errors import QuorumError
from app.services.changes import Changes


class Asks:
    store: object

    def asks_of_landlord(self) -> list[model.Action]:
        return self.store.find(model.Action, order_by=("due",), ask_of_landlord=True)

    def asks_waiting(self, today: date | None = None) -> asks.Waiting:
        """How long this association's asks wait for an answer: the figure head office sees too."""
        held_on = {m.id: m.date for m in self.meetings()}
        mine = [(a, held_on[a.meeting_id]) for a in self.asks_of_landlord() if a.meeting_id in held_on]
        return asks.waiting(mine, today or date.today())

    def note_landlord_answer(self, meeting_id: str, action_id: str) -> Changes:
        """Add the landlord's answer to the notes of this meeting's Matters arising, for its minutes."""
        action = self.store.get(model.Action, action_id)
        if not (action.ask_of_landlord and action.answer_status):
            raise QuorumError("There is no answer from the landlord to note yet.")
        item = next((i for i in self.agenda(meeting_id) if i.kind == "matters arising"), None)
        if item is None:
            raise QuorumError("This meeting has no Matters arising item to note the answer under.")
        sentence = asks.noted_sentence(action)
        if sentence in item.notes:
            return Changes.of()
        notes = f"{item.notes.rstrip()}\n\n{sentence}" if item.notes.strip() else sentence
        return self.update_agenda_item(item.id, notes=notes)
