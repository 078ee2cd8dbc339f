"""The association's details and its constitution's rules, each explained in one plain sentence.

Rules are never overwritten: saving adds a dated entry, so a meeting held last year is still
judged by the quorum and majorities of its day, and the History tab shows what changed when.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import model, rules
from app.errors import QuorumError
from app.services.preparation import quorum_words
from app.words import plural
from ui.constitution_attachment import ConstitutionAttachment
from ui.constitution_form import ConstitutionForm
from ui.forms import explained_row, line, note, scrolling_page
from ui.session import Session

WINDOW_LETTERS = "aqvnhse"  # the tabs, Save and "take effect from": the rules' Alt-letters avoid them


def open_settings(session: Session, parent: QWidget | None = None, today: date | None = None) -> SettingsDialog:
    dialog = SettingsDialog(session, today, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class SettingsDialog(QDialog):
    """Edits a copy of the rules; Save adds them to the history from the date the chair gives."""

    def __init__(self, session: Session, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.today = today or date.today()
        book = session.book
        self.association = book.association()
        self.original = book.rules(self.today)
        self.form = ConstitutionForm(self)
        self._voters = len(book.register.voting_members(self.today))
        self._committee = len(book.register.voting_members(self.today, committee=True))
        self.setWindowTitle("Association and rules")
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings")
        self.tabs.tabBar().setAccessibleName("Settings")
        self.tabs.addTab(self._association_tab(), "&Association")
        self.tabs.addTab(self._quorum_tab(), "&Quorum")
        self.tabs.addTab(self._voting_tab(), "&Voting")
        self.tabs.addTab(self._notice_tab(), "&Notice and proxies")
        self.tabs.addTab(self._history_tab(), "&History")
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._saving_row())
        self.save_button.setDefault(True)  # only once inside the dialog, or Enter would press Cancel
        self.problem = QLabel()
        self.problem.setAccessibleName("Problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.load(self.original)
        screen = self.screen().availableGeometry()
        self.resize(min(960, int(screen.width() * 0.9)), min(650, int(screen.height() * 0.9)))

    # -- the tabs -------------------------------------------------------------------------------

    def _association_tab(self) -> QWidget:
        page, form = scrolling_page()
        self.name = line(self.association.name, "Name of the association")
        explained_row(form, "Na&me", self.name, "As it is written on the constitution and on letters.")
        self.area = line(self.association.area, "Area")
        explained_row(form, "A&rea", self.area, "The estate, streets or district the association covers.")
        self.rto_number = line(self.association.rto_number, "Registered tenant organisation number")
        explained_row(form, "Registered &tenant organisation number", self.rto_number,
                      "Given by the landlord when the association is registered; leave it blank if there is none.")
        adopted = QGroupBox("The constitution as adopted, for the landlord's pack")
        column = QVBoxLayout(adopted)
        self.constitution = ConstitutionAttachment(self.session, self.today, adopted)
        column.addWidget(self.constitution)
        column.addWidget(note("Attaching or removing it is kept at once; Save is for the details and rules."))
        form.addRow(adopted)
        return page

    def _quorum_tab(self) -> QWidget:
        page, form = scrolling_page()
        taken = set(WINDOW_LETTERS)
        groups = QHBoxLayout()
        general = QGroupBox("General meetings (including the AGM)")
        general_form = _stacked(general)
        self.form.place(general_form, ("general_minimum", "general_fraction", "general_combine"), taken)
        self.general_example = note()
        general_form.addRow(self.general_example)
        groups.addWidget(general, 1)
        committee = QGroupBox("Committee meetings")
        committee_form = _stacked(committee)
        self.form.place(committee_form, ("committee_minimum", "committee_fraction", "committee_combine",
                                         "plus_one"), taken)
        self.committee_example = note()
        committee_form.addRow(self.committee_example)
        groups.addWidget(committee, 1)
        form.addRow(groups)
        self.form.place(form, ("adjourn",), taken)
        rules_form = self.form
        for widget in (rules_form.general_minimum, rules_form.committee_minimum):
            widget.valueChanged.connect(self._show_examples)
        for widget in (rules_form.general_fraction, rules_form.general_combine, rules_form.committee_fraction,
                       rules_form.committee_combine):
            widget.currentIndexChanged.connect(self._show_examples)
        rules_form.plus_one.toggled.connect(self._show_examples)
        return page

    def _voting_tab(self) -> QWidget:
        page, form = scrolling_page()
        self.form.place(form, ("majority", "constitutional", "casting_vote", "vote_per", "voting_age",
                               "committee_size"), set(WINDOW_LETTERS))
        return page

    def _notice_tab(self) -> QWidget:
        page, form = scrolling_page()
        self.form.place(form, ("agm_notice", "general_notice", "proxies_allowed", "proxy_notice", "proxies_count"),
                        set(WINDOW_LETTERS))
        return page

    def _history_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel("Each time the rules change, the old ones are kept: a meeting is always judged by the "
                       "rules in force on its day.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.history = QListWidget()
        self.history.setAccessibleName("Changes to the rules")
        self.history.setWordWrap(True)
        layout.addWidget(self.history, 1)
        self.show_history()
        return page

    def _saving_row(self) -> QVBoxLayout:
        """The date the rules take effect from, and Save; the hint goes under them, so large text
        never squeezes it into a column of single words."""
        column = QVBoxLayout()
        row = QHBoxLayout()
        self.effective = QDateEdit(QDate(self.today.year, self.today.month, self.today.day))
        self.effective.setDisplayFormat("d MMMM yyyy")
        self.effective.setCalendarPopup(True)
        self.effective.setAccessibleName("Changes to the rules take effect from")
        label = QLabel("Changes to the rules take &effect from")
        label.setBuddy(self.effective)
        row.addWidget(label)
        row.addWidget(self.effective)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.save_button = QPushButton("&Save")
        self.save_button.setAccessibleName("Save")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        column.addLayout(row)
        column.addWidget(note("Meetings before this date keep the rules they had."))
        return column

    # -- between the rules and the widgets ------------------------------------------------------

    def load(self, constitution: model.ConstitutionRules) -> None:
        self.form.load(constitution)
        self._show_examples()

    def rules(self) -> model.ConstitutionRules:
        """The rules as the controls show them now."""
        return self.form.rules()

    def association_changes(self) -> dict[str, str]:
        typed = {"name": " ".join(self.name.text().split()), "area": self.area.text().strip(),
                 "rto_number": self.rto_number.text().strip()}
        return {key: value for key, value in typed.items() if value != getattr(self.association, key)}

    # -- showing --------------------------------------------------------------------------------

    def _show_examples(self) -> None:
        general, committee = self.form.general_quorum(), self.form.committee_quorum()
        needed = rules.quorum_required(general, self._voters)
        self.general_example.setText(
            f"In words: {quorum_words(general)}. With {plural(self._voters, 'voting member')} today, "
            f"{needed} must be present.")
        plus = self.form.plus_one.isChecked()
        needed = rules.quorum_required(committee, self._committee) + (1 if plus else 0)
        self.committee_example.setText(
            f"In words: {quorum_words(committee, 'the committee', plus)}. With "
            f"{plural(self._committee, 'committee member')} today, {needed} must be present.")

    def show_history(self) -> None:
        self.history.clear()
        for change in self.session.book.meetings.rules_changes():
            self.history.addItem(f"{change.heading}:\n" + "\n".join(f"  • {line}" for line in change.changes))

    # -- saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        """Save what changed: the details at once, the rules from the date given."""
        details, new_rules = self.association_changes(), self.rules()
        if "name" in details and not details["name"]:
            self._refuse("The association needs a name.", 0, self.name)
            return
        effective = self.effective.date()
        try:
            if details:
                self.session.apply(self.session.book.update_association, **details)
            if new_rules != self.original:
                self.session.apply(self.session.book.set_rules, new_rules,
                                   date(effective.year(), effective.month(), effective.day()))
        except QuorumError as error:
            self.problem.setText(str(error))
            return
        self.accept()

    def _refuse(self, text: str, tab: int, widget: QWidget) -> None:
        self.problem.setText(text)
        self.tabs.setCurrentIndex(tab)
        widget.setFocus()


# -- small builders ------------------------------------------------------------------------------


def _stacked(box: QGroupBox) -> QFormLayout:
    """Labels above their controls, for two groups side by side."""
    form = QFormLayout(box)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    return form
