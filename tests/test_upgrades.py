"""Every past schema version opens in this Quorum: backed up, upgraded, nothing lost, minutes intact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.services import AssociationFile
from app.store import SCHEMA_VERSION, inspect

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("schema-v*.quorum"))


def test_there_is_a_fixture_for_every_past_version():
    versions = {int(p.stem.removeprefix("schema-v")) for p in FIXTURES}
    assert set(range(1, SCHEMA_VERSION)) <= versions


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_an_old_file_upgrades_with_its_data(fixture, tmp_path):
    path = tmp_path / "association.quorum"
    shutil.copy(fixture, path)
    with AssociationFile.open(path) as book:
        assert book.store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {m.name for m in book.register.members()} == {"Siobhán MacLeod", "Seán Ó Dónaill", "Zoë Docherty"}
        meeting = book.meetings.meetings()[0]
        assert len(book.door.present_ids(meeting.id)) == 3
        assert book.decisions.motions(meeting.id)[0].result_text == "Carried: 3 for, 0 against, 0 abstentions."
        assert book.actions.actions(meeting.id)[0].owner_name == "Seán Ó Dónaill"
        assert book.meetings.meeting(meeting.id).minutes_status == "approved"
        assert book.minutes.altered_minutes() == []
        book.register.add_member(book.register.members()[0].__class__("New", "Member"))  # and it takes new edits
    version = int(fixture.stem.removeprefix("schema-v"))
    backups = list((tmp_path / "backups").glob(f"association-*-before-upgrade-v{version}.quorum"))
    assert len(backups) == (1 if version < SCHEMA_VERSION else 0)
    if backups:
        assert inspect(backups[0]).schema_version == version
