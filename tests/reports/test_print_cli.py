"""`print pack --year` and `print minutes --docx` from the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx

from app.services import AssociationFile

ROOT = Path(__file__).resolve().parents[2]


def quorum(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_print_the_yearly_pack(demo_path, tmp_path, text):
    out = tmp_path / "pack.pdf"
    result = quorum("print", "pack", "--year", "2026", "--file", str(demo_path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Saved the yearly pack for the landlord for 2026 to {out}."
    words = text(out)
    assert "Yearly pack for the landlord: 2026" in words
    assert "No treasurer's statement for 2026 has been entered in Quorum." in words
    assert "Minutes of the Annual General Meeting" in words


def test_the_pack_needs_a_year(demo_path, tmp_path):
    result = quorum("print", "pack", "--file", str(demo_path), "--out", str(tmp_path / "pack.pdf"))
    assert result.returncode == 1
    assert result.stderr.strip() == "Say which year the pack is for, like --year 2026."


def test_draft_minutes_as_word(demo_path, tmp_path):
    out = tmp_path / "minutes.docx"
    result = quorum("print", "minutes", "--docx", "--file", str(demo_path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "Minutes of the General Meeting" in text
    assert "Not carried: 5 for, 12 against, 3 abstentions." in text


def test_approved_minutes_are_not_offered_as_word(demo_path, tmp_path):
    planned = tmp_path / "next.docx"
    listed = quorum("print", "minutes", "--docx", "--meeting", "next", "--file", str(demo_path), "--out", str(planned))
    assert listed.returncode == 1  # a meeting never held has no minutes at all, and says so
    assert "has not been held yet, so it has no minutes" in listed.stderr
    assert not planned.exists()
    pdf = tmp_path / "next.pdf"
    listed = quorum("print", "minutes", "--meeting", "next", "--file", str(demo_path), "--out", str(pdf))
    assert listed.returncode == 1 and "has not been held yet" in listed.stderr and not pdf.exists()
    with AssociationFile.open(demo_path) as book:
        agm = next(m.id for m in book.meetings.meetings() if m.kind == "annual general")
    out = tmp_path / "agm.docx"
    result = quorum("print", "minutes", "--docx", "--meeting", agm, "--file", str(demo_path), "--out", str(out))
    assert result.returncode == 1
    assert "only the locked PDF is offered" in result.stderr
    assert not out.exists()


def test_only_minutes_come_as_word(demo_path, tmp_path):
    result = quorum("print", "agenda", "--docx", "--file", str(demo_path), "--out", str(tmp_path / "a.docx"))
    assert result.returncode == 1
    assert result.stderr.strip() == "Only the minutes can be saved as an editable Word file (--docx)."


def test_attach_the_constitution_then_print_the_pack(demo_path, tmp_path, text):
    source = tmp_path / "constitution.txt"
    source.write_text("The association shall be called Wellhouse and District TRA.", encoding="utf-8")
    result = quorum("attach-constitution", str(source), "--file", str(demo_path))
    assert result.returncode == 0, result.stderr
    assert "Kept the constitution from constitution.txt" in result.stdout
    out = tmp_path / "pack.pdf"
    assert quorum("print", "pack", "--year", "2026", "--file", str(demo_path), "--out", str(out)).returncode == 0
    assert "The association shall be called Wellhouse and District TRA." in text(out)
    missing = quorum("attach-constitution", str(tmp_path / "gone.pdf"), "--file", str(demo_path))
    assert missing.returncode == 1 and missing.stderr.strip().startswith("Quorum could not read gone.pdf")


def test_actions_follow_the_meeting_asked_for(demo_path, tmp_path, text):
    with AssociationFile.open(demo_path) as book:
        held = [m for m in book.meetings.meetings() if m.held]
    outputs = []
    for meeting in held[-2:]:
        out = tmp_path / f"{meeting.id}.pdf"
        result = quorum("print", "actions", "--meeting", meeting.id, "--file", str(demo_path), "--out", str(out))
        assert result.returncode == 0, result.stderr
        outputs.append(text(out))
        assert f"Action list: {meeting.heading}" in outputs[-1]
    assert outputs[0] != outputs[1]


def test_a_sign_in_sheet_with_streets_when_the_chair_asks(demo_path, tmp_path, text):
    out = tmp_path / "signin.pdf"
    result = quorum("print", "signin", "--address", "street", "--file", str(demo_path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Vote Name Street Signature" in text(out)
