"""What the laptop and head office agree on: versions, headers, and how keys come from the token.

Both sides import this module, so the words on the wire are defined once.
"""

from __future__ import annotations

import hashlib
from json.encoder import encode_basestring  # a JSON string, as json.dumps(ensure_ascii=False) writes it

PROTOCOL_VERSION = 2
OLDEST_SPOKEN = 1  # the oldest version this laptop still speaks, to a head office not yet updated
# From version 2 a push's answer lists only the changes head office did not apply, with "ok" counting
# the rest; version 1 listed every change (97 KB saying "ok" a thousand times, for a full batch).
SHORT_PUSH_ANSWERS = 2
API_PREFIX = "/api/v1"

PROTOCOL_HEADER = "Quorum-Protocol"
SCHEMA_HEADER = "Quorum-Schema"
ASSOCIATION_HEADER = "Quorum-Association"
IDEMPOTENCY_HEADER = "Idempotency-Key"

OP_KINDS = ("create", "append", "patch", "tombstone")
MOST_OPS_PER_PUSH = 1000  # head office refuses a longer push (422); the laptop sends at most this many
MOST_PER_PAGE = 1000  # records a pull may ask for in one page (head office refuses more, 422); the laptop asks for this many


def spoken(head_office_oldest: int, head_office_newest: int) -> int | None:
    """The version to speak to a head office that accepts these: the newest both know, or None if none."""
    version = min(PROTOCOL_VERSION, head_office_newest)
    return version if version >= max(OLDEST_SPOKEN, head_office_oldest) else None


def token_digest(token: str) -> str:
    """What head office keeps instead of the token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def signing_key(token_digest_hex: str) -> bytes:
    """The HMAC key for bundles and receipts.

    Head office keeps only the token's digest, so the key is derived from the digest: both sides
    can compute it, and nobody without the token or head office's database can.
    """
    return hashlib.sha256(b"quorum-bundle-v1:" + bytes.fromhex(token_digest_hex)).digest()


def op_json(op_id: str, entity: str, record_id: str, kind: str, payload: str, hlc: str, base_rev: int | None,
            schema_version: int) -> str:
    """One change as a push sends it, with ``payload`` the JSON text the laptop stored (and sealed):
    written into the request as it is, not decoded and encoded again."""
    return (f'{{"op_id":{encode_basestring(op_id)},"entity":{encode_basestring(entity)},'
            f'"record_id":{encode_basestring(record_id)},"kind":{encode_basestring(kind)},"payload":{payload},'
            f'"hlc":{encode_basestring(hlc)},"base_rev":{"null" if base_rev is None else int(base_rev)},'
            f'"schema_version":{int(schema_version)}}}')


def push_body(ops: list[str]) -> bytes:
    """A push's body, ``{"ops": [...]}``, from ops written by ``op_json``."""
    return f'{{"ops":[{",".join(ops)}]}}'.encode()
