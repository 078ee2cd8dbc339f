"""The sync API under /api/v1: meta, enrol, push and pull (docs/sync.md).

Order of checks for every call but ``meta``: the laptop's versions first (so an old laptop is told
to update before anything else happens), then its token, then the body.

Token checks and pulls only read, so on SQLite they never wait for a push being written. Pushes
pass admission control first (app.server.admission): a push that would wait longer than a laptop
is patient gets 503 with Retry-After before any work is done.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Header, Query, Request, Response, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ValidationError

from app.server import admin, auth, feed
from app.server.admission import ComeBackLater
from app.server.apply import apply_ops, now
from app.server.db import associations, devices, reading, update_one, writing
from app.server.protocol import (
    OLDEST_CLIENT_SCHEMA,
    OLDEST_PROTOCOL,
    Enrolled,
    EnrolRequest,
    ErrorAnswer,
    Meta,
    PullAnswer,
    PushAnswer,
    PushRequest,
    meta,
)
from app.server.tokens import Device
from app.store.schema import SCHEMA_VERSION  # the one thing of the store head office needs
from app.wire.protocol import (
    API_PREFIX,
    ASSOCIATION_HEADER,
    IDEMPOTENCY_HEADER,
    MOST_PER_PAGE,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SCHEMA_HEADER,
    SHORT_PUSH_ANSWERS,
)

log = logging.getLogger("quorum.server")
Body = TypeVar("Body", bound=BaseModel)
ENROL_THROTTLE = auth.Throttle(free=10, longest=15 * 60)  # wrong codes from one address
SEEN_EVERY = timedelta(minutes=5)  # how stale a laptop's "last seen" may get before a push or pull writes it
BUSY = "Head office is busy with other laptops; nothing was sent yet, so the laptop will try again shortly."
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before asking again.", "schema": {"type": "integer"}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorAnswer, "description": "The body could not be read."},
    401: {"model": ErrorAnswer, "description": "No token, or one head office does not know."},
    403: {"model": ErrorAnswer, "description": "The laptop's access was withdrawn, or it names another association."},
    413: {"model": ErrorAnswer, "description": "The request is too large."},
    422: {"model": ErrorAnswer, "description": "The request is not JSON, or not in the form head office expects."},
    426: {"model": ErrorAnswer, "description": "This version of Quorum cannot sync with head office."},
    503: {"model": ErrorAnswer, "description": "Head office is busy: nothing was done; ask again after Retry-After.",
          "headers": RETRY_AFTER},
}

router = APIRouter(prefix=API_PREFIX, tags=["sync"])
bearer = HTTPBearer(auto_error=False, description="The device token the laptop got from /enrol.")


class ApiError(Exception):
    """An answer with a JSON body ``{"error": {"code", "message"}}``."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


# The versions head office accepts, as the description lists them; any other (or none) gets 426 (see app.py).
if TYPE_CHECKING:  # made from the version numbers when the module loads, so a checker sees only text
    Protocols = str
    Schemas = str
else:
    Protocols = Literal[tuple(str(v) for v in range(OLDEST_PROTOCOL, PROTOCOL_VERSION + 1))]
    Schemas = Literal[tuple(str(v) for v in range(OLDEST_CLIENT_SCHEMA, SCHEMA_VERSION + 1))]


async def check_versions(
    protocol: Annotated[Protocols, Header(alias=PROTOCOL_HEADER)],
    schema: Annotated[Schemas, Header(alias=SCHEMA_HEADER)],
) -> None:
    """Both version headers are required; a missing one, or one out of range, gets 426 before anything else.

    ``async`` though it awaits nothing: FastAPI runs it on the event loop, not on a worker thread,
    a hand-over that cost more than the check (every laptop request asks)."""
    raise_if_out_of_range(protocol, schema)


