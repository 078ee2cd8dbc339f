"""Motions and elections: who may propose and second, how many votes there may be, and when the
chair's casting vote applies.

Each check answers with the plain sentence a chair sees, or "" when all is well, so the services
raise it, the console shows it, and further checks slot in beside the ones here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only a type: app.rules imports this module, and the quorum imports app.rules
    from app.core.quorum import QuorumState


def proposal_problem(proposer_id: str | None, seconder_id: str | None) -> str:
    """Why this proposer and seconder may not put the motion; "" when they may."""
    if proposer_id and proposer_id == seconder_id:
        return "The same member cannot both propose and second a motion."
    return ""


def vote_limit(state: QuorumState) -> int:
    """The most votes and abstentions a motion may have: one for each member counted present."""
    return state.present


def casting_vote_applies(kind: str, chair_casting_vote: bool, votes_for: int, votes_against: int) -> bool:
    """The chair's casting vote decides only a tie with votes cast, under a simple majority, and
    only when the constitution gives the chair one."""
    return kind == "simple" and chair_casting_vote and votes_for == votes_against > 0
