"""The first-start wizard, driven from the keyboard as a chair without a mouse would."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWizard

from app import places
from app.model import Association, ConstitutionRules
from app.services import AssociationFile
from ui.application import Launcher
from ui.first_run import FirstRunWizard
from ui.guide import GuideWindow
from ui.import_dialog import ImportDialog
from ui.member_dialog import MemberDialog
from ui.welcome import DEMO, NEW, OPEN

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "members-sample.csv"
ALT = Qt.KeyboardModifier.AltModifier
Button = QWizard.WizardButton


@pytest.fixture
def wizard(qtbot, tmp_path):
    shown = FirstRunWizard(tmp_path / "data")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.windowHandle().requestActivate()
    qtbot.waitUntil(shown.isActiveWindow, timeout=3000)
    yield shown
    if shown.session is not None:
        shown.session.close()


def key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed wherever the focus is, as on a real keyboard."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_setting_up_an_association_with_the_keyboard_only(qtbot, wizard, tmp_path):
    assert wizard.choice == NEW
    key(qtbot, Qt.Key.Key_Return)  # Next
    assert wizard.currentId() == 1
    assert not wizard.button(Button.NextButton).isEnabled()  # a name is needed first
    assert QApplication.focusWidget() is wizard.page(1).name  # typing can start at once
    type_text(qtbot, "Govan Riverside TRA")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Govan, Glasgow")
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == 2
    key(qtbot, Qt.Key.Key_V, ALT)  # Minimum voting age
    assert QApplication.focusWidget() in (wizard.page(2).form.voting_age, wizard.page(2).form.voting_age.lineEdit())
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "18")
    key(qtbot, Qt.Key.Key_P, ALT)  # Proxy votes are allowed
    key(qtbot, Qt.Key.Key_Space)
    key(qtbot, Qt.Key.Key_Return)  # Create the association
    assert wizard.currentId() == 3
    key(qtbot, Qt.Key.Key_Return)  # no members yet: on
    assert wizard.currentId() == 4
    assert wizard.show_guide()
    key(qtbot, Qt.Key.Key_Return)  # Finish
    assert wizard.result() == QWizard.DialogCode.Accepted

    path = tmp_path / "data" / places.file_name("Govan Riverside TRA")
    assert places.last_opened(tmp_path / "data") == path.resolve()
    wizard.session.close()  # one Quorum at a time changes a file: the app lets go before it is read again
    wizard.session = None
    with AssociationFile.open(path) as book:
        association = book.association()
        assert (association.name, association.area) == ("Govan Riverside TRA", "Govan, Glasgow")
        assert association.rules.minimum_voting_age == 18
        assert association.rules.proxies_allowed
        assert association.rules.general_quorum.fraction == Fraction(1, 4)  # the rest as the model has them


def test_the_rules_start_from_the_model_constitution(wizard):
    assert wizard.page(2).rules() == ConstitutionRules()


def test_every_rule_is_explained_in_a_sentence(wizard):
    page = wizard.page(2)
    form = page.form
    controls = [form.general_minimum, form.general_fraction, form.general_combine, form.committee_fraction,
                form.plus_one, form.majority, form.casting_vote, form.constitutional, form.voting_age,
                form.proxies_allowed, form.agm_notice]
    for control in controls:
        assert control.toolTip().endswith("."), control.accessibleName()


@pytest.mark.parametrize("presses, choice, finish", [(1, OPEN, "Find the file…"), (2, DEMO, "Show me the demo")])
def test_open_or_demo_finish_at_once(qtbot, wizard, presses, choice, finish):
    for _ in range(presses):
        key(qtbot, Qt.Key.Key_Down)  # the arrow keys move through the choices
    assert wizard.choice == choice
    assert not wizard.button(Button.NextButton).isVisible()
    assert wizard.button(Button.FinishButton).text().replace("&", "") == finish
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.session is None


def test_a_name_already_used_here_is_refused(qtbot, wizard, tmp_path):
    (tmp_path / "data").mkdir()
    AssociationFile.create_in(tmp_path / "data", Association("Govan TRA")).close()
    wizard.next()
    wizard.page(1).name.setText("Govan TRA")
    wizard.next()
    assert wizard.currentId() == 1
    assert "already an association file" in wizard.page(1).problem.text()


def _to_members_page(wizard) -> None:
    if wizard.currentId() == -1:  # not shown: exec() is replaced in the Launcher tests
        wizard.restart()
    wizard.next()
    wizard.page(1).name.setText("Fresh Start TRA")
    wizard.next()
    wizard.next()
    assert wizard.currentId() == 3 and wizard.session is not None


def test_the_member_list_comes_in_through_the_import_preview(qtbot, wizard, monkeypatch):
    _to_members_page(wizard)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(SAMPLE), ""))
    wizard.page(3).import_button.click()
    dialog = wizard.findChild(ImportDialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    dialog.import_button.click()
    assert wizard.page(3).members.count() == 60
    assert wizard.page(3).count.text() == "60 members so far."
    wizard.next()
    assert "with 60 members" in wizard.page(4).summary.text()


def test_a_few_members_added_by_hand(qtbot, wizard):
    _to_members_page(wizard)
    assert wizard.page(3).members.count() == 0
    wizard.page(3).add_button.click()
    dialog = wizard.findChild(MemberDialog)
    qtbot.keyClicks(dialog.first_name, "Morag")
    dialog.surname.setText("Ó Dónaill")  # QTest cannot type accents
    qtbot.keyClicks(dialog.address, "Flat 2/1, 84 Dumbarton Road")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)  # Save
    assert [wizard.page(3).members.item(0).text()] == ["Morag Ó Dónaill, Flat 2/1, 84 Dumbarton Road"]


def test_first_start_shows_the_wizard_then_the_new_association_and_the_guide(qtbot, tmp_path, monkeypatch):
    def set_up(wizard):
        _to_members_page(wizard)
        wizard.next()
        return True

    monkeypatch.setattr(FirstRunWizard, "exec", set_up)
    launcher = Launcher(tmp_path / "data")
    assert launcher.start(None)
    qtbot.addWidget(launcher.window)
    assert launcher.window.windowTitle() == "Fresh Start TRA — Quorum"
    assert launcher.window.findChild(GuideWindow).isVisible()
    launcher.window.session.close()


def test_closing_the_wizard_after_the_association_was_made_still_opens_it(qtbot, tmp_path, monkeypatch):
    def set_up_then_cancel(wizard):
        _to_members_page(wizard)
        return False

    monkeypatch.setattr(FirstRunWizard, "exec", set_up_then_cancel)
    launcher = Launcher(tmp_path / "data")
    assert launcher.start(None)
    qtbot.addWidget(launcher.window)
    assert launcher.window.windowTitle() == "Fresh Start TRA — Quorum"
    assert launcher.window.findChild(GuideWindow) is None
    launcher.window.session.close()


def test_cancelling_on_the_first_page_opens_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(FirstRunWizard, "exec", lambda wizard: False)
    launcher = Launcher(tmp_path / "data")
    assert not launcher.start(None)
    assert launcher.window is None
