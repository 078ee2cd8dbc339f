"""The log says what happened and where, never who: no member's name, address or phone."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from app import journal
from app.errors import RuleError
from tests.kill_harness import ROOT


def test_a_scripted_meeting_logs_ids_and_never_names(tmp_path):
    from app.model import Association
    from app.services import AssociationFile

    path = tmp_path / "log.quorum"
    with AssociationFile.create(path, Association("Log Test TRA")):
        pass
    script = (
        "import sys; from pathlib import Path; from app import journal; "
        "journal.start(Path(sys.argv[1]).parent); "
        "from tests.meeting_writer import write_meeting; write_meeting(Path(sys.argv[1]), 30); "
        "from app.services import AssociationFile; from app.errors import QuorumError\n"
        "book = AssociationFile.open(Path(sys.argv[1])); meeting = book.meetings.meetings()[0]\n"
        "try:\n    book.door.check_in(meeting.id, book.register.members()[0].id)\n"
        "except QuorumError as error:\n    journal.refused(error)\n"
        "try:\n    raise ValueError('Walk3 In3 of 3/1, 5 Kelvin Way')\n"
        "except ValueError as error:\n    journal.unexpected(error)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    text = (tmp_path / "quorum.log").read_text(encoding="utf-8")
    assert "create member" in text and "append attendance" in text
    assert "refused: RuleError" in text
    assert "ValueError at <string>:" in text
    for personal in ("Walk", "Kelvin Way", "3/1", "In3"):
        assert personal not in text


def test_exception_messages_never_reach_the_log(tmp_path):
    journal.start(tmp_path)
    try:
        raise RuleError("Siobhán MacLeod is already checked in.")
    except RuleError as error:
        journal.unexpected(error)
    for handler in journal.log.handlers:
        handler.flush()
    text = (tmp_path / journal.LOG_NAME).read_text(encoding="utf-8")
    assert "RuleError at test_journal.py:" in text
    assert "Siobhán" not in text and "MacLeod" not in text


def test_unwritable_log_folder_is_not_fatal(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert journal.start(blocker / "inside") is None
    logging.getLogger("quorum").info("still fine")
