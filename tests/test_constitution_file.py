"""The constitution as adopted, kept in the association file: attached, described, replaced, removed.

A file that cannot be used is refused with a sentence a chair can act on, and leaves what was
attached before exactly as it was. The pack's own tests check what the landlord receives.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.errors import QuorumError
from app.services import AssociationFile
from app.services.constitution_file import LARGEST, SETTING, file_size, summary

DAY = date(2026, 11, 29)


def _pdf(path, pages: int = 2):
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    for number in range(pages):
        canvas.drawString(72, 720, f"CONSTITUTION PAGE {number + 1}")
        canvas.showPage()
    canvas.save()
    return path


def test_a_text_file_is_kept_with_the_day_it_was_attached(demo, tmp_path):
    source = tmp_path / "constitution.txt"
    source.write_text("1. Name\r\nWellhouse TRA.\r\n", encoding="utf-8")
    changes = demo.documents.attach_constitution(source, DAY)
    assert changes.touches("constitution")
    kept = demo.documents.constitution_document()
    assert (kept.name, kept.text, kept.kind, kept.attached, kept.size) == (
        "constitution.txt", "1. Name\nWellhouse TRA.\n", "text", DAY, 23)
    assert summary(kept) == ("constitution.txt: a text file, 23 bytes, attached on 29 November 2026. It is printed "
                             "in each yearly pack for the landlord.")


def test_a_pdf_is_kept_with_its_pages_counted(demo, tmp_path):
    demo.documents.attach_constitution(_pdf(tmp_path / "adopted.pdf", 3), DAY)
    kept = demo.documents.constitution_document()
    assert (kept.kind, kept.pages, kept.text) == ("PDF", 3, "")
    assert summary(kept).startswith("adopted.pdf: a PDF of 3 pages, ")
    assert "added at the end of each yearly pack" in summary(kept)


def test_replacing_and_removing(demo, tmp_path):
    demo.documents.attach_constitution(_pdf(tmp_path / "old.pdf"), DAY)
    newer = tmp_path / "new.txt"
    newer.write_text("Adopted at the AGM of 2026.", encoding="utf-8")
    demo.documents.attach_constitution(newer, DAY)
    assert demo.documents.constitution_document().name == "new.txt"
    assert demo.documents.remove_constitution().touches("constitution")
    assert demo.documents.constitution_document() is None
    assert summary(None).startswith("No constitution is attached.")


@pytest.mark.parametrize("name, content, says", [
    ("empty.txt", b"  \n", "empty.txt is empty."),
    ("rules.docx", b"PK\x03\x04 a Word file", "please save the constitution as a PDF (in Word: File, Save As, PDF)"),
    ("photo.jpg", b"\xff\xd8\xff\xe0 a photograph", "neither a PDF nor plain text"),
    ("broken.pdf", b"%PDF-1.7\n not really a PDF at all", "not a PDF Quorum can read"),
    ("named.pdf", b"hello", "not a PDF Quorum can read"),
])
def test_a_file_that_cannot_be_used_leaves_the_last_one_in_place(demo, tmp_path, name, content, says):
    demo.documents.attach_constitution(_pdf(tmp_path / "adopted.pdf"), DAY)
    before = demo.store.setting(SETTING)
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(QuorumError) as refused:
        demo.documents.attach_constitution(source, DAY)
    assert says in str(refused.value)
    assert demo.store.setting(SETTING) == before


def test_too_big_and_missing_files_are_refused(demo, tmp_path):
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * LARGEST)
    with pytest.raises(QuorumError, match="scan.pdf is larger than 20 MB"):
        demo.documents.attach_constitution(big, DAY)
    with pytest.raises(QuorumError, match="Quorum could not read gone.txt"):
        demo.documents.attach_constitution(tmp_path / "gone.txt", DAY)
    assert demo.documents.constitution_document() is None


def test_one_attached_before_the_date_was_kept_still_reads(demo):
    demo.store.set_setting(SETTING, json.dumps({"name": "old.txt", "text": "Rules.", "pdf": ""}))
    kept = demo.documents.constitution_document()
    assert (kept.name, kept.attached, kept.pages) == ("old.txt", None, 0)
    assert summary(kept) == "old.txt: a text file, 6 bytes. It is printed in each yearly pack for the landlord."


@pytest.mark.parametrize("size, words", [(850, "850 bytes"), (12_300, "12 KB"), (1_468_006, "1.4 MB")])
def test_file_sizes_in_words(size, words):
    assert file_size(size) == words


def test_the_sign_in_address_choice_is_the_associations(demo_path):
    with AssociationFile.open(demo_path) as book:
        assert book.documents.signin_address() == ""
        assert book.documents.choose_signin_address("street").touches("signin_address")
        with pytest.raises(QuorumError, match="not “postcode”"):
            book.documents.choose_signin_address("postcode")
    with AssociationFile.open(demo_path) as book:
        assert book.documents.signin_address() == "street"
