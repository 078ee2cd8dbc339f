"""A bundle damaged anywhere, one byte at a time: one plain sentence, exit 1, nothing written."""

from __future__ import annotations

from dataclasses import replace

import pytest

import main
from app.errors import BundleError
from app.model import Association
from app.server import admin
from app.services import AssociationFile
from app.store import inbox
from app.sync import enrol, export_bundle
from bench.register import five_thousand
from tests.server.live import FAST


@pytest.fixture
def small_bundle(head_office, tmp_path):
    """A laptop's bundle of a few changes, imported once already, so a damaged copy can only add harm."""
    _, code = head_office.new_association()
    with AssociationFile.create_in(tmp_path, Association("Flip Street Tenants' Association")) as book:
        book.register.add_members([replace(m, id="") for m in five_thousand(2)])
        enrol(book, head_office.url, code, FAST)
        export_bundle(book, tmp_path / "bundle.zip")
        device_id, association_id = book.store.device_id, inbox.state(book.store, "association_id")
    admin.import_bundle(head_office.engine, tmp_path / "bundle.zip", tmp_path / "receipt.json")
    return tmp_path / "bundle.zip", device_id, association_id


def test_every_single_byte_flip_is_refused_or_changes_nothing(head_office, small_bundle, tmp_path):
    path, device_id, association_id = small_bundle
    original = path.read_bytes()
    before = (head_office.count("applied_ops", device_id=device_id),
              head_office.count("records", association_id=association_id))
    sentences, harmless = set(), 0
    for at in range(len(original)):
        damaged = bytearray(original)
        damaged[at] ^= 0xFF
        (tmp_path / "damaged.zip").write_bytes(bytes(damaged))
        try:
            done = admin.import_bundle(head_office.engine, tmp_path / "damaged.zip", tmp_path / "r.json")
        except BundleError as error:
            sentences.add(str(error))
        else:  # a byte the zip does not check (a file time, say): the same changes, all known already
            assert done.count("duplicate") == len(done.results), at
            harmless += 1
    assert (head_office.count("applied_ops", device_id=device_id),
            head_office.count("records", association_id=association_id)) == before
    assert all(s.endswith(".") and "\n" not in s and len(s) < 200 for s in sentences)
    assert harmless < len(original) // 10


def test_the_command_says_one_sentence_and_exits_1(head_office, small_bundle, tmp_path, capsys):
    path, _, _ = small_bundle
    original = path.read_bytes()
    for at in range(0, len(original), max(1, len(original) // 25)):
        damaged = bytearray(original)
        damaged[at] ^= 0xFF
        (tmp_path / "damaged.zip").write_bytes(bytes(damaged))
        status = main.main(["server", "--database", head_office.database_url, "import-bundle",
                            str(tmp_path / "damaged.zip"), "--receipt", str(tmp_path / "r.json")])
        out, err = capsys.readouterr()
        if status != 0:
            assert status == 1 and out == "" and err.count("\n") == 1 and "unexpected" not in err, (at, err)
