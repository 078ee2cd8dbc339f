"""Apologies and proxy votes sent before a meeting, recorded as the secretary receives them.

Proxies are offered only when the constitution in force on the meeting's date allows them;
otherwise the controls are greyed out and the reason is given beside them.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import model
from app.errors import QuorumError
from ui.session import Session


class ApologiesPanel(QWidget):
    def __init__(self, session: Session, meeting_id: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.book = session.book
        self.meeting_id = meeting_id
        self.today = today
        layout = QVBoxLayout(self)
        form = QFormLayout()
        members = self.book.register.members()
        self.who = _member_choice("Member sending apologies or a proxy", members)
        form.addRow(_buddy("&Who", self.who), self.who)
        self.apology_button = _button("Record an apolog&y", "The member has said they cannot come",
                                      self.record_apology)
        form.addRow(self.apology_button)
        self.holder = _member_choice("Member who will hold the proxy vote", members)
        form.addRow(_buddy("Vote &held by", self.holder), self.holder)
        self.proxy_button = _button("Record the pro&xy", "The member's vote will be cast by the holder",
                                    self.record_proxy)
        form.addRow(self.proxy_button)
        self.proxy_reason = _hint()
        layout.addLayout(form)
        layout.addWidget(self.proxy_reason)  # outside the form, so its height follows its wrapped words
        self.sent = QListWidget()
        self.sent.setAccessibleName("Apologies and proxies recorded")
        self.sent.setMinimumHeight(2 * self.sent.fontMetrics().height())  # it scrolls; the buttons keep their size
        layout.addWidget(_buddy("Recorded so far", self.sent))
        layout.addWidget(self.sent, 1)
        self.withdraw_button = _button("Take o&ff the list", "Remove the chosen apology or proxy",
                                       self.withdraw_chosen)
        layout.addWidget(self.withdraw_button)
        self.problem = _hint()
        self.problem.setAccessibleName("Problem")
        layout.addWidget(self.problem)
        self.refresh()

    def refresh(self) -> None:
        self.sent.clear()
        names = {m.id: m.name for m in self.book.register.members(include_left=True)}
        for record in self.book.door.attendance(self.meeting_id):
            if record.kind == "apology":
                text = f"Apologies: {names.get(record.member_id, '')}"
            elif record.kind == "proxy":
                text = (f"Proxy: {names.get(record.member_id, '')}'s vote held by "
                        f"{names.get(record.proxy_holder_id, '')}")
            else:
                continue
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.sent.addItem(item)
        self._show_proxy_rule()

    def _show_proxy_rule(self) -> None:
        rules = self.book.rules(self.book.meetings.meeting(self.meeting_id).date)
        for widget in (self.holder, self.proxy_button):
            widget.setEnabled(rules.proxies_allowed)
        if not rules.proxies_allowed:
            self.proxy_reason.setText("Proxy votes are greyed out: the constitution does not allow them "
                                      "(File › Association and rules › Notice and proxies).")
        elif rules.proxy_notice_days:
            self.proxy_reason.setText(f"A proxy must be given at least {rules.proxy_notice_days} days "
                                      "before the meeting.")
        else:
            self.proxy_reason.setText("")

    def record_apology(self) -> None:
        member_id = _chosen_member(self.who)
        if member_id is None:
            self.problem.setText("Choose the member sending apologies first.")
            return
        self._apply(self.book.door.record_apology, self.meeting_id, member_id)

    def record_proxy(self) -> None:
        member_id, holder_id = _chosen_member(self.who), _chosen_member(self.holder)
        if member_id is None or holder_id is None or member_id == holder_id:
            self.problem.setText("Choose the member giving the proxy and a different member to hold it.")
            return
        self._apply(self.book.door.record_proxy, self.meeting_id, member_id, holder_id, self.today)

    def withdraw_chosen(self) -> None:
        item = self.sent.currentItem()
        record_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if record_id:
            self._apply(self.book.door.withdraw_attendance, record_id)

    def _apply(self, edit, *args) -> None:
        """One service call; a refusal (already sent apologies, proxy too late) is shown in plain words."""
        try:
            self.session.apply(edit, *args)
        except QuorumError as error:
            self.problem.setText(str(error))
            return
        self.problem.setText("")


def _member_choice(name: str, members: list[model.Member]) -> QComboBox:
    """Type part of a name (any case) and pick it from the list."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("", None)
    for member in sorted(members, key=lambda m: m.sort_key):
        combo.addItem(member.name, member.id)
    combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
    combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.lineEdit().setPlaceholderText("Start typing a name")
    return combo


def _chosen_member(combo: QComboBox) -> str | None:
    index = combo.findText(combo.currentText().strip(), Qt.MatchFlag.MatchFixedString)
    return combo.itemData(index) if index > 0 else None


def _button(text: str, tip: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", ""))
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _hint() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label
