"""What every part of the front door has: the open file it belongs to, and its one store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app import model
from app.errors import LockedError

if TYPE_CHECKING:
    from app.services.association_file import AssociationFile
    from app.store import Store


class Part:
    """One part of an ``AssociationFile`` (its register, its meetings ...); parts reach each other
    through ``book``, as the chair moves from the register to the door, and share one store."""

    def __init__(self, book: AssociationFile) -> None:
        self.book = book
        self.store: Store = book.store

    def _unlocked(self, meeting_id: str) -> model.Meeting:
        """The meeting, if its record may still change: approved minutes lock it."""
        meeting = self.book.meetings.meeting(meeting_id)
        if meeting.minutes_status == "approved":
            raise LockedError("The minutes of this meeting have been approved, so its record cannot be changed.")
        return meeting
