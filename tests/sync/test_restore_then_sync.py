"""After a backup is put back, the next changes get numbers head office has never seen (issue 18, F9)."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import text

from app.services import AssociationFile
from app.store import backups, inbox, marks
from app.sync import sync
from tests.server.live import FAST


def _backup_then_more_sent(chair):
    taken = chair.backup()
    upcoming = chair.meetings.meetings()[-1]
    chair.meetings.update_meeting(upcoming.id, venue="Wellhouse Library")
    chair.meetings.add_agenda_item(upcoming.id, "Community garden")
    assert sync(chair, policy=FAST).refused == []
    chair.close()
    return taken, upcoming


@pytest.mark.parametrize("how", ["restore", "restore-without-marks", "copied-by-hand"])
def test_changes_after_a_restore_are_accepted_by_head_office(chair, head_office, how):
    path = chair.path
    taken, upcoming = _backup_then_more_sent(chair)
    if how == "copied-by-hand":  # outside Quorum: only the marks kept beside the file know
        shutil.copyfile(taken, path)
    else:
        if how == "restore-without-marks":  # only the replaced file knows
            marks.mark_path(path).unlink()
        backups.restore(path, taken)
    with AssociationFile.open(path) as restored:
        assert upcoming.id in {m.id for m in restored.meetings.meetings()}
        restored.meetings.update_meeting(upcoming.id, venue="Community Flat")
        restored.meetings.add_agenda_item(upcoming.id, "Bins")
        report = sync(restored, policy=FAST)
        assert report.refused == [] and restored.head_office.sync_problems() == []
        assert report.sent >= 2
        assert restored.head_office.changes_waiting() == 0
        association_id = inbox.state(restored.store, "association_id")
    with head_office.engine.connect() as conn:
        venue = conn.execute(text("SELECT doc FROM records WHERE record_id = :id AND association_id = :a"),
                             {"id": upcoming.id, "a": association_id}).scalar_one()
    assert "Community Flat" in venue
