"""Planning a meeting: the notice warning, and the standard agenda saved with it."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QPushButton, QWidget

from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from ui.agenda_editor import AgendaEditor
from ui.meeting_dialog import PlanMeetingDialog, plan_meeting
from ui.session import Session


@pytest.fixture
def session(demo_path):
    opened = Session(AssociationFile.open(demo_path))
    yield opened
    opened.close()


def _set(dialog: PlanMeetingDialog, kind: str, day: date) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.date.setDate(QDate(day.year, day.month, day.day))


def _plain(text: str) -> str:
    return re.sub("<[^>]+>", "", text)


def test_an_agm_five_days_away_is_warned_about(qtbot, session):
    dialog = PlanMeetingDialog(session, today=DEMO_DAY)
    qtbot.addWidget(dialog)
    _set(dialog, "annual general", DEMO_DAY + timedelta(days=5))
    assert _plain(dialog.notice.text()) == (
        "⚠ Not enough notice. The constitution needs 14 days' notice for this meeting, but it is only 5 days "
        "away. Choose a later date, or make sure the constitution allows it.")
    _set(dialog, "committee", DEMO_DAY + timedelta(days=5))
    assert dialog.notice.text() == "The constitution sets no notice period for this kind of meeting."
    _set(dialog, "annual general", DEMO_DAY + timedelta(days=20))
    assert dialog.notice.text() == ("The constitution needs 14 days' notice: send the notice to members by "
                                    "Tuesday 1 December 2026.")


def test_planning_saves_the_standard_agenda_and_opens_it(qtbot, session):
    window = QWidget()
    qtbot.addWidget(window)
    dialog = plan_meeting(session, DEMO_DAY, window)
    assert dialog.venue.text() == next(m.venue for m in reversed(session.book.meetings.meetings()))
    _set(dialog, "annual general", date(2027, 5, 18))
    dialog.time.setTime(dialog.time.time().fromString("18:30", "HH:mm"))
    dialog.plan_button.click()
    planned = session.book.meetings.meeting(dialog.meeting.id)
    assert (planned.kind, planned.date, planned.time, planned.status) == ("annual general", date(2027, 5, 18),
                                                                          "18:30", "draft")
    titles = [item.title for item in session.book.meetings.agenda(planned.id)]
    assert titles[:3] == ["Welcome and apologies", "Minutes of the last meeting", "Matters arising"]
    assert "Election of office bearers" in titles and titles[-1] == "Date of next meeting"
    editor = window.findChild(AgendaEditor)
    assert editor is not None and editor.meeting_id == planned.id and editor.isVisible()
    assert editor.model.rowCount() == len(titles)


def test_cancel_plans_nothing(qtbot, session):
    before = len(session.book.meetings.meetings())
    dialog = PlanMeetingDialog(session, today=DEMO_DAY)
    qtbot.addWidget(dialog)
    dialog.reject()
    assert len(session.book.meetings.meetings()) == before and dialog.meeting is None


def test_the_meetings_tab_has_plan_and_edit_agenda(qtbot, session):
    from ui.meetings_page import MeetingsPage

    page = MeetingsPage(session, DEMO_DAY)
    qtbot.addWidget(page)
    buttons = {b.accessibleName(): b for b in page.findChildren(QPushButton)}
    buttons["Plan a meeting…"].click()
    assert page.findChild(PlanMeetingDialog).isVisible()
    page.findChild(PlanMeetingDialog).reject()
    page.table.selectRow(0)  # the planned meeting comes first
    buttons["Edit agenda…"].click()
    editor = page.findChild(AgendaEditor)
    assert editor.meeting_id == page.chosen().id and editor.model.rowCount() == 9
