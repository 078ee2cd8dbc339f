"""Saving never leaves half a PDF: a file is written whole or not at all."""

from __future__ import annotations

import pytest

from app.errors import DiskError
from app.reports import minutes_pdf, signin_pdf
from app.reports import page as page_module


def test_saves_whole_file_and_no_temporary_left(general_meeting, tmp_path):
    path = tmp_path / "minutes.pdf"
    minutes_pdf(general_meeting, str(path))
    assert path.read_bytes().startswith(b"%PDF")
    assert path.read_bytes().rstrip().endswith(b"%%EOF")
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.pdf"]


def test_a_failure_leaves_the_old_file_untouched(general_meeting, tmp_path, monkeypatch):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(b"the approved minutes")

    def broken(*args, **kwargs):
        raise RuntimeError("printer caught fire")

    monkeypatch.setattr(page_module, "_build", broken)
    with pytest.raises(RuntimeError):
        minutes_pdf(general_meeting, path)
    assert path.read_bytes() == b"the approved minutes"
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.pdf"]


def test_a_missing_folder_is_a_plain_error(general_meeting, tmp_path):
    with pytest.raises(DiskError, match="cannot write to the folder"):
        signin_pdf(
            general_meeting.association, general_meeting.meeting, [], tmp_path / "nowhere" / "signin.pdf"
        )
