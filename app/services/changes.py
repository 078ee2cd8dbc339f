"""Small values the services hand back to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.quorum import QuorumState

__all__ = ["Changes", "QuorumState"]


@dataclass(frozen=True)
class Changes:
    """What kinds of record an action changed, for the UI to refresh once."""

    entities: frozenset[str] = frozenset()
    meeting_id: str | None = None

    @classmethod
    def of(cls, *entities: str, meeting_id: str | None = None) -> Changes:
        return cls(frozenset(entities), meeting_id)

    def touches(self, *entities: str) -> bool:
        return bool(self.entities.intersection(entities))
