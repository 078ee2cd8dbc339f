"""Asks of the landlord: the answer in words, and how long asks wait for one.

Shared by the laptop (matters arising, the action list, the digest) and head office's pages, so
the association and head office always see the same figure for the same asks. Pure: no store,
no Qt, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.model import Action
from app.words import long_date, plural

ANSWER_WORDS = {"acknowledged": "Acknowledged", "in progress": "In progress", "done": "Done",
                "declined": "Declined"}
FINAL_ANSWERS = ("done", "declined")


def who_is_asked(action: Action) -> str:
    """'The landlord (estates team)': the owner of an ask, as the chair wrote it."""
    owner = action.owner_name or "The landlord"
    department = action.landlord_department
    return f"{owner} ({department})" if department and department.casefold() not in owner.casefold() else owner


def answer_words(action: Action) -> str:
    """'In progress, expected by 1 April 2027 (answered 3 March 2027)'; '' before any answer."""
    status = ANSWER_WORDS.get(action.answer_status, "")
    if not status:
        return ""
    if action.answer_status == "in progress" and action.answer_due:
        status += f", expected by {long_date(action.answer_due)}"
    return f"{status} (answered {long_date(action.answered_on)})" if action.answered_on else status


def answer_line(action: Action) -> str:
    """The answer and what the landlord said, in one line; 'No answer yet' before any."""
    words = answer_words(action)
    if not words:
        return "No answer yet"
    said = action.answer_text.strip()
    return f"{words}: {said}" if said else words


def noted_sentence(action: Action) -> str:
    """What the minutes say when an answer is noted under matters arising."""
    said = action.answer_text.strip().rstrip(".")
    status = ANSWER_WORDS.get(action.answer_status, "No answer").lower()
    when = f" on {long_date(action.answered_on)}" if action.answered_on else ""
    due = f", expected by {long_date(action.answer_due)}" if action.answer_status == "in progress" and \
        action.answer_due else ""
    sentence = (f"The landlord's answer to the ask “{action.description.rstrip('. ')}”, "
                f"received{when}, was noted: {status}{due}.")
    return f"{sentence} {said}." if said else sentence


def days_waited(action: Action, asked_on: date, today: date) -> int | None:
    """Days from the meeting that made the ask to head office's first answer (or to today while
    it still waits); None for an ask the association closed before any answer came."""
    if action.first_answered_on:
        return max(0, (action.first_answered_on - asked_on).days)
    if action.status != "open":
        return None
    return max(0, (today - asked_on).days)


@dataclass(frozen=True)
class Waiting:
    """How long asks wait for an answer: one association's, or everyone's."""

    asks: int = 0
    answered: int = 0
    average_days: int | None = None  # to the first answer, over the answered ones
    waiting: int = 0  # open asks with no answer yet
    longest_days: int | None = None  # the longest of those waits so far

    @property
    def sentence(self) -> str:
        """'2 asks answered, on average 12 days after the meeting; 1 still waiting, for 40 days.'"""
        if not self.asks:
            return "No asks of the landlord yet."
        parts = []
        if self.answered:
            parts.append(f"{plural(self.answered, 'ask')} answered, on average "
                         f"{plural(self.average_days or 0, 'day')} after the meeting")
        if self.waiting:
            longest = plural(self.longest_days or 0, "day")
            parts.append(f"{self.waiting} still waiting, " + (f"for {longest}" if self.waiting == 1
                                                              else f"the longest for {longest}"))
        return ("; ".join(parts) or "No asks waiting") + "."


def waiting(asks: list[tuple[Action, date]], today: date) -> Waiting:
    """The figures for asks given as (action, date of the meeting that made it)."""
    asks = [(a, on) for a, on in asks if a.ask_of_landlord]
    answered = [d for a, on in asks if a.first_answered_on and (d := days_waited(a, on, today)) is not None]
    still = [d for a, on in asks
             if not a.first_answered_on and a.status == "open" and (d := days_waited(a, on, today)) is not None]
    return Waiting(
        asks=len(asks),
        answered=len(answered),
        average_days=round(sum(answered) / len(answered)) if answered else None,
        waiting=len(still),
        longest_days=max(still) if still else None,
    )
