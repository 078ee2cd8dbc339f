"""The constitution's rules as a form: built once, used by the first-run wizard and the settings dialog.

Each rule has one label, one accessible name and one plain sentence, wherever it is asked. A window
places the rules it wants (the wizard only the ones a new chair checks; the settings every one) and
the form gives Alt-letters that no other control in that window uses. Rules not placed keep the
values loaded, so ``rules()`` never loses what a window does not show.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QSpinBox, QWidget

from app import model, rules
from app.services.preparation import FRACTION_WORDS
from ui.forms import choice, count, explained_row, select, with_mnemonic

MAJORITIES = (
    ("simple", "A simple majority of votes cast"),
    ("two_thirds", "Two thirds of votes cast"),
    ("of_present", "A majority of the members present"),
    ("two_thirds_of_present", "Two thirds of the members present"),
)
COMBINES = (("lesser", "Whichever is fewer"), ("greater", "Whichever is more"))
VOTE_PER = (("member", "Member"), ("household", "Household"))

# attribute: (label, explanation); a tick box has no label, its text says it all
WORDS = {
    "general_minimum": ("Minimum present", "The smallest number of members who must be there for decisions to count."),
    "general_fraction": ("Or a share of all members", "Or a share of all voting members, such as one quarter."),
    "general_combine": ("When both are set", "Most constitutions say “whichever is fewer”, so a small association "
                                             "can still meet."),
    "committee_minimum": ("Minimum committee members present",
                          "The smallest number of committee members who must be there."),
    "committee_fraction": ("Or a share of the committee", "Or a share of the committee, such as half."),
    "committee_combine": ("When both are set for the committee",
                          "Which of the two numbers applies when the constitution gives both."),
    "plus_one": ("", "Tick for wording like “half of the committee plus one”."),
    "adjourn": ("Adjourn after", "If the meeting is not quorate this long after its start time, it stands adjourned."),
    "majority": ("Ordinary decisions need", "The majority a motion needs unless the constitution says otherwise; "
                                            "abstentions are not votes cast."),
    "constitutional": ("Changes to the constitution need", "Usually two thirds of the votes cast, at an AGM or a "
                                                           "special general meeting."),
    "casting_vote": ("", "Without one, a tied motion falls."),
    "vote_per": ("One vote per", "Per household means members at the same address share one vote and count once "
                                 "for the quorum."),
    "voting_age": ("Minimum voting age", "Members younger than this may attend and speak, but not vote; 16 is common."),
    "committee_size": ("Committee size", "The most members the committee may have, office bearers included."),
    "agm_notice": ("Notice for an AGM or special general meeting", "How many days before the meeting members must "
                                                                   "be told of it; Quorum warns when you plan one "
                                                                   "sooner."),
    "general_notice": ("Notice for other general meetings", "The same for the association's other general meetings."),
    "proxies_allowed": ("", "A member who cannot come may let another member vote for them."),
    "proxy_notice": ("Proxy notice", "How many days before the meeting the secretary must have the proxy form."),
    "proxies_count": ("", "Most constitutions say only members in the room count."),
}


def _fractions(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem("No share", None)
    for fraction, words in FRACTION_WORDS.items():
        combo.addItem(words.capitalize(), fraction)
    return combo


def _tick(text: str) -> QCheckBox:
    box = QCheckBox(text)
    box.setAccessibleName(text)
    return box


class ConstitutionForm:
    """Every rule's control; ``place`` puts the chosen ones into a window's form."""

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner  # parent of every control until placed, so none floats as a window of its own
        self.general_minimum = count("Minimum present at general meetings", "No minimum")
        self.general_fraction = _fractions("Share of the membership for general meetings")
        self.general_combine = choice(COMBINES, "When both are set, general meetings")
        self.committee_minimum = count("Minimum present at committee meetings", "No minimum")
        self.committee_fraction = _fractions("Share of the committee for committee meetings")
        self.committee_combine = choice(COMBINES, "When both are set, committee meetings")
        self.plus_one = _tick("Committee quorum plus one")
        self.adjourn = count("Minutes to wait for a quorum", None, maximum=180, suffix=" minutes")
        self.majority = choice(MAJORITIES, "Ordinary decisions need")
        self.constitutional = choice(MAJORITIES, "Changes to the constitution need")
        self.casting_vote = _tick("The chair has a casting vote on a tie")
        self.vote_per = choice(VOTE_PER, "One vote per")
        self.voting_age = count("Minimum voting age", "No minimum", maximum=21, suffix=" years old")
        self.committee_size = count("Committee size", "No limit", maximum=50, suffix=" members")
        self.agm_notice = count("Days' notice for an annual or special general meeting", "No notice needed",
                                suffix=" days")
        self.general_notice = count("Days' notice for a general meeting", "No notice needed", suffix=" days")
        self.proxies_allowed = _tick("Proxy votes are allowed")
        self.proxy_notice = count("Days' notice for a proxy", "Up to the start of the meeting", suffix=" days")
        self.proxies_count = _tick("Proxies count towards the quorum")
        for attribute in WORDS:
            control = getattr(self, attribute)
            control.setParent(owner)
            control.hide()
            control.setToolTip(WORDS[attribute][1])
        self.proxies_allowed.toggled.connect(self._show_proxies)
        self.original = model.ConstitutionRules()

    def place(self, form: QFormLayout, attributes, taken: set[str]) -> None:
        """Put these rules into ``form``, each with its explanation and an Alt-letter not in ``taken``."""
        for attribute in attributes:
            control = getattr(self, attribute)
            label, explanation = WORDS[attribute]
            if isinstance(control, QCheckBox):
                control.setText(with_mnemonic(control.text(), taken))
            control.show()
            explained_row(form, with_mnemonic(label, taken) if label else "", control, explanation)

    def controls(self) -> list[QWidget]:
        return [getattr(self, attribute) for attribute in WORDS]

    # -- between the rules and the controls -----------------------------------------------------

    def load(self, constitution: model.ConstitutionRules) -> None:
        self.original = constitution
        _set_quorum(constitution.general_quorum, self.general_minimum, self.general_fraction, self.general_combine)
        _set_quorum(constitution.committee_quorum, self.committee_minimum, self.committee_fraction,
                    self.committee_combine)
        self.plus_one.setChecked(constitution.committee_quorum_plus_one)
        self.adjourn.setValue(constitution.inquorate_adjourn_minutes)
        select(self.majority, constitution.majority.kind)
        select(self.constitutional, constitution.constitutional_majority)
        self.casting_vote.setChecked(constitution.majority.chair_casting_vote)
        select(self.vote_per, constitution.vote_per)
        self.voting_age.setValue(constitution.minimum_voting_age or 0)
        self.committee_size.setValue(constitution.committee_size)
        self.agm_notice.setValue(constitution.agm_notice_days)
        self.general_notice.setValue(constitution.general_notice_days)
        self.proxies_allowed.setChecked(constitution.proxies_allowed)
        self.proxy_notice.setValue(constitution.proxy_notice_days)
        self.proxies_count.setChecked(constitution.proxies_count_for_quorum)
        self._show_proxies()

    def rules(self) -> model.ConstitutionRules:
        """The rules as the controls show them now; anything else as loaded."""
        proxies = self.proxies_allowed.isChecked()
        return dataclasses.replace(
            self.original,
            general_quorum=self.general_quorum(),
            committee_quorum=self.committee_quorum(),
            committee_quorum_plus_one=self.plus_one.isChecked(),
            inquorate_adjourn_minutes=self.adjourn.value(),
            majority=rules.MajorityRule(self.majority.currentData(), self.casting_vote.isChecked()),
            constitutional_majority=self.constitutional.currentData(),
            vote_per=self.vote_per.currentData(),
            minimum_voting_age=self.voting_age.value() or None,
            committee_size=self.committee_size.value(),
            agm_notice_days=self.agm_notice.value(),
            general_notice_days=self.general_notice.value(),
            proxies_allowed=proxies,
            proxy_notice_days=self.proxy_notice.value() if proxies else 0,
            proxies_count_for_quorum=self.proxies_count.isChecked() and proxies,
        )

    def general_quorum(self) -> rules.QuorumRule:
        return _quorum(self.general_minimum, self.general_fraction, self.general_combine)

    def committee_quorum(self) -> rules.QuorumRule:
        return _quorum(self.committee_minimum, self.committee_fraction, self.committee_combine)

    def _show_proxies(self) -> None:
        allowed = self.proxies_allowed.isChecked()
        self.proxy_notice.setEnabled(allowed)
        self.proxies_count.setEnabled(allowed)


def _set_quorum(rule: rules.QuorumRule, minimum: QSpinBox, fraction: QComboBox, combine: QComboBox) -> None:
    minimum.setValue(rule.minimum or 0)
    select(fraction, rule.fraction)
    select(combine, rule.combine)


def _quorum(minimum: QSpinBox, fraction: QComboBox, combine: QComboBox) -> rules.QuorumRule:
    chosen: Fraction | None = fraction.currentData()
    return rules.QuorumRule(minimum=minimum.value() or None, fraction=chosen, combine=combine.currentData())
