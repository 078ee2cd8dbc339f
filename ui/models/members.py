"""The members table: filtering and sorting done over prepared keys, not by reloading from disk.

The model holds every member once, their order under the current sort (worked out once per load
or header click) and the rows currently shown, so a keystroke in the search box is one pass of
substring tests in that order and one reset: no folding or sorting per keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QModelIndex, Qt

from app import model
from app.search import matcher, name_words, search_key
from app.words import long_date
from ui.models.rows import READ_ONLY, TEXT_ROLES, HeadedModel

COLUMNS = ("Name", "Address", "Phone", "Role", "Joined", "Contact", "Votes")
SORT_KEYS = (
    lambda m: m.sort_key,
    lambda m: m.address.casefold(),
    lambda m: m.phone,
    lambda m: model.ROLES.index(m.role) if m.role in model.ROLES else 99,
    lambda m: m.joined or date.min,
    lambda m: m.contact_consent,
    None,  # the Votes column sorts by the reasons the model was given (see _sorted)
)


def _votes(member: model.Member, why_not: str) -> str:
    """"Yes", "Left 3 March 2026" or "No (under 16)": the reason comes from app.core.voting."""
    if member.left:
        return f"Left {long_date(member.left)}"
    return f"No ({why_not})" if why_not else "Yes"


COLUMN_TEXT = (  # one function per column, so a view asking for one cell does not format all seven
    lambda m: m.name,
    lambda m: m.address + (f", {m.postcode}" if m.postcode else ""),
    lambda m: m.phone,
    lambda m: m.role.capitalize(),
    lambda m: long_date(m.joined),
    lambda m: "Yes" if m.contact_consent else "No",
)
VOTES = len(COLUMN_TEXT)


@dataclass(frozen=True)
class Prepared:
    """A register ready for the table: search keys, whole names (for the door's ranking) and the order
    under a sort, worked out once; the console's door takes the main window's, ready at start-up."""

    members: list[model.Member]
    why_not: dict[str, str]
    keys: list[str]
    names: list[frozenset[str]]
    order: list[int]
    sort: tuple[int, Qt.SortOrder]


def prepare(members: list[model.Member], why_not_voting: dict[str, str] | None = None,
            sort=(0, Qt.SortOrder.AscendingOrder)) -> Prepared:
    """Pure work, so a large register can be prepared off the GUI thread (ui/opening.py)."""
    members, why_not = list(members), why_not_voting or {}
    return Prepared(members, why_not, [search_key(m) for m in members], [name_words(m) for m in members],
                    _sorted(members, why_not, sort), sort)


def _sorted(members: list[model.Member], why_not: dict[str, str], sort) -> list[int]:
    column, order = sort
    if column == VOTES:
        keys = [_votes(m, why_not.get(m.id, "")) for m in members]
    else:
        keys = [SORT_KEYS[column](m) for m in members]
    return sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)


class MembersModel(HeadedModel):
    columns = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._members: list[model.Member] = []
        self._why_not: dict[str, str] = {}
        self._keys: list[str] = []
        self._names: list[frozenset[str]] = []
        self._order: list[int] = []
        self._shown: list[int] = []
        self._query = ""
        self._sort = (0, Qt.SortOrder.AscendingOrder)

    # -- loading, filtering, sorting ------------------------------------------------------------

    def load(self, members: list[model.Member] | Prepared, why_not_voting: dict[str, str] | None = None) -> None:
        """The members to list (or a register prepared already), and why each may not vote today ("" when
        they may; the front door's ``why_not_voting``). Lists without the Votes column (the door's) need not say."""
        ready = members if isinstance(members, Prepared) else prepare(members, why_not_voting, self._sort)
        if ready.sort != self._sort:  # prepared before the chair sorted by another column
            ready = replace(ready, order=_sorted(ready.members, ready.why_not, self._sort), sort=self._sort)
        self.beginResetModel()
        self._members, self._why_not, self._keys, self._names = ready.members, ready.why_not, ready.keys, ready.names
        self._order = ready.order
        self._arrange()
        self.endResetModel()

    def set_filter(self, query: str) -> None:
        self.beginResetModel()
        self._query = query
        self._arrange()
        self.endResetModel()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._order = _sorted(self._members, self._why_not, self._sort)
        self._arrange()
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        if not self._query.strip():
            self._shown = list(self._order)
            return
        found, keys = matcher(self._query), self._keys
        self._shown = [i for i in self._order if found(keys[i])]

    def _votes(self, member: model.Member) -> str:
        return _votes(member, self._why_not.get(member.id, ""))

    def member_at(self, row: int) -> model.Member:
        return self._members[self._shown[row]]

    def row_of(self, member_id: str) -> int:
        for row, index in enumerate(self._shown):
            if self._members[index].id == member_id:
                return row
        return -1

    def prepared(self) -> Prepared:
        """What this model holds, for another table of the same members (the console's door)."""
        return Prepared(self._members, self._why_not, self._keys, self._names, self._order, self._sort)

    @property
    def total(self) -> int:
        return len(self._members)

    # -- Qt's model interface -------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in TEXT_ROLES:
            member = self.member_at(index.row())
            return self._votes(member) if index.column() == VOTES else COLUMN_TEXT[index.column()](member)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return self.member_at(index.row()).notes or None
        return None

    def flags(self, index):
        return READ_ONLY
