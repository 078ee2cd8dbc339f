"""Proxies at the door: only where the constitution allows, one per holder, and undoable."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from ui.console.window import ConsoleWindow
from ui.session import Session

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def console(qtbot, demo_path):
    book = AssociationFile.open(demo_path)
    meeting = book.meetings.plan_meeting("general", DEMO_DAY + timedelta(days=30), "19:00", "Hall")
    book.meetings.open_meeting(meeting.id, at="18:50", backup=False)
    window = ConsoleWindow(Session(book), meeting.id, today=DEMO_DAY)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    book.close()


def test_no_proxy_form_when_the_constitution_forbids_proxies(console):
    assert console.door.add_proxy() is None
    assert console.last_problem == "The constitution does not allow proxy votes."


def test_a_proxy_is_recorded_once_per_holder_and_can_be_undone(qtbot, console):
    book = console.book
    book.set_rules(replace(book.rules(), proxies_allowed=True, proxy_notice_days=0), date(2000, 1, 1))
    members = book.register.voting_members(console.meeting.date)
    console.door.check_in(members[0])
    dialog = console.door.add_proxy()
    dialog.giver.setCurrentIndex(dialog.giver.findData(members[5].id))
    dialog.holder.setCurrentIndex(dialog.holder.findData(members[0].id))
    dialog.accept()
    proxies = [a for a in book.door.attendance(console.meeting.id) if a.kind == "proxy"]
    assert [(a.member_id, a.proxy_holder_id) for a in proxies] == [(members[5].id, members[0].id)]
    again = console.door.add_proxy()
    again.giver.setCurrentIndex(again.giver.findData(members[6].id))
    again.holder.setCurrentIndex(again.holder.findData(members[0].id))
    again.accept()
    assert console.last_problem == f"{members[0].name} already holds a proxy."
    console.undo_stack.undo()
    assert not [a for a in book.door.attendance(console.meeting.id) if a.kind == "proxy"]


def test_a_member_who_is_here_cannot_give_a_proxy(console):
    book = console.book
    book.set_rules(replace(book.rules(), proxies_allowed=True, proxy_notice_days=0), date(2000, 1, 1))
    members = book.register.voting_members(console.meeting.date)
    for member in members[:2]:
        console.door.check_in(member)
    from app.errors import RuleError

    with pytest.raises(RuleError, match="is here, so votes in person"):
        book.door.record_proxy(console.meeting.id, members[1].id, members[0].id)
    with pytest.raises(RuleError, match="cannot hold their own proxy"):
        book.door.record_proxy(console.meeting.id, members[3].id, members[3].id)
