"""The association's details and dated rules: old meetings keep the rules of their day."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from PySide6.QtCore import QDate

from app.model import ConstitutionRules
from app.rules import QuorumRule
from tests.conftest import DEMO_DAY
from ui.session import Session
from ui.settings_dialog import SettingsDialog

JAN_2026 = date(2026, 1, 1)


@pytest.fixture
def dialog(qtbot, book, members):
    """Twenty members joined in 2020, the sample constitution since 2000."""
    widget = SettingsDialog(Session(book), today=DEMO_DAY)
    qtbot.addWidget(widget)
    widget.open()
    return widget


def test_opens_with_the_sample_constitution(dialog):
    assert dialog.form.general_minimum.value() == 10
    assert dialog.form.general_fraction.currentText() == "One quarter"
    assert dialog.form.general_combine.currentData() == "lesser"
    assert dialog.form.committee_fraction.currentData() == Fraction(1, 2) and dialog.form.plus_one.isChecked()
    assert dialog.form.voting_age.value() == 16 and dialog.form.agm_notice.value() == 14
    assert not dialog.form.proxies_allowed.isChecked() and not dialog.form.proxy_notice.isEnabled()
    assert dialog.general_example.text() == ("In words: 10 members or one quarter of the membership, whichever "
                                             "is fewer. With 20 voting members today, 5 must be present.")
    assert dialog.rules() == ConstitutionRules()
    assert dialog.save_button.isDefault()


def test_a_new_quorum_applies_from_the_date_given(qtbot, dialog):
    book = dialog.session.book
    dialog.form.general_minimum.setValue(15)
    dialog.form.general_combine.setCurrentIndex(1)  # whichever is more
    assert "With 20 voting members today, 15 must be present." in dialog.general_example.text()
    dialog.effective.setDate(QDate(2026, 1, 1))
    with qtbot.waitSignal(dialog.session.changed):
        dialog.save_button.click()
    assert not dialog.isVisible()
    assert book.rules(date(2025, 12, 31)).general_quorum == QuorumRule(10, Fraction(1, 4), "lesser")
    assert book.rules(JAN_2026).general_quorum == QuorumRule(15, Fraction(1, 4), "greater")
    assert book.rules(JAN_2026).agm_notice_days == 14  # what was not touched stays as it was
    newest = book.meetings.rules_changes()[0]
    assert newest.heading == "From 1 January 2026"
    assert newest.changes == ["Quorum at general meetings: 15 members or one quarter of the membership, "
                              "whichever is more (was 10 members or one quarter of the membership, "
                              "whichever is fewer)"]


def test_history_lists_each_change_with_its_date(qtbot, dialog):
    dialog.form.proxies_allowed.setChecked(True)
    assert dialog.form.proxy_notice.isEnabled()
    dialog.form.proxy_notice.setValue(2)
    dialog.form.vote_per.setCurrentIndex(1)
    dialog.effective.setDate(QDate(2026, 3, 1))
    dialog.save_button.click()
    again = SettingsDialog(dialog.session, today=DEMO_DAY)
    qtbot.addWidget(again)
    assert again.form.proxies_allowed.isChecked() and again.form.proxy_notice.value() == 2
    texts = [again.history.item(i).text() for i in range(again.history.count())]
    assert texts[0] == ("From 1 March 2026:\n"
                        "  • One vote per household (was: One vote per member)\n"
                        "  • Proxy votes allowed: yes (was no)\n"
                        "  • Proxies must be given 2 days before the meeting "
                        "(was: Proxies may be given up to the start of the meeting)")
    assert texts[-1] == "From 1 January 2000:\n  • The association's first rules."


def test_association_details_change_without_a_new_set_of_rules(qtbot, dialog):
    book = dialog.session.book
    rules_before = len(book.store.rules_history())
    dialog.area.setText("Govan and Linthouse")
    dialog.rto_number.setText("RTO/GCC/0042")
    dialog.save_button.click()
    association = book.association()
    assert (association.area, association.rto_number) == ("Govan and Linthouse", "RTO/GCC/0042")
    assert len(book.store.rules_history()) == rules_before


def test_cancel_and_an_empty_name_save_nothing(qtbot, dialog):
    book = dialog.session.book
    before = book.store.change_count()
    dialog.name.setText("  ")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.problem.text() == "The association needs a name."
    dialog.form.general_minimum.setValue(3)
    dialog.reject()
    assert book.store.change_count() == before
    assert book.association().name == "Test Street TRA"


def test_reached_from_the_file_menu(qtbot, demo_path):
    from app.services import AssociationFile
    from ui.main_window import MainWindow

    window = MainWindow(Session(AssociationFile.open(demo_path)), today=DEMO_DAY)
    qtbot.addWidget(window)
    action = next(a for a in window.menuBar().actions()[0].menu().actions()
                  if a.text() == "&Association and rules…")
    assert action.shortcut().toString() == "Ctrl+,"
    action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.name.text() == "Wellhouse and District Tenants' and Residents' Association"
    dialog.reject()
    window.session.close()


def test_two_thirds_of_the_members_present_is_offered_and_saved(qtbot, dialog):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    book = dialog.session.book
    dialog.form.majority.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.majority)
    for _ in range(dialog.form.majority.count()):
        if dialog.form.majority.currentData() == "two_thirds_of_present":
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert dialog.form.majority.currentText() == "Two thirds of the members present"
    dialog.effective.setDate(QDate(2026, 1, 1))
    with qtbot.waitSignal(dialog.session.changed):
        dialog.save_button.click()
    assert book.rules(JAN_2026).majority.kind == "two_thirds_of_present"
    assert book.rules(date(2025, 12, 31)).majority.kind == "simple"
