"""The first evening with Quorum: a short wizard instead of an empty window.

It asks only what a chair knows by heart (the association's name and area), shows the model
constitution's rules with a sentence each so they can be checked against the real one, then brings
in the member list the secretary already keeps, or a few members by hand. Or it opens the demo, for
a chair who wants to look around first. Everything it asks can be changed later in the app.

The association's file is made when the chair leaves the rules page (the wizard's commit point),
so the member list is imported through the same preview, and saved the same way, as in the app.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app import model, places
from app.errors import QuorumError
from app.rules import MajorityRule
from app.services import AssociationFile
from app.words import plural
from ui.empty_state import show_when_empty
from ui.rich_text import markup
from ui.session import Session
from ui.settings_dialog import (
    COMBINES,
    MAJORITIES,
    _choice,
    _count,
    _fractions,
    _line,
    _note,
    _page,
    _quorum,
    _row,
    _select,
    _set_quorum,
)
from ui.welcome import DEMO, NEW, OPEN

WELCOME, ASSOCIATION, RULES, MEMBERS, READY = range(5)
# Wizard buttons take Alt+B, Alt+N, Alt+C and Alt+F; the pages' own mnemonics avoid those letters.
CHOICES = (
    (NEW, "&Set up our association",
     "Give its name, check your constitution's rules, and bring in the member list. About five minutes."),
    (OPEN, "&Open an association file we already have",
     "For example from a USB stick, or copied from the secretary's laptop."),
    (DEMO, "&Just show me the demo",
     "A made-up association with a year of meetings behind it, to look around first. Nothing you do there "
     "matters."),
)
FINISH_WORDS = {OPEN: "&Find the file…", DEMO: "Show me the &demo"}


class FirstRunWizard(QWizard):
    """Set up an association in four short steps, open a file, or look at the demo first."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.session: Session | None = None
        self.setWindowTitle("Welcome to Quorum")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same on every system, and it reflows
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Create the association")
        self.welcome_page = WelcomePage()
        self.setPage(WELCOME, self.welcome_page)
        self.setPage(ASSOCIATION, AssociationPage())
        self.setPage(RULES, RulesPage())
        self.setPage(MEMBERS, MembersPage())
        self.setPage(READY, ReadyPage())
        for which, name in ((QWizard.WizardButton.BackButton, "Back"), (QWizard.WizardButton.NextButton, "Next"),
                            (QWizard.WizardButton.CommitButton, "Create the association"),
                            (QWizard.WizardButton.FinishButton, "Finish"),
                            (QWizard.WizardButton.CancelButton, "Cancel")):
            self.button(which).setAccessibleName(name)
        screen = self.screen().availableGeometry()
        self.resize(min(760, int(screen.width() * 0.9)), min(620, int(screen.height() * 0.9)))

    @property
    def choice(self) -> str:
        return self.welcome_page.choice()

    def show_guide(self) -> bool:
        return bool(self.field("show_guide"))

    def create(self, association: model.Association) -> str:
        """Make the association's file; returns a sentence saying what went wrong, or '' when made."""
        try:
            book = AssociationFile.create_in(self.data_dir, association)
        except (QuorumError, OSError) as error:
            return str(error)
        places.remember_opened(self.data_dir, book.path)
        self.session = Session(book)
        return ""


