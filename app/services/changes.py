"""Small values the services hand back to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.quorum import QuorumState

__all__ = ["Changes", "QuorumState"]


@dataclass(frozen=True)
class Changes:
    """What kinds of record an action changed, and which records, for the UI to refresh only that.

    A check-in names "attendance" and "quorum_event", so the door and the quorum redraw and the
    register does not. ``ids`` are the records made or changed, when the caller may want them
    (``id`` is the one record a step made, as the console's undo needs it).
    """

    entities: frozenset[str] = frozenset()
    meeting_id: str | None = None
    ids: tuple[str, ...] = ()

    @classmethod
    def of(cls, *entities: str, meeting_id: str | None = None, ids: tuple[str, ...] = ()) -> Changes:
        return cls(frozenset(entities), meeting_id, tuple(ids))

    def touches(self, *entities: str) -> bool:
        return bool(self.entities.intersection(entities))

    def __or__(self, other: Changes) -> Changes:
        """Both changes at once (a walk-in adds a member and checks them in)."""
        meeting = self.meeting_id if self.meeting_id == other.meeting_id else (self.meeting_id or other.meeting_id)
        return Changes(self.entities | other.entities, meeting, self.ids + other.ids)

    @property
    def id(self) -> str:
        """The one record this change made (the check-in, the apology); "" when it named none."""
        return self.ids[0] if self.ids else ""
