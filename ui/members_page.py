"""The members register: find, add, edit, mark as left, erase."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import QuorumError
from app.services import Changes
from ui.empty_state import EmptyState
from ui.member_dialog import MemberDialog
from ui.models.members import MembersModel, Prepared
from ui.session import Session
from ui.tables import ROWS_MEASURED, remember_columns

ERASE_EXPLAINED = (
    "This removes {name}'s name, address, phone, email and notes from Quorum, for a data-protection "
    "request. Their past attendance and votes still count, shown as “Former member”.\n\n"
    "Minutes that were already approved are the association's legal record and keep the names as they "
    "were written.\n\nThis cannot be undone. Erase {name}'s details?"
)


class MembersPage(QWidget):
    import_requested = Signal()
    export_requested = Signal()

    def __init__(self, session: Session, parent=None, register: Prepared | None = None) -> None:
        """``register``: the current members, when read already (off the GUI thread at start-up)."""
        super().__init__(parent)
        self.session = session
        self.model = MembersModel(self)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a member by name, address or flat (like 2/1)")
        self.search.setAccessibleName("Find a member")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        top.addWidget(self.search, 1)
        self.show_left = QCheckBox("Show members who have &left")
        self.show_left.setAccessibleName("Show members who have left")
        self.show_left.toggled.connect(lambda _: self.refresh())
        top.addWidget(self.show_left)
        layout.addLayout(top)
        self.count = QLabel()
        self.count.setAccessibleName("Number of members shown")
        layout.addWidget(self.count)
        self.table = self._table()
        layout.addWidget(self.table, 1)
        buttons = self._buttons()
        layout.addLayout(buttons)
        self.empty = EmptyState(
            "No members yet",
            "Bring in the member list you keep in Excel or as a CSV file: Quorum shows you what it will "
            "import before anything is saved. Or add members one at a time.",
            [("&Import a member list…", "Bring in a list from Excel or a CSV file", self.import_requested.emit),
             ("&Add member…", "Add a new member (Ctrl+Shift+A)", self.add_member)])
        layout.addWidget(self.empty, 1)
        self._register = [self.search, self.show_left, self.count, self.table,
                          *(buttons.itemAt(i).widget() for i in range(buttons.count()) if buttons.itemAt(i).widget())]
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)
        session.changed.connect(self._on_changed)
        self.import_requested.connect(self._import)
        self.export_requested.connect(self._export)
        self.refresh(register)

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setAccessibleName("Members")
        table.setTabKeyNavigation(False)  # Tab moves on to the next control; the arrow keys move within the table
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setResizeContentsPrecision(ROWS_MEASURED)  # not all 5,000 members: see ui/tables.py
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # the chair's widths from the last time, so the first layout measures no rows; else measured once
        self._columns_sized = remember_columns(table, "members", self._fit_columns)
        table.doubleClicked.connect(lambda _: self.edit_member())
        table.activated.connect(lambda _: self.edit_member())
        return table

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot, tip in (
            ("&Add member…", self.add_member, "Add a new member (Ctrl+Shift+A)"),
            ("&Edit…", self.edit_member, "Edit the chosen member (Enter)"),
            ("Mar&k as left…", self.mark_left, "The member has left; they stay in past records"),
            ("&Import a member list…", self.import_requested.emit, "Bring in a list from Excel or a CSV file"),
            ("E&xport…", self.export_requested.emit, "Save the register as a spreadsheet"),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addWidget(self._data_protection_button())
        row.addStretch(1)
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, self.add_member)
        return row

    def _data_protection_button(self) -> QPushButton:
        """A member's rights under UK GDPR: a copy of their data, or erasure."""
        button = QPushButton("Data &protection")
        button.setAccessibleName("Data protection")
        button.setToolTip("For a member who asks for a copy of their data, or for it to be erased")
        menu = QMenu(button)
        menu.addAction("Save a copy of this member's data…", self.export_member_data)
        menu.addAction("Erase this member's personal details…", self.erase_member)
        button.setMenu(menu)
        return button

    def export_member_data(self, target: str | None = None) -> str | None:
        """Subject access: everything Quorum holds about the chosen member, as a readable file."""
        member = self.chosen()
        if member is None:
            return None
        if target is None:
            suggested = f"{member.first_name}-{member.surname}-data.json".replace(" ", "-")
            target, _ = QFileDialog.getSaveFileName(self, "Save this member's data", suggested, "Data file (*.json)")
        if not target:
            return None
        try:
            self.session.book.register.export_member_data(member.id, Path(target))
        except (QuorumError, OSError) as error:
            QMessageBox.warning(self, "Not saved", str(error))
            return None
        return target

    # -- showing --------------------------------------------------------------------------------

    def refresh(self, register: Prepared | None = None) -> None:
        chosen = self.chosen()
        book = self.session.book
        if register is not None:
            self.model.load(register)
        else:
            self.model.load(book.register.members(include_left=self.show_left.isChecked()), book.register.why_not_voting())
        self._show_count()
        self._show_empty(self.model.total == 0 and not self.session.book.register.members(include_left=True))
        if chosen:
            self.select(chosen.id)
        if not self._columns_sized and self.model.total:  # once; after that the widths are the chair's
            self._columns_sized = True
            self._fit_columns()

    def _fit_columns(self) -> None:
        for column in (0, 2, 3, 4, 5, 6):  # all but the address, which takes the rest of the width
            self.table.resizeColumnToContents(column)

    def register(self) -> Prepared | None:
        """The current members as prepared for this table; None while members who have left are shown."""
        return None if self.show_left.isChecked() else self.model.prepared()

    def _show_empty(self, empty: bool) -> None:
        """Nobody on the register yet: the two ways to fill it, instead of an empty table and idle buttons."""
        self.empty.setVisible(empty)
        for widget in self._register:
            widget.setVisible(not empty)

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        noun = "member" if total == 1 else "members"
        self.count.setText(f"{total} {noun}" if shown == total else f"{shown} of {total} {noun} match")

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("member", "any"):
            self.refresh()

    def chosen(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.member_at(rows[0].row()) if rows else None

    def select(self, member_id: str) -> None:
        row = self.model.row_of(member_id)
        if row >= 0:
            self.table.selectRow(row)

    # -- editing --------------------------------------------------------------------------------

    def add_member(self) -> MemberDialog:
        dialog = MemberDialog(parent=self)
        dialog.accepted.connect(lambda: self._added(dialog.member()))
        dialog.open()
        return dialog

    def _added(self, member) -> None:
        if self._apply(self.session.book.register.add_member, member):
            self.search.clear()
            self.select(member.id)

    def edit_member(self) -> MemberDialog | None:
        member = self.chosen()
        if member is None:
            return None
        dialog = MemberDialog(member, parent=self)
        dialog.accepted.connect(
            lambda: dialog.changed_fields() and self._apply(self.session.book.register.update_member, member.id,
                                                            **dialog.changed_fields()))
        dialog.open()
        return dialog

    def mark_left(self) -> QMessageBox | None:
        member = self.chosen()
        if member is None or member.left:
            return None
        return self._confirm(
            "Member has left",
            f"Mark {member.name} as having left today? They stay in the records of past meetings "
            "but no longer count towards the quorum.",
            "Mark as left", lambda: self._apply(self.session.book.register.mark_left, member.id, date.today()))

    def erase_member(self) -> QMessageBox | None:
        member = self.chosen()
        if member is None:
            return None
        return self._confirm("Erase personal details", ERASE_EXPLAINED.format(name=member.name), "Erase details",
                             lambda: self._apply(self.session.book.register.erase_member, member.id),
                             QMessageBox.Icon.Warning)

    def _confirm(self, title: str, text: str, yes: str, then, icon=QMessageBox.Icon.Question) -> QMessageBox:
        """A window-modal question whose safe answer (Cancel) is the default."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Cancel, self)
        confirm = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: then() if button is confirm else None)
        box.open()
        return box

    def _import(self) -> None:
        from ui.import_dialog import choose_and_import  # loads openpyxl: when asked, not at start-up

        choose_and_import(self.session, self)

    def _export(self) -> None:
        from ui.export_dialog import open_export

        open_export(self.session, self)

    def _apply(self, edit, *args, **kwargs) -> bool:
        try:
            self.session.apply(edit, *args, **kwargs)
        except QuorumError as error:
            QMessageBox.warning(self, "Not saved", str(error))
            return False
        return True
