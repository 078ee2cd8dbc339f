"""The meetings and members tables keep their column widths, so opening the window measures no rows.

Measured from the rows once, or set by the chair, kept in QSettings with the text size they were
made at; a saved arrangement that is damaged, another table's, or made at another text size is not used.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QSettings

from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from ui import appearance
from ui.meetings_page import MeetingsPage
from ui.members_page import MembersPage
from ui.session import Session

MEETING = 1  # the meeting's name: "Annual General Meeting"


@pytest.fixture
def session(demo_path):
    opened = Session(AssociationFile.open(demo_path))
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def system_text():
    appearance.reset_to_system()
    yield
    appearance.reset_to_system()


def _meetings(qtbot, session) -> MeetingsPage:
    page = MeetingsPage(session, DEMO_DAY)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    return page


def _widths(page) -> list[int]:
    header = page.table.horizontalHeader()
    return [header.sectionSize(c) for c in range(header.count())]


def test_meeting_columns_are_measured_once_then_kept_for_the_next_start(qtbot, session):
    first = _meetings(qtbot, session)
    measured = first.table.horizontalHeader().sectionSize(MEETING)
    assert measured >= first.table.sizeHintForColumn(MEETING)  # "Annual General Meeting" fits
    assert QSettings().value("columns/meetings") is not None
    first.table.horizontalHeader().resizeSection(MEETING, measured + 60)  # the chair widens it
    again = _meetings(qtbot, session)  # the next start
    assert again.table.horizontalHeader().sectionSize(MEETING) == measured + 60
    assert _widths(again)[:3] == _widths(first)[:3]


def test_members_columns_are_kept_too(qtbot, session):
    first = MembersPage(session)
    qtbot.addWidget(first)
    first.show()
    first.table.horizontalHeader().resizeSection(0, 300)
    again = MembersPage(session)
    qtbot.addWidget(again)
    again.show()
    assert again.table.horizontalHeader().sectionSize(0) == 300


@pytest.mark.parametrize("saved", [b"not a header at all", "rubbish", 42, QByteArray()])
def test_damaged_saved_columns_are_ignored_and_measured_afresh(qtbot, session, saved):
    fresh = _widths(_meetings(qtbot, session))
    QSettings().setValue("columns/meetings", saved)
    page = _meetings(qtbot, session)
    assert _widths(page) == fresh


def test_another_tables_arrangement_is_not_used(qtbot, session):
    fresh = _widths(_meetings(qtbot, session))
    members = MembersPage(session)  # seven columns: like a version of Quorum with a column more or less
    qtbot.addWidget(members)
    members.table.horizontalHeader().resizeSection(0, 300)
    for key in ("columns/members", "columns/members_made_for"):
        QSettings().setValue(key.replace("members", "meetings"), QSettings().value(key))
    page = _meetings(qtbot, session)
    assert page.table.horizontalHeader().count() == 6
    assert _widths(page)[:3] == fresh[:3]


def test_widths_saved_at_another_text_size_are_measured_again(qtbot, session):
    first = _meetings(qtbot, session)
    measured = first.table.horizontalHeader().sectionSize(MEETING)
    first.table.horizontalHeader().resizeSection(MEETING, measured + 60)
    QSettings().setValue(appearance.SIZE_KEY, 150)  # the chair chose larger text since
    appearance.apply_text_size(150)
    page = _meetings(qtbot, session)
    width = page.table.horizontalHeader().sectionSize(MEETING)
    assert width != measured + 60 and width >= page.table.sizeHintForColumn(MEETING)


def test_larger_text_widens_the_columns_at_once(qtbot, session):
    page = _meetings(qtbot, session)
    before = page.table.horizontalHeader().sectionSize(0)
    appearance.set_text_size(150)
    qtbot.waitUntil(lambda: page.table.horizontalHeader().sectionSize(0) > before)  # the font reaches it first
    assert page.table.horizontalHeader().sectionSize(0) >= page.table.sizeHintForColumn(0)
