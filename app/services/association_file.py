"""``AssociationFile``: opening, creating and the association's own details and rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app import model, places
from app.core.constitution import rules_on
from app.errors import QuorumError
from app.services.asks import Asks
from app.services.changes import Changes
from app.services.decisions import Decisions
from app.services.digests import Digests
from app.services.history import History
from app.services.meetings import Meetings
from app.services.members import Members
from app.services.offices import Offices
from app.services.preparation import Preparation
from app.services.printing import Printing
from app.services.sync import Sync
from app.store import Store, backups


class AssociationFile(Members, Offices, Meetings, Decisions, Printing, Preparation, Sync, History, Asks, Digests):
    """One association's records, open for the chair."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def create(cls, path: Path, association: model.Association, rules_from: date | None = None) -> AssociationFile:
        store = Store.create(path)
        with store.transaction():
            store.add(association)
            store.add_rules(association.rules, rules_from or date(2000, 1, 1))
        return cls(store)

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> AssociationFile:
        """Open for writing (the one writer), or ``read_only`` to look, print and export while in use elsewhere."""
        book = cls(Store.open(path, read_only=read_only))
        if not read_only and book.store.count(model.Minutes, status="approved", snapshot=None):
            book.snapshot_old_approvals()  # a file from before snapshots
        return book

    @property
    def read_only(self) -> str | None:
        """Why this file cannot be changed here (open elsewhere, moved, deleted), or None."""
        return self.store.read_only

    def altered_changes(self) -> list[dict]:
        """Changes waiting for head office that were altered on disk after they were saved (never sent)."""
        return self.store.altered_changes()

    def save_copy(self, target: Path) -> Path:
        """Save everything to a new file, from what is open, even when the original has gone."""
        return self.store.save_copy(target)

    @classmethod
    def create_in(cls, folder: Path, association: model.Association) -> AssociationFile:
        """Create a new association file in a data folder, named after the association."""
        path = Path(folder) / places.file_name(association.name)
        if path.exists():
            raise QuorumError(f"An association file called {path.name} already exists in {folder}.")
        return cls.create(path, association)

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> AssociationFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the association ------------------------------------------------------------------------

    def association(self) -> model.Association:
        found = self.store.find(model.Association)
        if not found:
            raise QuorumError("This association file has no association in it.")
        association = found[0]
        association.rules = self.rules()
        return association

    def update_association(self, **fields) -> Changes:
        self.store.patch(model.Association, self.association().id, **fields)
        return Changes.of("association")

    def rules(self, on: date | None = None) -> model.ConstitutionRules:
        """The rules in force on a date (today by default): old meetings keep the rules of their day."""
        return rules_on(self.store.rules_history(), on or date.today())

    def set_rules(self, rules: model.ConstitutionRules, effective_from: date | None = None) -> Changes:
        self.store.add_rules(rules, effective_from or date.today())
        return Changes.of("rules")

    # -- backups --------------------------------------------------------------------------------

    def backup(self, reason: str = "by-hand") -> Path:
        return backups.take(self.store, reason)

    def backups(self) -> list[backups.Backup]:
        return backups.available(self.path)
