"""The offline bundle and its receipt: the file formats, read and written the same way on both sides.

A bundle is a zip holding ``manifest.json`` and ``ops.jsonl`` (one change per line, as pushed).
The manifest names the laptop, counts the changes, and carries the SHA-256 of ``ops.jsonl`` and an
HMAC over the whole manifest keyed from the laptop's token, so a damaged or altered file is refused.
A receipt is one signed JSON document listing head office's answer for every change, and (since
asks of the landlord) ``records``: the association's answered asks as a pull gives them, so an
association that never syncs online still gets the landlord's answers. Older receipts have no
``records`` and import as before.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from app.errors import BundleError
from app.wire.protocol import PROTOCOL_VERSION

BUNDLE_FORMAT = "quorum-bundle"
RECEIPT_FORMAT = "quorum-receipt"
FORMAT_VERSION = 1
MAX_OPS_BYTES = 200 * 1024 * 1024  # a year of meetings is well under 10 MB; refuse a zip bomb
OP_FIELDS = ("op_id", "entity", "record_id", "kind", "payload", "hlc", "base_rev", "schema_version")


def _canonical(document: dict) -> bytes:
    unsigned = {k: v for k, v in document.items() if k != "hmac"}
    return json.dumps(unsigned, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sign(document: dict, key: bytes) -> str:
    return hmac.new(key, _canonical(document), hashlib.sha256).hexdigest()


def check_signature(document: dict, key: bytes, what: str = "bundle") -> None:
    if not hmac.compare_digest(str(document.get("hmac", "")), sign(document, key)):
        raise BundleError(f"The {what} file was altered, or was not made by this laptop's enrolment.")


def _replace(out: Path, data_writer) -> None:
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    data_writer(tmp)
    os.replace(tmp, out)


def write_bundle(out: Path, *, device_id: str, association_id: str, ops: list[dict], key: bytes,
                 schema_version: int) -> dict:
    lines = "".join(json.dumps({f: op.get(f) for f in OP_FIELDS}, ensure_ascii=False, sort_keys=True) + "\n"
                    for op in ops).encode("utf-8")
    manifest = {
        "format": BUNDLE_FORMAT, "version": FORMAT_VERSION, "protocol": PROTOCOL_VERSION,
        "schema_version": schema_version, "device_id": device_id, "association_id": association_id,
        "created": datetime.now(UTC).isoformat(timespec="seconds"), "ops": len(ops),
        "first_op": ops[0]["op_id"] if ops else None, "last_op": ops[-1]["op_id"] if ops else None,
        "sha256": hashlib.sha256(lines).hexdigest(),
    }
    manifest["hmac"] = sign(manifest, key)

    def write(path: Path) -> None:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
            archive.writestr("ops.jsonl", lines)

    _replace(out, write)
    return manifest


def read_bundle(path: Path) -> tuple[dict, list[dict]]:
    """The manifest and the changes, after checking the file is whole (the HMAC is checked by the caller)."""
    damaged = BundleError(f"The file {Path(path).name} is not a Quorum bundle, or it is damaged.")
    try:
        with zipfile.ZipFile(path) as archive:
            sizes = {info.filename: info.file_size for info in archive.infolist()}
            if set(sizes) != {"manifest.json", "ops.jsonl"} or max(sizes.values()) > MAX_OPS_BYTES:
                raise damaged
            manifest = json.loads(archive.read("manifest.json"))
            lines = archive.read("ops.jsonl")
    except BundleError:
        raise
    except Exception as error:  # noqa: BLE001 - any damaged byte (zlib.error, EOFError, a bad header ...) is damage
        raise damaged from error
    if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT or not all(
            isinstance(manifest.get(name), str) for name in ("sha256", "hmac", "device_id")):
        raise damaged
    if manifest.get("version") != FORMAT_VERSION:
        raise BundleError("This bundle was made by a different version of Quorum; please update Quorum.")
    if hashlib.sha256(lines).hexdigest() != manifest.get("sha256"):
        raise damaged
    try:
        ops = [json.loads(line) for line in lines.decode("utf-8").splitlines() if line.strip()]
    except ValueError as error:
        raise damaged from error
    if len(ops) != manifest.get("ops") or not all(isinstance(op, dict) for op in ops):
        raise damaged
    return manifest, ops


def bundle_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def write_receipt(out: Path, *, device_id: str, bundle_sha256: str, results: list[dict], key: bytes,
                  records: list[dict] | None = None) -> dict:
    receipt = {
        "format": RECEIPT_FORMAT, "version": FORMAT_VERSION, "device_id": device_id,
        "bundle_sha256": bundle_sha256, "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "results": results,
    }
    if records:
        receipt["records"] = records
    receipt["hmac"] = sign(receipt, key)
    _replace(out, lambda path: path.write_text(json.dumps(receipt, indent=2, ensure_ascii=False), encoding="utf-8"))
    return receipt


def read_receipt(path: Path) -> dict:
    damaged = BundleError(f"The file {Path(path).name} is not a Quorum receipt, or it is damaged.")
    try:
        receipt = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise damaged from error
    if not isinstance(receipt, dict) or receipt.get("format") != RECEIPT_FORMAT:
        raise damaged
    results = receipt.get("results")
    if not isinstance(results, list) or not all(isinstance(r, dict) and "op_id" in r for r in results):
        raise damaged
    pulled = receipt.get("records", [])
    if not isinstance(pulled, list) or not all(isinstance(r, dict) and _a_record(r) for r in pulled):
        raise damaged
    return receipt


def _a_record(change: dict) -> bool:
    return isinstance(change.get("entity"), str) and isinstance(change.get("record_id"), str) \
        and isinstance(change.get("doc"), dict) and isinstance(change.get("hlc", ""), str)
