"""The door: find a member in a few letters, Enter checks them in; guests, apologies, departures."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import model
from app.search import EXACT, decisive, ranked
from app.words import plural
from ui.empty_state import show_when_empty
from ui.flow_layout import FlowLayout
from ui.models.attendance import AttendanceModel
from ui.models.members import MembersModel, Prepared
from ui.models.rows import TEXT_ROLES
from ui.rich_text import markup
from ui.tables import read_only_table


class CheckInModel(MembersModel):
    """Members to find at the door, best match first, each marked with whether they are already here."""

    columns = ("Name", "Address", "Here")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status: dict[str, str] = {}
        self.ranks: list[int] = []  # how well each row shown fits what was typed (app.search)

    def _arrange(self) -> None:
        """The members found, ranked: whole names first, then word starts, then anywhere."""
        if not self._query.strip():
            super()._arrange()
            self.ranks = [EXACT] * len(self._shown)
            return
        self._shown, self.ranks = ranked(self._query, self._order, self._keys, self._names)

    def decisive(self) -> bool:
        return decisive(self.ranks)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == 2 and role in TEXT_ROLES:
            return self.status.get(self.member_at(index.row()).id, "")
        return super().data(index, role)


class CheckInPanel(QWidget):
    check_in_requested = Signal(object)  # Member
    walk_in_requested = Signal()
    guest_requested = Signal()
    apology_requested = Signal(object)  # Member
    departure_requested = Signal(object)  # Member
    undo_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>Check in</b> (Ctrl+K)")
        layout.addWidget(heading)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a name, address or flat, then Enter")
        self.search.setAccessibleName("Find a member to check in")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._enter)
        self.search.installEventFilter(self)
        layout.addWidget(self.search)
        self.pick = QLabel()
        self.pick.setObjectName("PickPrompt")
        self.pick.setAccessibleName("Choose who is meant")
        self.pick.setWordWrap(True)
        self.pick.setStyleSheet("QLabel { background: #fff3cd; color: #3d2c00; padding: 4px; }")
        self.pick.hide()
        layout.addWidget(self.pick)
        self.results_model = CheckInModel(self)
        self.results = read_only_table(self.results_model, "Members found", stretch=(1,))
        self.results.activated.connect(lambda index: self._check_in_row(index.row()))
        show_when_empty(self.results, "Nobody found. Check the spelling, or choose New member for someone "
                                      "joining at the door.")
        layout.addWidget(self.results, 3)
        layout.addLayout(self._buttons())
        self.undo_line = QLabel()  # wraps at large text sizes, where a button would widen the console
        self.undo_line.setObjectName("UndoLastStep")
        self.undo_line.setWordWrap(True)
        self.undo_line.setTextFormat(Qt.TextFormat.RichText)
        self.undo_line.setToolTip("Take back the last step of the meeting (Ctrl+Z)")
        self.undo_line.linkActivated.connect(lambda _link: self.undo_requested.emit())
        self.undo_line.hide()
        layout.addWidget(self.undo_line)
        self.here_label = QLabel()
        self.here_label.setAccessibleName("Attendance summary")
        self.here_label.setWordWrap(True)  # at large text sizes, rather than widening the console
        layout.addWidget(self.here_label)
        self._everyone: dict[str, model.Member] = {}
        self._picking = False
        self.attendance_model = AttendanceModel(self)
        self.attendance = read_only_table(self.attendance_model, "Attendance", stretch=(0, 2))
        show_when_empty(self.attendance, "Nobody checked in yet. Type a name above and press Enter.")
        layout.addWidget(self.attendance, 2)

    def _buttons(self) -> FlowLayout:
        row = FlowLayout()  # wraps rather than widening the console when the text is large
        for text, tip, slot in (
            ("New mem&ber…", "A new member joins at the door (Ctrl+Shift+N)", self.walk_in_requested.emit),
            ("G&uest…", "A councillor, housing officer or other visitor (Ctrl+G)", self.guest_requested.emit),
            ("Ap&ologies", "The member found sends apologies (Ctrl+P)", lambda: self._with_member(self.apology_requested)),
            ("&Left", "The member found has left the meeting (Ctrl+L)",
             lambda: self._with_member(self.departure_requested)),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
            row.addWidget(button)
        return row

    # -- showing --------------------------------------------------------------------------------

    def set_members(self, members: list[model.Member] | Prepared) -> None:
        """Only when the register changes: preparing search keys for thousands takes a moment (so the
        main window's register, prepared already, may be given instead)."""
        self.results_model.load(members)
        self._everyone = {m.id: m for m in (members.members if isinstance(members, Prepared) else members)}
        self._select_first()

    def set_attendance(self, attendance: list[model.Attendance], counted: int | None = None) -> None:
        """``counted``: how many of those here count for quorum (associates and guests do not)."""
        status = {}
        for record in attendance:
            if record.member_id and record.kind == "present":
                status[record.member_id] = f"Left {record.left}" if record.left else f"Here {record.arrived}"
            elif record.member_id and record.kind == "apology":
                status.setdefault(record.member_id, "Apologies")
        self.results_model.status = status
        chosen = self.chosen()
        self.results_model.set_filter(self.search.text())
        self._select(chosen)
        self.attendance_model.load(attendance, self._everyone)
        here = sum(1 for r in attendance if r.kind == "present" and not r.left)
        guests = sum(1 for r in attendance if r.kind == "guest")
        apologies = sum(1 for r in attendance if r.kind == "apology")
        voting = f" ({counted} with a vote)" if counted is not None and counted != here else ""
        self.here_label.setText(f"{plural(here, 'member')} here{voting} · {plural(guests, 'guest')} · "
                                f"{plural(apologies, 'apology', 'apologies')}")

    def show_undo(self, step: str) -> None:
        """What Ctrl+Z would take back, by the door list where the chair is looking."""
        self.undo_line.setText(f"<a href='undo'>Undo</a>: {markup(step)} (Ctrl+Z)")
        self.undo_line.setAccessibleName(f"Undo: {step}")
        self.undo_line.setVisible(bool(step))

    def _filter(self, text: str) -> None:
        self.results_model.set_filter(text)
        self._stop_picking()
        self._select_first()

    def _select_first(self) -> None:
        if self.results_model.rowCount():
            self.results.selectRow(0)

    def _select(self, member: model.Member | None) -> None:
        """Keep the member the chair was choosing after the list is redrawn."""
        row = self.results_model.row_of(member.id) if member else -1
        if row >= 0:
            self.results.selectRow(row)
        else:
            self._select_first()

    def chosen(self) -> model.Member | None:
        rows = self.results.selectionModel().selectedRows()
        return self.results_model.member_at(rows[0].row()) if rows else None

    # -- keys -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move through the members found, choosing one of them."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(event.key())
            if step and self.results_model.rowCount():
                rows = self.results.selectionModel().selectedRows()
                current = rows[0].row() if rows else -1
                self.results.selectRow(max(0, min(self.results_model.rowCount() - 1, current + step)))
                self._picking = True
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    def _enter(self) -> None:
        """Check in at once only when the typing points to one person; otherwise ask which is meant."""
        member = self.chosen()
        if not self.search.text().strip() or member is None:
            return
        if self._picking or self.results_model.decisive():
            self.check_in_requested.emit(member)
            return
        self._picking = True
        fits = self.results_model.rowCount()
        self.pick.setText(f"{plural(fits, 'member')} fit “{self.search.text().strip()}”. Choose one with "
                          "the Up and Down arrows and press Enter, or type more of the name.")
        self.pick.show()

    def _stop_picking(self) -> None:
        self._picking = False
        self.pick.hide()

    def _check_in_row(self, row: int) -> None:
        self.check_in_requested.emit(self.results_model.member_at(row))

    def _with_member(self, signal) -> None:
        if self.chosen() is not None:
            signal.emit(self.chosen())

    def ready_for_next(self) -> None:
        """After a check-in: clear the box for the next person in the queue."""
        self.search.clear()
        self._stop_picking()
        self.search.setFocus()
