"""The association's details and its constitution's rules, each explained in one plain sentence.

Rules are never overwritten: saving adds a dated entry, so a meeting held last year is still
judged by the quorum and majorities of its day, and the History tab shows what changed when.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from fractions import Fraction

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import model, rules
from app.errors import QuorumError
from app.services.preparation import FRACTION_WORDS, quorum_words
from app.words import plural
from ui.session import Session

MAJORITIES = (
    ("simple", "A simple majority of votes cast"),
    ("two_thirds", "Two thirds of votes cast"),
    ("of_present", "A majority of the members present"),
    ("two_thirds_of_present", "Two thirds of the members present"),
)
COMBINES = (("lesser", "Whichever is fewer"), ("greater", "Whichever is more"))


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
        self._voters = len(book.voting_members(self.today))
        self._committee = len(book.voting_members(self.today, committee=True))
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
        page, form = _page()
        self.name = _line(self.association.name, "Name of the association")
        _row(form, "Na&me", self.name, "As it is written on the constitution and on letters.")
        self.area = _line(self.association.area, "Area")
        _row(form, "A&rea", self.area, "The estate, streets or district the association covers.")
        self.rto_number = _line(self.association.rto_number, "Registered tenant organisation number")
        _row(form, "Registered &tenant organisation number", self.rto_number,
             "Given by the landlord when the association is registered; leave it blank if there is none.")
        return page

    def _quorum_tab(self) -> QWidget:
        page, form = _page()
        groups = QHBoxLayout()
        general = QGroupBox("General meetings (including the AGM)")
        general_form = _stacked(general)
        self.general_minimum = _count("Minimum present at general meetings", "No minimum")
        _row(general_form, "Minimum &present", self.general_minimum,
             "The smallest number of members who must be there for decisions to count.")
        self.general_fraction = _fractions("Fraction of the membership for general meetings")
        _row(general_form, "F&raction of the membership", self.general_fraction,
             "Or a share of all voting members, such as one quarter.")
        self.general_combine = _choice(COMBINES, "When both are set, general meetings")
        _row(general_form, "&When both are set", self.general_combine,
             "Most constitutions say “whichever is fewer”, so a small association can still meet.")
        self.general_example = _note()
        general_form.addRow(self.general_example)
        groups.addWidget(general, 1)
        committee = QGroupBox("Committee meetings")
        committee_form = _stacked(committee)
        self.committee_minimum = _count("Minimum present at committee meetings", "No minimum")
        _row(committee_form, "Mini&mum present", self.committee_minimum,
             "The smallest number of committee members who must be there.")
        self.committee_fraction = _fractions("Fraction of the committee")
        _row(committee_form, "Fraction of the comm&ittee", self.committee_fraction,
             "Or a share of the committee, such as half.")
        self.committee_combine = _choice(COMBINES, "When both are set, committee meetings")
        _row(committee_form, "When &both are set", self.committee_combine,
             "Which of the two numbers applies when the constitution gives both.")
        self.plus_one = QCheckBox("Plus &one")
        self.plus_one.setAccessibleName("Committee quorum plus one")
        _row(committee_form, "", self.plus_one, "Tick for wording like “half of the committee plus one”.")
        self.committee_example = _note()
        committee_form.addRow(self.committee_example)
        groups.addWidget(committee, 1)
        form.addRow(groups)
        self.adjourn = _count("Minutes to wait for a quorum", None, maximum=180, suffix=" minutes")
        _row(form, "Ad&journ after", self.adjourn,
             "If the meeting is not quorate this long after its start time, it stands adjourned.")
        for widget in (self.general_minimum, self.committee_minimum):
            widget.valueChanged.connect(self._show_examples)
        for widget in (self.general_fraction, self.general_combine, self.committee_fraction, self.committee_combine):
            widget.currentIndexChanged.connect(self._show_examples)
        self.plus_one.toggled.connect(self._show_examples)
        return page

    def _voting_tab(self) -> QWidget:
        page, form = _page()
        self.majority = _choice(MAJORITIES, "Ordinary decisions need")
        _row(form, "Ordinary &decisions need", self.majority,
             "The majority a motion needs unless the constitution says otherwise; abstentions are not votes cast.")
        self.constitutional = _choice(MAJORITIES, "Changes to the constitution need")
        _row(form, "Constitutional &changes need", self.constitutional,
             "Changing the constitution usually needs two thirds of the votes cast at an AGM or special meeting.")
        self.casting_vote = QCheckBox("The chair has a casting vote when votes are &tied")
        self.casting_vote.setAccessibleName("The chair has a casting vote when votes are tied")
        _row(form, "", self.casting_vote, "Without one, a tied motion falls.")
        self.vote_per = _choice((("member", "Member"), ("household", "Household")), "One vote per")
        _row(form, "&One vote per", self.vote_per,
             "Per household means members at the same address share one vote and count once for the quorum.")
        self.voting_age = _count("Minimum voting age", "No minimum", maximum=21, suffix=" years old")
        _row(form, "&Minimum voting age", self.voting_age,
             "Members younger than this may attend and speak but not vote; 16 is common.")
        self.committee_size = _count("Committee size", "No limit", maximum=50, suffix=" members")
        _row(form, "Committee si&ze", self.committee_size,
             "The most members the committee may have, office bearers included.")
        return page

    def _notice_tab(self) -> QWidget:
        page, form = _page()
        self.agm_notice = _count("Days' notice for an annual or special general meeting", "No notice needed",
                                 suffix=" days")
        _row(form, "Annual or special &general meeting", self.agm_notice,
             "How many days before the meeting members must be told of it; Quorum warns when you plan one sooner.")
        self.general_notice = _count("Days' notice for a general meeting", "No notice needed", suffix=" days")
        _row(form, "Ordinary general mee&ting", self.general_notice,
             "The same for the association's other general meetings.")
        self.proxies_allowed = QCheckBox("&Proxy votes are allowed")
        self.proxies_allowed.setAccessibleName("Proxy votes are allowed")
        _row(form, "", self.proxies_allowed, "A member who cannot come may let another member vote for them.")
        self.proxy_notice = _count("Days' notice for a proxy", "Up to the start of the meeting", suffix=" days")
        _row(form, "Proxy notice (&days)", self.proxy_notice,
             "How many days before the meeting the secretary must have the proxy form.")
        self.proxies_count = QCheckBox("Proxies &count towards the quorum")
        self.proxies_count.setAccessibleName("Proxies count towards the quorum")
        _row(form, "", self.proxies_count, "Most constitutions say only members in the room count.")
        self.proxies_allowed.toggled.connect(self._show_proxies)
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

    def _saving_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.effective = QDateEdit(QDate(self.today.year, self.today.month, self.today.day))
        self.effective.setDisplayFormat("d MMMM yyyy")
        self.effective.setCalendarPopup(True)
        self.effective.setAccessibleName("Changes to the rules take effect from")
        label = QLabel("Changes to the rules take &effect from")
        label.setBuddy(self.effective)
        row.addWidget(label)
        row.addWidget(self.effective)
        hint = _note("Meetings before this date keep the rules they had.")
        row.addWidget(hint, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.save_button = QPushButton("&Save")
        self.save_button.setAccessibleName("Save")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        return row

    # -- between the rules and the widgets ------------------------------------------------------

    def load(self, constitution: model.ConstitutionRules) -> None:
        _set_quorum(constitution.general_quorum, self.general_minimum, self.general_fraction, self.general_combine)
        _set_quorum(constitution.committee_quorum, self.committee_minimum, self.committee_fraction,
                    self.committee_combine)
        self.plus_one.setChecked(constitution.committee_quorum_plus_one)
        self.adjourn.setValue(constitution.inquorate_adjourn_minutes)
        _select(self.majority, constitution.majority.kind)
        _select(self.constitutional, constitution.constitutional_majority)
        self.casting_vote.setChecked(constitution.majority.chair_casting_vote)
        _select(self.vote_per, constitution.vote_per)
        self.voting_age.setValue(constitution.minimum_voting_age or 0)
        self.committee_size.setValue(constitution.committee_size)
        self.agm_notice.setValue(constitution.agm_notice_days)
        self.general_notice.setValue(constitution.general_notice_days)
        self.proxies_allowed.setChecked(constitution.proxies_allowed)
        self.proxy_notice.setValue(constitution.proxy_notice_days)
        self.proxies_count.setChecked(constitution.proxies_count_for_quorum)
        self._show_proxies()
        self._show_examples()

    def rules(self) -> model.ConstitutionRules:
        """The rules as the widgets show them now."""
        return dataclasses.replace(
            self.original,
            general_quorum=_quorum(self.general_minimum, self.general_fraction, self.general_combine),
            committee_quorum=_quorum(self.committee_minimum, self.committee_fraction, self.committee_combine),
            committee_quorum_plus_one=self.plus_one.isChecked(),
            inquorate_adjourn_minutes=self.adjourn.value(),
            majority=rules.MajorityRule(self.majority.currentData(), self.casting_vote.isChecked()),
            constitutional_majority=self.constitutional.currentData(),
            vote_per=self.vote_per.currentData(),
            minimum_voting_age=self.voting_age.value() or None,
            committee_size=self.committee_size.value(),
            agm_notice_days=self.agm_notice.value(),
            general_notice_days=self.general_notice.value(),
            proxies_allowed=self.proxies_allowed.isChecked(),
            proxy_notice_days=self.proxy_notice.value() if self.proxies_allowed.isChecked() else 0,
            proxies_count_for_quorum=self.proxies_count.isChecked() and self.proxies_allowed.isChecked(),
        )

    def association_changes(self) -> dict[str, str]:
        typed = {"name": " ".join(self.name.text().split()), "area": self.area.text().strip(),
                 "rto_number": self.rto_number.text().strip()}
        return {key: value for key, value in typed.items() if value != getattr(self.association, key)}

    # -- showing --------------------------------------------------------------------------------

    def _show_examples(self) -> None:
        general = _quorum(self.general_minimum, self.general_fraction, self.general_combine)
        committee = _quorum(self.committee_minimum, self.committee_fraction, self.committee_combine)
        needed = rules.quorum_required(general, self._voters)
        self.general_example.setText(
            f"In words: {quorum_words(general)}. With {plural(self._voters, 'voting member')} today, "
            f"{needed} must be present.")
        plus = self.plus_one.isChecked()
        needed = rules.quorum_required(committee, self._committee) + (1 if plus else 0)
        self.committee_example.setText(
            f"In words: {quorum_words(committee, 'the committee', plus)}. With "
            f"{plural(self._committee, 'committee member')} today, {needed} must be present.")

    def _show_proxies(self) -> None:
        allowed = self.proxies_allowed.isChecked()
        self.proxy_notice.setEnabled(allowed)
        self.proxies_count.setEnabled(allowed)

    def show_history(self) -> None:
        self.history.clear()
        for change in self.session.book.rules_changes():
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


def _page() -> tuple[QWidget, QFormLayout]:
    """A tab that scrolls rather than squashes when the screen is small or the font large."""
    inner = QWidget()
    form = QFormLayout(inner)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    scroll = QScrollArea()
    scroll.setWidget(inner)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls; the page scrolls to follow
    return scroll, form


def _stacked(box: QGroupBox) -> QFormLayout:
    """Labels above their controls, for two groups side by side."""
    form = QFormLayout(box)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    return form


def _row(form: QFormLayout, label: str, widget: QWidget, explanation: str) -> None:
    """The control with its one-sentence explanation under it; the label's mnemonic reaches the control."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 4)
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(_note(explanation))
    widget.setToolTip(explanation)
    if label:
        caption = QLabel(label)
        caption.setBuddy(widget)
        form.addRow(caption, cell)
    else:
        form.addRow("", cell)


