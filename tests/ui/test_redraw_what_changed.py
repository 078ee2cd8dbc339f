"""The front door says what changed, and the windows redraw only that: a check-in at the door redraws
the attendance and the quorum, and leaves the register (the Members tab) alone."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from tests.ui.test_console import type_and_enter, voters
from ui.console.window import ConsoleWindow
from ui.main_window import MainWindow
from ui.session import Session


@pytest.fixture
def night(qtbot, demo_path):
    """The main window on the Members tab, and the console of an open AGM, sharing one session."""
    book = AssociationFile.open(demo_path)
    agm = book.meetings.plan_meeting("annual general", DEMO_DAY + timedelta(days=21), "19:00", "Community centre")
    book.meetings.open_meeting(agm.id, at="18:40")
    session = Session(book)
    main = MainWindow(session, today=DEMO_DAY)
    main.tabs.setCurrentWidget(main.members_page)
    console = ConsoleWindow(session, agm.id, today=DEMO_DAY)
    for window in (main, console):
        qtbot.addWidget(window)
        window.show()
    qtbot.waitExposed(console)
    console.activateWindow()
    yield main, console
    console.close()
    main.close()
    book.close()


def test_a_check_in_redraws_the_door_not_the_register(qtbot, night):
    main, console = night
    reloads = []
    main.members_page.model.modelReset.connect(lambda: reloads.append("register"))
    member = voters(console)[0]
    before = console.book.door.quorum(console.meeting.id).present
    type_and_enter(qtbot, console, f"{member.name} {member.postcode}")
    assert member.id in console.book.door.present_ids(console.meeting.id)
    after = console.book.door.quorum(console.meeting.id)
    assert after.present == before + 1 and console.quorum.text().endswith(after.sentence)
    assert console.checkin.attendance_model.rowCount() == len(console.book.door.attendance(console.meeting.id))
    assert reloads == []

    changes = console.session.apply(console.book.register.update_member, member.id, phone="0141 496 0000")
    assert changes.touches("member")
    assert reloads == ["register"]  # an edit to a member does redraw the register
