"""Every document printed from the demo association, through the services and the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEMO_DAY

ROOT = Path(__file__).resolve().parents[2]


def _agm(demo):
    return next(m for m in demo.meetings.meetings() if m.kind == "annual general")


def test_agm_minutes_say_what_was_decided(demo, tmp_path, text):
    out = tmp_path / "agm.pdf"
    demo.documents.print_document("minutes", _agm(demo).id, out, today=DEMO_DAY)
    words = " ".join(text(out).split())
    assert "Minutes of the Annual General Meeting" in words
    assert "The meeting was quorate with 40 members present; 10 were required." in words
    agm = _agm(demo)
    approval = demo.store.find(type(demo.minutes.minutes(agm.id)), approved_at_meeting_id=agm.id)[0]
    assert {approval.proposer_id, approval.seconder_id} <= demo.door.present_ids(agm.id)  # both were there
    record = demo.minutes.printed_record(agm.id)  # namesakes are told apart by their flat
    movers = record.member_name(approval.proposer_id), record.member_name(approval.seconder_id)
    assert f"were approved as a true record. Proposed by {movers[0]}, seconded by {movers[1]}." in words
    assert "Carried by a two-thirds majority: 31 for, 9 against, 0 abstentions." in words or \
           "Carried by a two-thirds majority: 30 for, 9 against, 0 abstentions." in words
    assert "Ewan Brown was elected unopposed." in words
    assert "DRAFT" not in words  # approved at the next general meeting
    assert "Page 1 of" in words


def test_latest_minutes_are_draft_until_approved(demo, tmp_path, text):
    latest = demo.meetings.find_meeting("latest", today=DEMO_DAY)
    out = tmp_path / "latest.pdf"
    demo.documents.print_document("minutes", latest.id, out, today=DEMO_DAY)
    assert "DRAFT" in text(out)


def test_ballots_only_for_a_contested_election(demo, tmp_path, pages):
    out = tmp_path / "ballots.pdf"
    demo.documents.print_document("ballots", _agm(demo).id, out, today=DEMO_DAY, post="Committee members")
    assert "Vote for up to 8" in " ".join(pages(out))
    demo.documents.print_document("ballots", _agm(demo).id, out, today=DEMO_DAY)
    assert "Ballot slips: Vice-Chair" in " ".join(pages(out))


@pytest.mark.parametrize("document", ["minutes", "actions", "agenda", "signin"])
def test_print_from_the_command_line(demo_path, tmp_path, document, text):
    out = tmp_path / f"{document}.pdf"
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "print", document, "--file", str(demo_path), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.exists() and "Wellhouse and District" in text(out)


def test_ballots_for_a_meeting_without_an_election_is_one_sentence(demo_path, tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "print", "ballots", "--meeting", "latest", "--file", str(demo_path),
         "--out", str(tmp_path / "b.pdf")], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == "This meeting has no contested election, so there are no ballot slips to print."
    assert not (tmp_path / "b.pdf").exists()
