"""The first evening with Quorum: a short wizard instead of an empty window.

It asks only what a chair knows by heart (the association's name and area), shows the model
constitution's rules with a sentence each so they can be checked against the real one, then brings
in the member list the secretary already keeps, or a few members by hand. Or it opens the demo, for
a chair who wants to look around first. Everything it asks can be changed later in the app.

The association's file is made when the chair leaves the rules page (the wizard's commit point),
so the member list is imported through the same preview, and saved the same way, as in the app.
"""

from __future__ import annotations

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
from app.services import AssociationFile
from app.words import plural
from ui.constitution_form import ConstitutionForm
from ui.empty_state import show_when_empty
from ui.forms import explained_row, line, note, scrolling_page
from ui.rich_text import markup
from ui.session import Session
from ui.welcome import DEMO, NEW, OPEN

WELCOME, ASSOCIATION, RULES, MEMBERS, READY = range(5)
# Wizard buttons take Alt+B, Alt+N, Alt+C and Alt+F; the pages' own mnemonics avoid those letters.
WIZARD_LETTERS = "bncf"
# The rules a new chair checks against their constitution; the rest are in File › Association and rules.
FIRST_RULES = (("general_minimum", "general_fraction", "general_combine"), ("committee_fraction", "plus_one"),
               ("majority", "casting_vote", "constitutional", "voting_age", "proxies_allowed", "agm_notice"))
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
        self.members_page = MembersPage()
        self.setPage(MEMBERS, self.members_page)
        self.setPage(READY, ReadyPage())
        for which, name in ((QWizard.WizardButton.BackButton, "Back"), (QWizard.WizardButton.NextButton, "Next"),
                            (QWizard.WizardButton.CommitButton, "Create the association"),
                            (QWizard.WizardButton.FinishButton, "Finish"),
                            (QWizard.WizardButton.CancelButton, "Cancel")):
            self.button(which).setAccessibleName(name)
        screen = self.screen().availableGeometry()
        # wider and taller with larger text, not squashed; the rules page scrolls, and at 200% 620 pixels
        # left it room for four lines
        wide = max(760, 72 * self.fontMetrics().averageCharWidth())
        tall = max(620, 36 * self.fontMetrics().lineSpacing())
        self.resize(min(wide, int(screen.width() * 0.9)), min(tall, int(screen.height() * 0.9)))

    def done(self, result: int) -> None:
        """The members page stops following the association once the wizard is over."""
        self.members_page.listen(None)
        super().done(result)

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
        places.remember_opened(self.data_dir, book.path, association.name)
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
            words = note(explanation)
            words.setContentsMargins(28, 0, 0, 0)
            layout.addWidget(words)
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
        scroll, form = scrolling_page()
        self.name = line("", "Name of the association")
        self.name.setPlaceholderText("For example: Wellhouse and District Tenants' and Residents' Association")
        explained_row(form, "Na&me", self.name, "As it is written on the constitution and on letters to the landlord.")
        self.area = line("", "Area")
        self.area.setPlaceholderText("For example: Wellhouse, Glasgow")
        explained_row(form, "&Area", self.area, "The estate, streets or district the association covers.")
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
        scroll, form = scrolling_page()
        self.form = ConstitutionForm(self)
        taken = set(WIZARD_LETTERS)
        headings = ("Quorum at general meetings and the AGM", "Quorum at committee meetings", "Decisions and voting")
        for heading, attributes in zip(headings, FIRST_RULES, strict=True):
            form.addRow(_heading(heading))
            self.form.place(form, attributes, taken)
        layout.addWidget(scroll, 1)
        later = note("You can change these, and a few more, at any time under File › Association and rules.")
        layout.addWidget(later)
        self.problem = QLabel()
        self.problem.setAccessibleName("Problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.form.load(model.ConstitutionRules())

    def rules(self) -> model.ConstitutionRules:
        """The model constitution's rules with the chair's changes."""
        return self.form.rules()

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
        layout.addWidget(note("A list needs a row for each member, with headings such as First name, Surname, "
                               "Address and Postcode. You can also skip this: the Members tab has the same "
                               "two buttons."))
        self.count = QLabel()
        self.count.setAccessibleName("Number of members")
        layout.addWidget(self.count)
        self.members = QListWidget()
        self.members.setAccessibleName("Members so far")
        show_when_empty(self.members, "No members yet.")
        layout.addWidget(self.members, 1)
        self.session: Session | None = None

    def initializePage(self) -> None:
        self.listen(self.wizard().session)
        self.refresh()

    def cleanupPage(self) -> None:
        self.listen(None)

    def listen(self, session: Session | None) -> None:
        """Follow this session's changes, or none: a page that has gone must not hear the app's edits."""
        if self.session is not None:
            self.session.changed.disconnect(self.refresh)
        self.session = session
        if session is not None:
            session.changed.connect(self.refresh)

    def refresh(self, _changes=None) -> None:
        members = self.session.book.register.members()
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
