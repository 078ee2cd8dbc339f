"""The history of changes reads as plain sentences, with the laptop's name."""

from __future__ import annotations

from datetime import date


def test_history_tells_who_did_what(book, members):
    book.history.set_device_name("Chair's laptop")
    meeting = book.meetings.plan_meeting("general", date(2026, 12, 8), "19:00", "Hall")
    book.meetings.open_meeting(meeting.id, backup=False, at="18:50")
    for member in members[:5]:
        book.door.check_in(meeting.id, member.id, at="18:55")
    motion = book.decisions.propose_motion(meeting.id, "That we hold a gala day.", members[0].id, members[1].id)
    book.decisions.record_vote(motion.id, 4, 1)
    book.actions.add_action(meeting.id, "Book the hall", owner_member_id=members[2].id)
    book.register.update_member(members[3].id, phone="0141 555 0101")
    entries = book.history.history()
    words = [e.what for e in entries]
    assert words[0] == "changed First3 Surname03's phone"
    assert "added action “Book the hall”" in words
    assert "recorded a vote: Carried: 4 for, 1 against, 0 abstentions." in words
    assert "put a motion: “That we hold a gala day.”" in words
    assert "checked in First0 Surname00" in words
    assert "opened the General Meeting of 8 December 2026" in words
    assert "planned the General Meeting of 8 December 2026" in words
    assert {e.device for e in entries} == {"Chair's laptop"}
    assert entries == sorted(entries, key=lambda e: e.when, reverse=True)
