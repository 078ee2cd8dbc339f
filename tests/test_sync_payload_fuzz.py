"""Hypothesis against what reads sync payloads: head office's check of each change, bundles and receipts.

Whatever arrives, the answer is a plain refusal or an acceptance, never a crash. Bounded and
seeded, so CI stays deterministic.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import BundleError
from app.server.checks import SHAPES, problem
from app.server.protocol import Op
from app.wire.bundle import BUNDLE_FORMAT, FORMAT_VERSION, RECEIPT_FORMAT, read_bundle, read_receipt

BOUNDED = settings(max_examples=150, derandomize=True, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
values = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=40)
field_names = st.sampled_from(sorted({name for shape in SHAPES.values() for name in shape.types})) | st.text(max_size=12)
entities = st.sampled_from(sorted(SHAPES)) | st.text(min_size=1, max_size=12)
stamps = st.just("0001764070000123-0000-laptop") | st.text(min_size=1, max_size=30)


@BOUNDED
@given(entity=entities, kind=st.sampled_from(["create", "append", "patch", "tombstone"]),
       payload=st.dictionaries(field_names, values, max_size=12), hlc=stamps)
def test_checking_a_change_never_crashes(entity, kind, payload, hlc):
    op = Op(op_id="laptop-1:7", entity=entity, record_id="r1", kind=kind, payload=payload, hlc=hlc,
            schema_version=1)
    found = problem(op)
    assert found is None or (isinstance(found[0], str) and found[1].endswith("."))


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


ops_lines = st.lists(st.dictionaries(st.text(max_size=8), values, max_size=4) | values, max_size=5).map(
    lambda ops: "\n".join(json.dumps(op) for op in ops).encode())


@st.composite
def bundles(draw) -> bytes:
    """Random bytes, random zips, and zips that look nearly right."""
    choice = draw(st.integers(0, 2))
    if choice == 0:
        return draw(st.binary(max_size=400))
    lines = draw(ops_lines | st.binary(max_size=60))
    manifest = {"format": draw(st.sampled_from([BUNDLE_FORMAT, "other"])),
                "version": draw(st.sampled_from([FORMAT_VERSION, 99])),
                "sha256": draw(st.sampled_from([hashlib.sha256(lines).hexdigest(), "0" * 64])),
                "ops": draw(st.integers(0, 6))}
    names = ["manifest.json", "ops.jsonl"] if choice == 1 else draw(st.lists(st.text(min_size=1, max_size=8),
                                                                             max_size=3))
    return _zip({name: (json.dumps(manifest).encode() if name == "manifest.json" else lines) for name in names})


@BOUNDED
@given(data=bundles())
def test_reading_any_bundle_gives_its_changes_or_one_plain_sentence(tmp_path, data):
    path = tmp_path / "any.quorum-bundle"
    path.write_bytes(data)
    try:
        manifest, ops = read_bundle(path)
    except BundleError as error:
        assert str(error).endswith(".") and "\n" not in str(error)
        return
    assert manifest["format"] == BUNDLE_FORMAT and all(isinstance(op, dict) for op in ops)


receipts = st.recursive(values, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8),
                                                                                               inner, max_size=4))


@BOUNDED
@given(body=st.fixed_dictionaries({"format": st.sampled_from([RECEIPT_FORMAT, "x"]), "results": receipts,
                                   "records": receipts}) | receipts)
def test_reading_any_receipt_gives_it_or_one_plain_sentence(tmp_path, body):
    path = tmp_path / "receipt.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    try:
        receipt = read_receipt(path)
    except BundleError as error:
        assert str(error).endswith(".")
        return
    assert receipt["format"] == RECEIPT_FORMAT


@pytest.mark.parametrize("junk", [b"", b"\x00" * 50, b"PK\x03\x04garbage"])
def test_junk_receipts_are_refused(tmp_path, junk):
    path = tmp_path / "receipt.json"
    path.write_bytes(junk)
    with pytest.raises(BundleError, match="is not a Quorum receipt"):
        read_receipt(path)