def _note(text: str = "") -> QLabel:
    note = QLabel(text)
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.setStyleSheet("color: palette(placeholder-text);")
    return note


def _line(text: str, name: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    return edit


def _count(name: str, zero: str | None, maximum: int = 999, suffix: str = "") -> QSpinBox:
    """A number from 0; ``zero`` names what 0 means ("No minimum") where it means none."""
    spin = QSpinBox()
    spin.setAccessibleName(name)
    spin.setRange(0, maximum)
    if zero:
        spin.setSpecialValueText(zero)
    spin.setSuffix(suffix)
    spin.setMaximumWidth(240)
    return spin


def _choice(options, name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for key, label in options:
        combo.addItem(label, key)
    return combo


def _fractions(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem("No fraction", None)
    for fraction, words in FRACTION_WORDS.items():
        combo.addItem(words.capitalize(), fraction)
    return combo


def _select(combo: QComboBox, key) -> None:
    """Compared in Python: Qt cannot compare a Fraction kept as item data."""
    index = next((i for i in range(combo.count()) if combo.itemData(i) == key), -1)
    if index < 0:  # a fraction this list does not offer, kept as the constitution has it
        combo.addItem(f"{key.numerator}/{key.denominator}", key)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def _set_quorum(rule: rules.QuorumRule, minimum: QSpinBox, fraction: QComboBox, combine: QComboBox) -> None:
    minimum.setValue(rule.minimum or 0)
    _select(fraction, rule.fraction)
    _select(combine, rule.combine)


def _quorum(minimum: QSpinBox, fraction: QComboBox, combine: QComboBox) -> rules.QuorumRule:
    chosen: Fraction | None = fraction.currentData()
    return rules.QuorumRule(minimum=minimum.value() or None, fraction=chosen, combine=combine.currentData())

