"""The offline bundle: a USB stick instead of wifi, through the same apply path, idempotent."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
from sqlalchemy import select

from app.errors import BundleError
from app.server import admin
from app.server.db import associations, records
from app.services import AssociationFile
from app.store import inbox
from app.sync import enrol, export_bundle, import_receipt, sync
from tests.server.live import FAST


@pytest.fixture
def offline(head_office, demo_path):
    """The demo laptop, enrolled but never online since."""
    _, code = head_office.new_association()
    with AssociationFile.open(demo_path) as book:
        enrol(book, head_office.url, code, FAST)
        yield book


def _head_office_state(head_office, association_id):
    with head_office.engine.connect() as conn:
        last_seq = conn.execute(select(associations.c.last_seq).where(associations.c.id == association_id)).scalar()
        rows = conn.execute(select(records).where(records.c.association_id == association_id)
                            .order_by(records.c.entity, records.c.record_id)).all()
    return last_seq, [tuple(r) for r in rows]


def test_bundle_imported_twice_changes_nothing_the_second_time(head_office, offline, tmp_path):
    waiting = offline.head_office.changes_waiting()
    manifest = export_bundle(offline, tmp_path / "for-head-office.zip")
    assert manifest["ops"] == waiting
    with zipfile.ZipFile(tmp_path / "for-head-office.zip") as archive:
        assert sorted(archive.namelist()) == ["manifest.json", "ops.jsonl"]
    first = admin.import_bundle(head_office.engine, tmp_path / "for-head-office.zip")
    assert first.count("ok") == waiting
    association_id = inbox.state(offline.store, "association_id")
    after_first = _head_office_state(head_office, association_id)

    second = admin.import_bundle(head_office.engine, tmp_path / "for-head-office.zip", tmp_path / "receipt.json")
    assert second.count("duplicate") == waiting
    assert _head_office_state(head_office, association_id) == after_first
    assert head_office.count("applied_ops", device_id=offline.store.device_id) == waiting

    report = import_receipt(offline, second.receipt)
    assert (report.duplicates, report.waiting) == (waiting, 0)
    assert offline.head_office.changes_waiting() == 0
    assert sync(offline, policy=FAST).sent == 0  # the receipt already marked them sent


def test_an_altered_bundle_is_refused(head_office, offline, tmp_path):
    export_bundle(offline, tmp_path / "bundle.zip")
    with zipfile.ZipFile(tmp_path / "bundle.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        lines = archive.read("ops.jsonl").decode().splitlines()
    tampered = lines[0].replace('"create"', '"tombstone"')

    def write(name: str, manifest_: dict, body: str) -> None:
        with zipfile.ZipFile(tmp_path / name, "w") as archive:
            archive.writestr("manifest.json", json.dumps(manifest_))
            archive.writestr("ops.jsonl", body)

    write("body.zip", manifest, "\n".join([tampered, *lines[1:]]) + "\n")
    with pytest.raises(BundleError, match="damaged"):
        admin.import_bundle(head_office.engine, tmp_path / "body.zip")
    body = "\n".join([tampered, *lines[1:]]) + "\n"
    write("both.zip", {**manifest, "sha256": hashlib.sha256(body.encode()).hexdigest()}, body)
    with pytest.raises(BundleError, match="altered"):
        admin.import_bundle(head_office.engine, tmp_path / "both.zip")
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    with pytest.raises(BundleError, match="not a Quorum bundle"):
        admin.import_bundle(head_office.engine, tmp_path / "junk.zip")
    assert head_office.count("applied_ops", device_id=offline.store.device_id) == 0


def test_a_receipt_is_only_taken_from_head_office_for_this_laptop(head_office, offline, tmp_path):
    export_bundle(offline, tmp_path / "bundle.zip")
    done = admin.import_bundle(head_office.engine, tmp_path / "bundle.zip")
    receipt = json.loads(done.receipt.read_text())
    receipt["results"] = [{**r, "status": "ok"} for r in receipt["results"]] + [{"op_id": "x:1", "status": "ok"}]
    (tmp_path / "forged.json").write_text(json.dumps(receipt))
    with pytest.raises(BundleError, match="altered"):
        import_receipt(offline, tmp_path / "forged.json")
    (tmp_path / "other.json").write_text(json.dumps({**receipt, "device_id": "someone-else"}))
    with pytest.raises(BundleError, match="another laptop"):
        import_receipt(offline, tmp_path / "other.json")
    assert offline.head_office.changes_waiting() > 0


def test_nothing_to_export(head_office, offline, tmp_path):
    sync(offline, policy=FAST)
    with pytest.raises(BundleError, match="nothing to export"):
        export_bundle(offline, tmp_path / "empty.zip")