def raise_if_out_of_range(protocol: str | None, schema: str | None) -> None:
    """426 with the sentence that says who must update: this laptop, or head office."""
    try:
        protocol_version, schema_version = int(protocol or ""), int(schema or "")
    except ValueError:
        raise ApiError(426, "update_needed", "Please update Quorum: this version cannot sync with head office.") from None
    if protocol_version > PROTOCOL_VERSION or schema_version > SCHEMA_VERSION:
        raise ApiError(426, "update_needed", "Please update Quorum at head office: this laptop runs a newer version "
                                             "than head office's server accepts, so nothing was sent.")
    if protocol_version < OLDEST_PROTOCOL or schema_version < OLDEST_CLIENT_SCHEMA:
        raise ApiError(426, "update_needed", "Please update Quorum: head office needs a newer version to sync.")


async def laptop(
    request: Request,
    _versions: Annotated[None, Depends(check_versions)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
    association: Annotated[str | None, Header(alias=ASSOCIATION_HEADER, max_length=100)] = None,
) -> Device:
    """The enrolled laptop making this request, or a 401/403 answer.

    ``async``: the token is read on the event loop (app.server.tokens says what bounds the read),
    not handed to a worker thread, which cost more than the read; so a pull is one trip to a worker
    thread, as the bare server's, and a push one too (its apply)."""
    if credentials is None or not credentials.credentials:
        raise ApiError(401, "no_token", "This request needs the laptop's head-office token.")
    device = await request.app.state.tokens.device(credentials.credentials[:200])
    if device is None:
        raise ApiError(401, "token_refused", "Head office does not recognise this laptop's token; "
                                             "ask head office for a new enrolment code.")
    if device.revoked:
        raise ApiError(403, "device_revoked", "Head office has withdrawn this laptop's access; "
                                              "ask head office for a new enrolment code.")
    if association != device.association_id:
        raise ApiError(403, "wrong_association", "This laptop's token belongs to a different association.")
    return device


Laptop = Annotated[Device, Depends(laptop)]


@router.get("/meta", response_model=Meta)
def get_meta() -> Meta:
    """The protocol and schema versions head office accepts. Ask first: out of range means update Quorum."""
    return meta()


@router.post("/enrol", response_model=Enrolled, responses={**ERRORS, 409: {"model": ErrorAnswer},
                                                          429: {"model": ErrorAnswer, "headers": RETRY_AFTER}})
def enrol(body: EnrolRequest, request: Request, _versions: Annotated[None, Depends(check_versions)]) -> Enrolled:
    """Exchange a one-time enrolment code for this laptop's token (the only call without a token).

    Safe to retry: the same code with the same ``laptop_key`` within a few minutes returns the same
    device (with a new token). Only codes head office never gave count towards the limit.
    """
    engine = request.app.state.engine
    address = f"enrol:{request.client.host if request.client else '?'}"
    with writing(engine) as conn:
        wait = auth.take_turn(conn, address, ENROL_THROTTLE, count=False)
    if wait:
        raise ApiError(429, "too_many_attempts", "Too many wrong enrolment codes; wait a few minutes and try again.",
                       {"Retry-After": str(max(1, round(wait)))})
    try:
        with writing(engine) as conn:
            answer = admin.exchange_code(conn, body.code, body.device_name, body.association_record_id,
                                         body.laptop_key)
    except admin.EnrolmentRefused as refused:
        if refused.wrong_code:  # a code head office never gave: the only kind that counts
            with writing(engine) as conn:
                auth.take_turn(conn, address, ENROL_THROTTLE)
        raise ApiError(refused.status, refused.code, refused.message) from None
    log.info("enrolled device %s", answer["device_id"])
    return Enrolled(**answer)


def described(model: type[BaseModel]) -> dict:
    """The OpenAPI request body for a model read by ``parsed``: its JSON schema, nested models written in place."""
    schema = model.model_json_schema()
    nested = schema.pop("$defs", {})

    def inline(part):
        if isinstance(part, dict):
            if set(part) == {"$ref"}:
                return inline(nested[part["$ref"].rsplit("/", 1)[1]])
            return {key: inline(value) for key, value in part.items()}
        return [inline(value) for value in part] if isinstance(part, list) else part

    return {"requestBody": {"required": True, "content": {"application/json": {"schema": inline(schema)}}}}


async def read_body(request: Request) -> bytes:
    """The body as it came, once it is JSON by its Content-Type (else 422, as FastAPI refuses a body)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if not (kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))):
        raise RequestValidationError([{"type": "json_type", "loc": ("body",),
                                       "msg": "the body must be JSON (Content-Type: application/json)"}])
    return await request.body()


def parsed(model: type[Body], text: bytes) -> Body:
    """The body, read by pydantic straight from its bytes: no Python dicts and lists made first and
    then checked, which cost more than the check itself for a push of a thousand changes. Anything
    wrong is refused as FastAPI refuses a body it reads (422, the first field at fault)."""
    try:
        return model.model_validate_json(text)
    except ValidationError as error:
        raise RequestValidationError([{"type": found["type"], "loc": ("body", *found["loc"]), "msg": found["msg"]}
                                      for found in error.errors(include_url=False)]) from None  # not the input


def answer(text: bytes) -> Response:
    """A JSON answer already written: FastAPI neither checks it against the model again nor encodes it."""
    return Response(text, media_type="application/json")


@router.post("/push", response_model=PushAnswer, responses=ERRORS, openapi_extra=described(PushRequest))
async def push(request: Request, device: Laptop,
               batch_id: Annotated[str, Header(alias=IDEMPOTENCY_HEADER, min_length=1, max_length=200)]) -> Response:
    """Apply a batch of changes in one transaction; each gets ok, duplicate, rejected or retry.

    Under a burst, 503 with Retry-After before anything is applied; never after. While it waits for
    its turn (app.server.admission) a push holds only its bytes: its changes are read when it comes.
    """
    text = await read_body(request)
    engine = request.app.state.engine

    def apply() -> list:
        body = parsed(PushRequest, text)
        with writing(engine) as conn:  # a laptop's "last seen" is kept to a few minutes, as a pull keeps it
            return apply_ops(conn, device.association_id, device.id, body.ops, seen=_stale(device.last_seen))

    try:
        results = await request.app.state.admission.run(lambda: run_in_threadpool(apply))
    except ComeBackLater as busy:
        raise ApiError(503, "busy", BUSY, {"Retry-After": str(busy.seconds)}) from None
    counts = {s: sum(r.status == s for r in results) for s in ("ok", "duplicate", "rejected", "retry")}
    log.info("push from %s: %s", device.id, counts)
    return answer(push_answer(batch_id, results, int(request.headers[PROTOCOL_HEADER])))


def push_answer(batch_id: str, results: list, protocol: int) -> bytes:
    """Every change's result for a laptop of protocol 1; from protocol 2 only those not applied, and
    ``ok``, how many were (docs/sync.md): the laptop checks that the two add up to the batch."""
    if protocol < SHORT_PUSH_ANSWERS:
        written: dict = {"batch_id": batch_id, "results": [r.as_dict() for r in results]}
    else:
        listed = [r.as_dict() for r in results if r.status != "ok"]
        written = {"batch_id": batch_id, "ok": len(results) - len(listed), "results": listed}
    return json.dumps(written, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@router.get("/pull", response_model=PullAnswer, responses={**ERRORS, 410: {"model": ErrorAnswer}})
def pull(request: Request, device: Laptop,
         cursor: Annotated[str | None, Query(max_length=18, pattern=r"^[0-9]*$")] = None,
         limit: Annotated[int, Query(ge=1, le=MOST_PER_PAGE)] = 500) -> Response:
    """Other laptops' changes since the cursor, oldest first; 410 if the cursor is unknown (pull from the start).

    Read only: a pull never waits for a push being written.
    """
    engine = request.app.state.engine
    with reading(engine) as conn:
        try:
            page = feed.page(conn, device.association_id, device.id, cursor, limit)
        except feed.UnknownCursor:
            raise ApiError(410, "cursor_unknown", "Head office does not know this place in the records; "
                                                  "pull again from the start.") from None
    if not page.has_more and _stale(device.last_seen):
        with writing(engine) as conn:  # seldom: at most once every few minutes per laptop
            update_one(conn, devices, "id", device.id, last_seen=now())
            update_one(conn, associations, "id", device.association_id, last_sync=now())
    return answer(page.as_json())


def _stale(last_seen: str | None) -> bool:
    return not last_seen or last_seen < (datetime.now(UTC) - SEEN_EVERY).isoformat(timespec="seconds")
