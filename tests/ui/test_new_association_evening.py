"""A brand-new association, made through the wizard with the keyboard, then twenty kinds of change.

Before issue 16 the wizard's members page kept listening after the wizard had gone, and every
change afterwards raised a RuntimeError ("Quorum hit an unexpected problem"). pytest-qt fails a
test on any exception raised inside a slot; the log and the screen are checked as well.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app import model
from ui.console import commands
from ui.first_run import FirstRunWizard
from ui.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier
TODAY = date(2026, 11, 29)


def key(qtbot, which, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), which, modifier)


def made_through_the_wizard(qtbot, data_dir) -> FirstRunWizard:
    wizard = FirstRunWizard(data_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.windowHandle().requestActivate()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=3000)
    key(qtbot, Qt.Key.Key_Return)  # set up our association
    qtbot.keyClicks(QApplication.focusWidget(), "Possilpark Tenants & Residents")
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Return)  # the model constitution's rules: create the association
    assert wizard.currentId() == 3 and wizard.session is not None
    wizard.members_page._save(model.Member("Jean", "Armour", "1/1 Saracen Street"))  # as Add a member… does
    assert wizard.members_page.count.text() == "1 member so far."
    key(qtbot, Qt.Key.Key_Return)  # on to Ready
    key(qtbot, Qt.Key.Key_Return)  # Finish
    return wizard


def test_twenty_kinds_of_change_after_the_wizard_raise_nothing(qtbot, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="quorum")
    wizard = made_through_the_wizard(qtbot, tmp_path / "data")
    session = wizard.session
    wizard.deleteLater()  # as the launcher lets it go
    qtbot.wait(20)
    window = MainWindow(session, TODAY)
    qtbot.addWidget(window)
    window.show()
    book = session.book
    apply = session.apply

    people = [model.Member(first, surname, f"{n}/1 Saracen Street", "G22 5AA", joined=date(2020, 1, 1))
              for n, (first, surname) in enumerate((("Rab", "Brown"), ("Mary", "Hill"), ("Isa", "Reid"),
                                                    ("Tam", "Shaw"), ("Ann", "Bell"), ("Jim", "Kerr")), start=2)]
    apply(book.register.add_members, people)  # 1 an import
    apply(book.register.add_member, model.Member("Agnes", "Doyle", "9 Ashfield Street"))  # 2 one member
    jean = next(m for m in book.register.members() if m.first_name == "Jean")
    apply(book.register.update_member, jean.id, phone="0141 555 0101")  # 3 an edit
    apply(book.register.mark_left, next(m for m in book.register.members() if m.first_name == "Agnes").id, TODAY)  # 4 left
    rules = replace(book.rules(), general_quorum=model.QuorumRule(minimum=3))
    apply(book.set_rules, rules, date(2000, 1, 1))  # 5 the rules
    apply(book.update_association, area="Possilpark, Glasgow")  # 6 the association's details
    meeting = apply(book.meetings.plan_meeting, "general", TODAY + timedelta(days=14), "19:00", "Hall")  # 7 planned
    apply(book.meetings.update_meeting, meeting.id, venue="St Matthew's Hall")  # 8 the meeting changed
    apply(book.meetings.add_agenda_item, meeting.id, "Bin stores")  # 9 the agenda
    item = book.meetings.agenda(meeting.id)[-1]
    apply(book.meetings.update_agenda_item, item.id, presenter="Jean Armour")  # 10 an agenda item edited
    window.run_meeting(book.meetings.meeting(meeting.id))  # 11 the meeting started
    console = window.console
    qtbot.waitExposed(console)
    members = book.register.voting_members(book.meetings.meeting(meeting.id).date)
    for member in members[:4]:
        console.door.check_in(member)  # 12 check-ins
    console.door.apology(members[4])  # 13 an apology
    console.door.departure(members[3])  # 14 someone leaves
    console.run(commands.Guest(session, meeting.id, "Cllr Boyle", "Council"))  # 15 a guest
    console.go_to(item.id)
    console.run(commands.Propose(session, meeting.id, "That we ask for new bin stores.",
                                 proposer_id=members[0].id, seconder_id=members[1].id,
                                 agenda_item_id=item.id))  # 16 a motion
    motion = book.decisions.motions(meeting.id)[0]
    console.run(commands.Vote(session, motion.id, (3, 0, 0)))  # 17 its vote
    console.run(commands.AddAction(session, meeting.id, "Write to the landlord", owner_name="Jean Armour",
                                   due=TODAY + timedelta(days=28), agenda_item_id=item.id))  # 18 an action
    console.item_panel.notes.setPlainText("The bin stores are full every week.")
    console.item_panel.save_notes()  # 19 notes
    console.undo_stack.undo()  # 20 an undo
    console.closing._close_meeting()  # 21 the meeting closed

    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert errors == [], [r.getMessage() for r in errors]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert book.meetings.meeting(meeting.id).status == "closed"
    assert len(book.register.members()) == 7
    window.close()
    session.close()
