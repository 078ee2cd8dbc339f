"""The shapes of the sync API's requests and answers (pydantic), which also make the OpenAPI description."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

from app.store.schema import SCHEMA_VERSION  # the one thing of the store head office needs
from app.wire.protocol import MOST_OPS_PER_PUSH, PROTOCOL_VERSION

# Laptops whose association file is older than this cannot sync (the sync tables came in schema 2);
# ops themselves are accepted from any schema up to ours, since their shape has not changed.
OLDEST_CLIENT_SCHEMA = 2
OLDEST_PROTOCOL = 1

# Strict, so exactly one kind fits each value and trying them in order gives what "smart" unions do, at
# two thirds of the cost: a push of a thousand changes holds some fifteen thousand values.
Value = Annotated[StrictStr | StrictInt | StrictFloat | StrictBool | None, Field(union_mode="left_to_right")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Range(Strict):
    min: int
    max: int


class Meta(Strict):
    protocol: Range
    schema_: Range = Field(alias="schema")
    server: str = "Quorum head office"

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


def meta() -> Meta:
    return Meta(protocol=Range(min=OLDEST_PROTOCOL, max=PROTOCOL_VERSION),
                schema=Range(min=OLDEST_CLIENT_SCHEMA, max=SCHEMA_VERSION))


RECORD_ID = r"^[A-Za-z0-9_-]{1,100}$"  # the one format of a record id (the laptop makes UUIDs)


class EnrolRequest(Strict):
    code: str = Field(min_length=1, max_length=64)
    device_name: str = Field("", max_length=60)
    association_record_id: str | None = Field(None, pattern=RECORD_ID)
    laptop_key: str | None = Field(None, min_length=16, max_length=100,
                                   description="Random and kept by the laptop until enrolled: asking again with "
                                               "the same code and key returns the same device.")


class Enrolled(Strict):
    device_id: str
    token: str
    association_id: str
    association_name: str


class Op(Strict):
    op_id: str = Field(pattern=r"^[A-Za-z0-9-]{1,64}:\d{1,18}$")
    entity: str = Field(min_length=1, max_length=40)
    record_id: str = Field(pattern=RECORD_ID)
    kind: Literal["create", "append", "patch", "tombstone"]
    payload: dict[str, Value] = Field(default_factory=dict, max_length=100)
    hlc: str = Field(min_length=1, max_length=120)
    base_rev: StrictInt | None = Field(None, ge=0, le=2**53)
    schema_version: StrictInt = Field(ge=1, le=10_000)


class PushRequest(Strict):
    ops: list[Op] = Field(max_length=MOST_OPS_PER_PUSH)


class OpResult(Strict):
    op_id: str
    status: Literal["ok", "duplicate", "rejected", "retry"]
    code: str = ""
    reason: str = ""


class PushAnswer(Strict):
    batch_id: str
    ok: int | None = Field(None, ge=0, description="From protocol 2: how many changes were applied (`ok`); "
                                                   "`results` then lists only the others.")
    results: list[OpResult] = Field(description="Protocol 1: every change of the batch, in order. From "
                                                "protocol 2: only those not applied (duplicate, rejected, retry).")


class PulledRecord(Strict):
    entity: str
    record_id: str
    deleted: bool
    doc: dict[str, Value]
    hlc: str
    seq: int


class PullAnswer(Strict):
    changes: list[PulledRecord]
    next_cursor: str = Field(pattern=r"^[0-9]{1,18}$")
    has_more: bool


class ErrorDetail(Strict):
    code: str
    message: str


class ErrorAnswer(Strict):
    error: ErrorDetail
