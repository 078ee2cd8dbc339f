"""Asks of the landlord at head office: the queue per association, the answer form, waiting times.

Read from the records laptops sent (JSON documents); answers are written by ``apply.answer_ask``,
the one write path. The waiting figures come from app.asks, which the laptop uses too, so an
association sees the same figure for its own asks as head office does.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.engine import Connection

from app import asks, model
from app.asks import Waiting
from app.rows import from_row
from app.server.db import associations, records
from app.server.figures import HEAD_OFFICE_TIME

ENTITIES = ("action", "meeting", "motion", "agenda_item")
LONGEST_ANSWER = 2000
NOTES_SHOWN = 240  # characters of the discussion shown beside an ask


def today() -> date:
    return datetime.now(HEAD_OFFICE_TIME).date()


@dataclass
class Ask:
    association_id: str
    association: str
    action: model.Action
    meeting: model.Meeting | None
    came_from: str  # the motion, or the item it was discussed under
    days: int | None  # waited so far, or to the first answer

    @property
    def asked_on(self) -> date | None:
        return self.meeting.date if self.meeting else None

    @property
    def in_queue(self) -> bool:
        """Still in the queue: the association has not closed it and head office has not settled it."""
        return self.action.status == "open" and self.action.answer_status not in asks.FINAL_ANSWERS

    @property
    def answer(self) -> str:
        return asks.answer_line(self.action)


@dataclass
class AssociationAsks:
    id: str
    name: str
    asks: list[Ask] = field(default_factory=list)

    @property
    def queue(self) -> list[Ask]:
        waiting = (a for a in self.asks if a.in_queue)
        return sorted(waiting, key=lambda a: (a.asked_on or date.min, a.action.description))

    @property
    def settled(self) -> list[Ask]:
        done = [a for a in self.asks if not a.in_queue and a.action.answered_on]
        return sorted(done, key=lambda a: a.action.answered_on or date.min, reverse=True)

    def waiting(self, on: date) -> Waiting:
        return asks.waiting([(a.action, a.asked_on) for a in self.asks if a.asked_on], on)


def _docs(conn: Connection, association_id: str | None, among: list[str] | None) -> dict[str, dict[str, list[dict]]]:
    query = select(records.c.association_id, records.c.entity, records.c.doc).where(
        records.c.deleted.is_(False), records.c.entity.in_(ENTITIES))
    if association_id is not None:
        query = query.where(records.c.association_id == association_id)
    if among is not None:
        query = query.where(records.c.association_id.in_(among))
    found: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in conn.execute(query):
        found[row.association_id][row.entity].append(json.loads(row.doc))
    return found


def _record(cls: type, doc: dict):
    """The dataclass of a document, or None if a laptop sent it without a required field."""
    try:
        return from_row(cls, doc)
    except (TypeError, ValueError):
        return None


def by_association(conn: Connection, association_id: str | None = None, on: date | None = None,
                   among: list[str] | None = None) -> list[AssociationAsks]:
    """Every association (or one) with its asks of the landlord, in name order; only those ``among``
    when given (a housing officer's patch)."""
    query = select(associations.c.id, associations.c.name).order_by(associations.c.name)
    if association_id is not None:
        query = query.where(associations.c.id == association_id)
    if among is not None:
        query = query.where(associations.c.id.in_(among))
    rows = conn.execute(query).all()
    docs = _docs(conn, association_id, among)
    return [AssociationAsks(row.id, row.name, _asks(row.id, row.name, docs[row.id], on or today()))
            for row in rows]


def _asks(association_id: str, name: str, docs: dict[str, list[dict]], on: date) -> list[Ask]:
    meetings = {d["id"]: m for d in docs.get("meeting", []) if (m := _record(model.Meeting, d))}
    items = {d["id"]: d for d in docs.get("agenda_item", [])}
    motions = defaultdict(list)
    for doc in sorted(docs.get("motion", []), key=lambda d: d.get("position") or 0):
        motions[doc.get("agenda_item_id")].append(doc)
    found = []
    for doc in docs.get("action", []):
        action = _record(model.Action, doc) if doc.get("ask_of_landlord") else None
        if action is None:
            continue
        meeting = meetings.get(action.meeting_id)
        days = asks.days_waited(action, meeting.date, on) if meeting else None
        found.append(Ask(association_id, name, action, meeting,
                         _came_from(action.description, items.get(action.agenda_item_id),
                                    motions.get(action.agenda_item_id, [])), days))
    return found


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", text.casefold()) if len(w) > 3 or w.isdigit()}


def _came_from(description: str, item: dict | None, motions: list[dict]) -> str:
    """'Motion (carried): That the association ...' when one of the item's motions is about the same thing
    (shares two words or more with the ask); otherwise the item it was discussed under, and its notes."""
    asked, best, shared = _words(description), None, 1
    for motion in motions:
        overlap = len(asked & _words(motion.get("text") or ""))
        if overlap > shared:
            best, shared = motion, overlap
    if best is not None:
        carried = best.get("carried")
        result = "" if carried is None else " (carried)" if carried else " (fell)"
        return f"Motion{result}: {best.get('text') or ''}"
    if item:
        notes = " ".join((item.get("notes") or "").split())
        if len(notes) > NOTES_SHOWN:
            notes = notes[:NOTES_SHOWN - 1].rstrip() + "…"
        return f"Discussed under “{item.get('title') or 'an agenda item'}”" + (f": {notes}" if notes else "")
    return ""


def overall(found: list[AssociationAsks], on: date) -> asks.Waiting:
    return asks.waiting([(a.action, a.asked_on) for each in found for a in each.asks if a.asked_on], on)


# -- the answer form ----------------------------------------------------------------------------

def parse_answer(status: str, due: str, text: str) -> tuple[dict | None, str]:
    """(answer, "") from the form, or (None, a sentence saying what is missing)."""
    if status not in model.ANSWER_STATUSES:
        return None, "Choose an answer: acknowledged, in progress, done or declined."
    text = text.strip()
    if len(text) > LONGEST_ANSWER:
        return None, f"Please keep the answer under {LONGEST_ANSWER} characters."
    day = None
    if status == "in progress":
        try:
            day = date.fromisoformat(due.strip())
        except ValueError:
            return None, "Give the date the work is expected to be finished."
    if status == "declined" and not text:
        return None, "Give the reasons for declining: the association will read them at its next meeting."
    return {"answer_status": status, "answer_text": text, "answer_due": day.isoformat() if day else None}, ""


# -- answers for offline associations -----------------------------------------------------------

def answered_records(conn: Connection, association_id: str) -> list[dict]:
    """The association's answered asks, as a pull gives them, for the receipt of a bundle."""
    rows = conn.execute(select(records.c.record_id, records.c.doc, records.c.stamp, records.c.seq).where(
        records.c.association_id == association_id, records.c.entity == "action",
        records.c.deleted.is_(False))).all()
    found = []
    for row in rows:
        doc = json.loads(row.doc)
        if doc.get("ask_of_landlord") and doc.get("answer_status"):
            found.append({"entity": "action", "record_id": row.record_id, "deleted": False, "doc": doc,
                          "hlc": row.stamp, "seq": row.seq})
    return sorted(found, key=lambda change: change["seq"])
