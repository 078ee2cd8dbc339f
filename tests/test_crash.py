"""Kill the writing process at random moments: every edit it reported done must survive."""

from __future__ import annotations

import random

import pytest

from tests.kill_harness import cycle, main


@pytest.mark.slow
def test_edits_reported_done_survive_sigkill(tmp_path):
    rng = random.Random(20261125)
    for number in range(50):
        reported, lost = cycle(tmp_path, number, rng)
        assert reported > 0, "the child reported nothing; give it longer to start"
        assert lost == []


def test_the_harness_reports_in_one_line(capsys):
    assert main(2) == 0
    assert capsys.readouterr().out.startswith("2 cycles, 0 edits lost")


def test_the_harness_notices_a_lost_edit(tmp_path):
    """The check must be able to fail: delete one reported edit behind its back."""
    import sqlite3

    from app import model
    from app.services import AssociationFile
    from tests.kill_harness import kill_during_meeting, lost_edits

    path = tmp_path / "one.quorum"
    with AssociationFile.create(path, model.Association("Kill Test TRA")):
        pass
    reported = kill_during_meeting(path, 0.6)
    action_id = next(record_id for kind, record_id in reported if kind == "action")
    raw = sqlite3.connect(path)
    raw.execute("DELETE FROM actions WHERE id = ?", (action_id,))
    raw.commit()
    raw.close()
    assert lost_edits(path, reported) == [f"action {action_id}"]
