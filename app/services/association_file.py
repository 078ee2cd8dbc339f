"""``AssociationFile``: opening, creating and the association's own details and rules."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from pathlib import Path

from app import model, places
from app.core.constitution import rules_on
from app.errors import QuorumError
from app.services.actions import Actions
from app.services.changes import Changes
from app.services.decisions import Decisions
from app.services.door import Door
from app.services.history import History
from app.services.meetings import Meetings
from app.services.members import Register
from app.services.minutes import MinuteBook
from app.services.offices import Offices
from app.services.printing import Documents
from app.services.sync import HeadOffice
from app.store import FileReport, Store, backups, inspect
from app.store.backups import Backup


class AssociationFile:
    """One association's records, open for the chair: a thin object whose parts share one store.

    The parts are named as the chair would name them (``book.register``, ``book.door``,
    ``book.minutes.minutes``); the association's own details, its rules and its backups are the file's.
    Every method that changes data returns a ``Changes`` naming the kinds and ids it changed.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.register = Register(self)
        self.offices = Offices(self)
        self.meetings = Meetings(self)
        self.door = Door(self)
        self.decisions = Decisions(self)
        self.actions = Actions(self)
        self.minutes = MinuteBook(self)
        self.documents = Documents(self)
        self.head_office = HeadOffice(self)
        self.history = History(self)

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
            book.minutes.snapshot_old_approvals()  # a file from before snapshots
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

    def backups(self) -> list[Backup]:
        with suppress(QuorumError):  # the one being made before a meeting, once it is there
            self.store.backed_up()
        return backups.available(self.path)

    # -- files that are not open (damaged, or to be replaced) ------------------------------------

    @staticmethod
    def backups_of(path: Path) -> list[Backup]:
        """The backups of an association file, newest first, without opening it."""
        return backups.available(Path(path))

    @staticmethod
    def latest_good_backup(path: Path) -> Backup | None:
        """The newest backup that opens cleanly, to offer in place of a damaged file."""
        return backups.latest_good(Path(path))

    @staticmethod
    def restore_backup(path: Path, backup_file: Path) -> Path | None:
        """Put a backup in place of a closed file; returns where the replaced file was kept, if anywhere."""
        return backups.restore(Path(path), Path(backup_file))

    @staticmethod
    def health(path: Path) -> FileReport:
        """Whether a file is a healthy Quorum file, and how many members and meetings it holds."""
        return inspect(Path(path))

    @staticmethod
    def join(folder: Path, url: str, code: str) -> Path:
        """A second laptop: a new file in ``folder``, enrolled with head office under the code; its path."""
        from app.sync import join

        return join(Path(folder), url, code)

    @staticmethod
    def create_demo(folder: Path) -> Path:
        """The demo association with a year of history, in ``folder``; its path."""
        from app.demo import create_demo

        return create_demo(Path(folder))