class WelcomePage(QWizardPage):
    """Three ways in; only setting up an association goes on to the next pages."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Welcome to Quorum")
        layout = QVBoxLayout(self)
        layout.addWidget(_intro("Quorum keeps your association's members, meetings and minutes on this laptop, "
                                "with or without the internet. Everything you set up now can be changed later."))
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for key, text, explanation in CHOICES:
            radio = QRadioButton(text)
            radio.setAccessibleName(text.replace("&", ""))
            radio.setAccessibleDescription(explanation)
            self.group.addButton(radio)
            self.radios[key] = radio
            layout.addSpacing(8)
            layout.addWidget(radio)
            note = _note(explanation)
            note.setContentsMargins(28, 0, 0, 0)
            layout.addWidget(note)
        layout.addStretch(1)
        self.radios[NEW].setChecked(True)
        self.group.buttonToggled.connect(self._chosen)

    def choice(self) -> str:
        return next(key for key, radio in self.radios.items() if radio.isChecked())

    def nextId(self) -> int:
        return ASSOCIATION if self.choice() == NEW else -1

    def _chosen(self, _button, checked: bool) -> None:
        if checked and self.wizard() is not None:
            self.wizard().setButtonText(QWizard.WizardButton.FinishButton,
                                        FINISH_WORDS.get(self.choice(), "&Finish"))
            self.setFinalPage(self.choice() != NEW)  # and the wizard shows Next or Finish to match


class AssociationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Your association")
        layout = QVBoxLayout(self)
        layout.addWidget(_intro("Its name as written on your constitution, and the area it covers."))
        scroll, form = _page()
        self.name = _line("", "Name of the association")
        self.name.setPlaceholderText("For example: Wellhouse and District Tenants' and Residents' Association")
        _row(form, "Na&me", self.name, "As it is written on the constitution and on letters to the landlord.")
        self.area = _line("", "Area")
        self.area.setPlaceholderText("For example: Wellhouse, Glasgow")
        _row(form, "&Area", self.area, "The estate, streets or district the association covers.")
        layout.addWidget(scroll, 1)
        self.problem = QLabel()
        self.problem.setAccessibleName("Problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.registerField("name*", self.name)
        self.registerField("area", self.area)

    def validatePage(self) -> bool:
        """Refuse a name whose file already exists here, before the chair fills in the rules."""
        name = " ".join(self.name.text().split())
        existing = self.wizard().data_dir / places.file_name(name)
        if existing.exists():
            self.problem.setText(f"There is already an association file called {existing.name} on this laptop. "
                                 "Give a different name, or go back and choose to open that file.")
            return False
        self.problem.clear()
        return True


class RulesPage(QWizardPage):
    """The model constitution's rules, each with one sentence; making the file happens on leaving."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Your constitution's rules")
        self.setCommitPage(True)
        layout = QVBoxLayout(self)
        layout.addWidget(_intro("These are the rules of the model constitution most tenants' associations "
                                "start from. Check each against your own constitution and change any that "
                                "differ."))
        scroll, form = _page()
        self._quorum_rows(form)
        self._decision_rows(form)
        layout.addWidget(scroll, 1)
        later = _note("You can change these, and a few more, at any time under File › Association and rules.")
        layout.addWidget(later)
        self.problem = QLabel()
        self.problem.setAccessibleName("Problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.load(model.ConstitutionRules())

    def _quorum_rows(self, form) -> None:
        form.addRow(_heading("Quorum at general meetings and the AGM"))
        self.general_minimum = _count("Minimum present at general meetings", "No minimum")
        _row(form, "Minimum &present", self.general_minimum,
             "The smallest number of members who must be there for decisions to count.")
        self.general_fraction = _fractions("Share of the membership for general meetings")
        _row(form, "Or a &share of all members", self.general_fraction,
             "Or a share of all voting members, such as one quarter.")
        self.general_combine = _choice(COMBINES, "When both are set, general meetings")
        _row(form, "&When both are set", self.general_combine,
             "“Whichever is fewer” lets a small association still meet.")
        form.addRow(_heading("Quorum at committee meetings"))
        self.committee_fraction = _fractions("Share of the committee for committee meetings")
        _row(form, "Committee &quorum", self.committee_fraction,
             "The share of committee members who must be there.")
        self.plus_one = QCheckBox("Plus &one")
        self.plus_one.setAccessibleName("Committee quorum plus one")
        _row(form, "", self.plus_one, "Tick for wording like “half of the committee plus one”.")

    def _decision_rows(self, form) -> None:
        form.addRow(_heading("Decisions and voting"))
        self.majority = _choice(MAJORITIES, "Ordinary decisions need")
        _row(form, "Ordinary &decisions need", self.majority,
             "The majority a motion needs; abstentions are not votes cast.")
        self.casting_vote = QCheckBox("The chair has a casting vote when votes are &tied")
        self.casting_vote.setAccessibleName("The chair has a casting vote when votes are tied")
        _row(form, "", self.casting_vote, "Without one, a tied motion falls.")
        self.constitutional = _choice(MAJORITIES, "Changes to the constitution need")
        _row(form, "Changes to the constit&ution need", self.constitutional,
             "Usually two thirds of the votes cast, at an AGM or a special general meeting.")
        self.voting_age = _count("Minimum voting age", "No minimum", maximum=21, suffix=" years old")
        _row(form, "Minimum &voting age", self.voting_age,
             "Members younger than this may attend and speak, but not vote.")
        self.proxies_allowed = QCheckBox("Pro&xy votes are allowed")
        self.proxies_allowed.setAccessibleName("Proxy votes are allowed")
        _row(form, "", self.proxies_allowed, "A member who cannot come may let another member vote for them.")
        self.agm_notice = _count("Days' notice for an annual or special general meeting", "No notice needed",
                                 suffix=" days")
        _row(form, "Notice for an A&GM", self.agm_notice,
             "How many days before an AGM or special general meeting members must be told of it.")

    def load(self, rules: model.ConstitutionRules) -> None:
        _set_quorum(rules.general_quorum, self.general_minimum, self.general_fraction, self.general_combine)
        _select(self.committee_fraction, rules.committee_quorum.fraction)
        self.plus_one.setChecked(rules.committee_quorum_plus_one)
        _select(self.majority, rules.majority.kind)
        self.casting_vote.setChecked(rules.majority.chair_casting_vote)
        _select(self.constitutional, rules.constitutional_majority)
        self.voting_age.setValue(rules.minimum_voting_age or 0)
        self.proxies_allowed.setChecked(rules.proxies_allowed)
        self.agm_notice.setValue(rules.agm_notice_days)

    def rules(self) -> model.ConstitutionRules:
        """The model's rules with the chair's changes; the rest stay as the model has them."""
        model_rules = model.ConstitutionRules()
        return dataclasses.replace(
            model_rules,
            general_quorum=_quorum(self.general_minimum, self.general_fraction, self.general_combine),
            committee_quorum=dataclasses.replace(model_rules.committee_quorum,
                                                 fraction=self.committee_fraction.currentData()),
            committee_quorum_plus_one=self.plus_one.isChecked(),
            majority=MajorityRule(self.majority.currentData(), self.casting_vote.isChecked()),
            constitutional_majority=self.constitutional.currentData(),
            minimum_voting_age=self.voting_age.value() or None,
            proxies_allowed=self.proxies_allowed.isChecked(),
            agm_notice_days=self.agm_notice.value(),
        )

    def validatePage(self) -> bool:
        if self.wizard().session is not None:  # made already (the chair came back): never twice
            return True
        association = model.Association(" ".join(str(self.field("name")).split()),
                                        area=str(self.field("area")).strip(), rules=self.rules())
        problem = self.wizard().create(association)
        self.problem.setText(problem)
        return not problem


class MembersPage(QWizardPage):
    """Import the member list through the usual preview, or add a few by hand; or skip for now."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Your members")
        layout = QVBoxLayout(self)
        layout.addWidget(_intro("Bring in the member list you already keep, or add a few members now and the "
                                "rest later."))
        row = QHBoxLayout()
        self.import_button = _button("&Import a member list…", "From Excel or a CSV file; Quorum shows what it "
                                     "will import before anything is saved", self.import_list)
        self.add_button = _button("&Add a member…", "Type in one member's details", self.add_member)
        row.addWidget(self.import_button)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(_note("A list needs a row for each member, with headings such as First name, Surname, "
                               "Address and Postcode. You can also skip this: the Members tab has the same "
                               "two buttons."))
        self.count = QLabel()
        self.count.setAccessibleName("Number of members")
        layout.addWidget(self.count)
        self.members = QListWidget()
        self.members.setAccessibleName("Members so far")
        show_when_empty(self.members, "No members yet.")
        layout.addWidget(self.members, 1)
        self._listening = False

    def initializePage(self) -> None:
        session = self.wizard().session
        if not self._listening:
            session.changed.connect(lambda _: self.refresh())
            self._listening = True
        self.refresh()

    def refresh(self) -> None:
        members = self.wizard().session.book.register.members()
        self.members.clear()
        self.members.addItems([f"{m.name}, {m.address}" if m.address else m.name for m in members])
        self.count.setText(f"{plural(len(members), 'member')} so far.")

    def import_list(self) -> None:
        from ui.import_dialog import choose_and_import  # loads openpyxl: when asked, not at start-up

        choose_and_import(self.wizard().session, self)

    def add_member(self) -> None:
        from ui.member_dialog import MemberDialog

        dialog = MemberDialog(parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._save(dialog.member()))
        dialog.open()

    def _save(self, member: model.Member) -> None:
        session = self.wizard().session
        try:
            session.apply(session.book.register.add_member, member)
        except QuorumError as error:
            QMessageBox.warning(self, "Not saved", str(error))


class ReadyPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Ready")
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setAccessibleName("Summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        self.guide = QCheckBox("Show the &guide “Your first meeting with Quorum” now")
        self.guide.setAccessibleName("Show the guide Your first meeting with Quorum now")
        self.guide.setChecked(True)
        layout.addWidget(self.guide)
        layout.addStretch(1)
        self.registerField("show_guide", self.guide)

    def initializePage(self) -> None:
        wizard = self.wizard()
        wizard.setButtonText(QWizard.WizardButton.FinishButton, "&Finish")
        book = wizard.session.book
        count = len(book.register.members())
        self.summary.setText(
            f"<p><b>{markup(book.association().name)}</b> is set up, with {plural(count, 'member')}.</p>"
            "<p>Your next steps:</p><ol>"
            "<li>In the <b>Meetings</b> tab, choose <b>Plan a meeting…</b>. Quorum fills in the usual agenda "
            "and tells you how much notice to give.</li>"
            "<li>Prepare the agenda and print it with the notice of meeting.</li>"
            "<li>On the night, choose the meeting and <b>Run this meeting</b>.</li></ol>"
            "<p>Press <b>F1</b> at any time for the guide. <b>View › Larger text</b> (Ctrl and +) makes all "
            "the text bigger.</p>")


def _intro(text: str) -> QLabel:
    """What a page is for; in the page rather than the wizard's subtitle, which does not grow with large text."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setWordWrap(True)
    label.setContentsMargins(0, 8, 0, 0)
    return label


def _button(text: str, tip: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setAccessibleDescription(tip)
    button.setAutoDefault(False)  # Enter goes on to the next page, as everywhere else in the wizard
    button.clicked.connect(slot)
    return button
