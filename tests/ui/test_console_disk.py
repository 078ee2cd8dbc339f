"""When the disk fills up mid-meeting the console says so plainly and turns read-only."""

from __future__ import annotations

from datetime import timedelta

from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from ui.console.window import ConsoleWindow
from ui.session import Session


def test_full_disk_turns_the_console_read_only(qtbot, demo_path):
    book = AssociationFile.open(demo_path)
    meeting = book.meetings.meeting(book.meetings.plan_meeting("general", DEMO_DAY + timedelta(days=30), "19:00",
                                                               "Hall").id)
    book.meetings.open_meeting(meeting.id, at="18:50", backup=False)
    window = ConsoleWindow(Session(book), meeting.id, today=DEMO_DAY)
    qtbot.addWidget(window)
    window.show()
    members = book.register.voting_members(meeting.date)
    window.door.check_in(members[0])
    book.store.conn.execute("PRAGMA query_only = 1")  # as on a read-only USB stick
    window.door.check_in(members[1])
    assert window.read_only
    assert "Quorum cannot save any more." in window.banner.text()
    assert window.banner.isVisible()
    assert not window.checkin.isEnabled() and not window.item_panel.isEnabled()
    book.store.conn.execute("PRAGMA query_only = 0")
    assert book.door.present_ids(meeting.id) == {members[0].id}  # the first check-in stayed saved
    window.close()
    book.close()
