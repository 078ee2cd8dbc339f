"""An edit is reported saved only while the path still names the file written; then save elsewhere."""

from __future__ import annotations

import os
import shutil

import pytest

from app.errors import FileGoneError, ReadOnlyError
from app.model import Association, Member
from app.services import AssociationFile
from app.store import inspect


def test_a_deleted_file_stops_edits_and_everything_can_be_saved_elsewhere(book, members, tmp_path):
    book.register.add_member(Member("Saved", "Before"))
    os.unlink(book.path)  # a sync tool, or the chair in the file manager
    with pytest.raises(FileGoneError, match="no longer where Quorum opened it"):
        book.register.add_member(Member("Never", "Acknowledged"))
    with pytest.raises(ReadOnlyError):  # and stays read-only
        book.register.add_member(Member("Still", "Refused"))
    copy = book.save_copy(tmp_path / "rescued" / "test.quorum")
    assert inspect(copy).members == 21
    with AssociationFile.open(copy) as rescued:
        assert "Saved Before" in {m.name for m in rescued.register.members()}


def test_a_file_moved_away_or_replaced_is_noticed(book, tmp_path):
    shutil.move(book.path, tmp_path / "moved.quorum")
    with pytest.raises(FileGoneError):
        book.register.add_member(Member("Moved", "Away"))


def test_a_file_replaced_by_another_is_noticed(demo_path, tmp_path):
    with AssociationFile.open(demo_path) as book:
        other = tmp_path / "other.quorum"
        shutil.copy2(demo_path, other)
        os.replace(other, demo_path)  # a restore done behind Quorum's back
        with pytest.raises(FileGoneError):
            book.register.add_member(Member("Into", "Nowhere"))


def test_a_removed_memory_stick_is_noticed(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    with AssociationFile.create(stick / "tra.door.quorum", Association("Stick TRA")) as book:
        shutil.rmtree(stick)
        with pytest.raises(FileGoneError):
            book.register.add_member(Member("Pulled", "Out"))
