"""Small values the services hand back to the UI."""

from __future__ import annotations

from dataclasses import dataclass


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


@dataclass(frozen=True)
class QuorumState:
    present: int
    required: int
    member_count: int
    quorate: bool
    needed: int = 0

    @property
    def sentence(self) -> str:
        if self.quorate:
            return f"Quorate: {self.present} present, {self.required} needed"
        more = "1 more needed" if self.needed == 1 else f"{self.needed} more needed"
        return f"Not quorate: {more}"
