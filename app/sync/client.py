"""Talking to head office over HTTP: the four calls of the protocol, with bounded retries.

Connection drops, resets, timeouts and 5xx answers are retried with exponential backoff and full
jitter (tenacity), so laptops that failed together do not all come back together; a 503 with
Retry-After (head office busy, nothing done) is retried after that many seconds plus up to one
more at random (head office gives each laptop its own turn; this spreads those within a second).
Retrying is safe for every call because head office keeps each change's op id and answers a
resent one with ``duplicate``, and enrolment answers the same laptop's retry alike.
Anything else becomes one plain sentence (a ``SyncError``).
"""

from __future__ import annotations

import random
import ssl
from dataclasses import dataclass
from functools import cache

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_random_exponential,
)

from app.errors import HeadOfficeUnreachableError, SyncError, UpdateNeededError
from app.store import SCHEMA_VERSION
from app.wire import protocol

TRANSIENT = (httpx.NetworkError, httpx.TimeoutException, httpx.RemoteProtocolError)
BUSY = {500, 502, 503, 504}


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    first_wait: float = 0.5  # seconds; doubles each time up to max_wait
    max_wait: float = 8.0
    timeout: float = 30.0
    longest_busy_wait: float = 120.0  # the most of head office's Retry-After the laptop honours
    busy_for: float = 300.0  # seconds a laptop keeps coming back when told to; its attempts count only other failures


class CursorGone(Exception):
    """Head office no longer knows the pull cursor; pull again from the start."""


class _Busy(Exception):
    def __init__(self, response: httpx.Response) -> None:
        super().__init__(response.status_code)
        self.response = response

    @property
    def retry_after(self) -> float | None:
        text = self.response.headers.get("Retry-After", "")
        return float(text) if text.isdigit() else None


def busy_wait(retry_after: float, policy: RetryPolicy) -> float:
    """Seconds to wait after a 503 with Retry-After: that (at most ``longest_busy_wait``) and up to one more."""
    longest = policy.longest_busy_wait
    return min(retry_after, longest) + random.uniform(0.0, min(1.0, longest))


def waiting(policy: RetryPolicy):
    """Seconds before the next try: head office's Retry-After with jitter, else exponential full jitter."""
    backoff = wait_random_exponential(multiplier=policy.first_wait, max=policy.max_wait)

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _Busy) and error.retry_after is not None:
            return busy_wait(error.retry_after, policy)
        return backoff(state)

    return wait


def stopping(policy: RetryPolicy):
    """When to give up: a laptop told to come back (503 with Retry-After) was given its own turn, so it keeps its
    turns for ``busy_for`` seconds; after any other failure, after ``attempts`` tries."""
    tries = stop_after_attempt(policy.attempts)

    def stop(state: RetryCallState) -> bool:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _Busy) and error.retry_after is not None:
            return (state.seconds_since_start or 0.0) > policy.busy_for
        return tries(state)

    return stop


DEFAULT_POLICY = RetryPolicy()


@cache
def _certificates() -> ssl.SSLContext:
    """The trusted certificates, read once a run: reading them took 40-180 ms, every sync."""
    return httpx.create_ssl_context()


class HeadOffice:
    """One conversation with head office's server."""

    def __init__(self, url: str, token: str | None = None, association_id: str | None = None,
                 policy: RetryPolicy = DEFAULT_POLICY, schema_version: int = SCHEMA_VERSION) -> None:
        self.url = url.rstrip("/")
        self.policy = policy
        headers = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION),
                   protocol.SCHEMA_HEADER: str(schema_version)}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if association_id:
            headers[protocol.ASSOCIATION_HEADER] = association_id
        self.schema_version = schema_version
        try:
            self.http = httpx.Client(base_url=self.url + protocol.API_PREFIX, headers=headers,
                                     timeout=policy.timeout, transport=httpx.HTTPTransport(verify=_certificates(), retries=1))
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise SyncError(f"“{url}” is not a head-office address; it should start with https://.") from error

    def __enter__(self) -> HeadOffice:
        return self

    def __exit__(self, *exc) -> None:
        self.http.close()

    # -- the protocol ---------------------------------------------------------------------------

    def check_version(self) -> dict:
        """Ask which versions head office accepts; refuse before any data moves if ours is not one."""
        meta = self._call("GET", "/meta")
        schema, proto = meta["schema"], meta["protocol"]
        version = protocol.spoken(proto["min"], proto["max"])
        if version is None or self.schema_version < schema["min"]:
            raise UpdateNeededError("Please update Quorum: head office needs a newer version to sync.")
        if self.schema_version > schema["max"]:
            raise UpdateNeededError("Please update Quorum at head office: this laptop runs a newer version "
                                    "than head office's server accepts, so nothing was sent.")
        self.http.headers[protocol.PROTOCOL_HEADER] = str(version)  # a head office not yet updated is spoken to as it was
        return meta

    def enrol(self, code: str, association_record_id: str | None, device_name: str, laptop_key: str) -> dict:
        return self._call("POST", "/enrol", json={"code": code, "device_name": device_name,
                                                 "association_record_id": association_record_id,
                                                 "laptop_key": laptop_key})

    def push(self, batch_id: str, ops: list[str]) -> dict:
        """Send changes written by ``protocol.op_json`` (each payload as the laptop stored it)."""
        return self._call("POST", "/push", content=protocol.push_body(ops),
                          headers={protocol.IDEMPOTENCY_HEADER: batch_id, "Content-Type": "application/json"})

    def pull(self, cursor: str, limit: int) -> dict:
        return self._call("GET", "/pull", params={"cursor": cursor, "limit": limit})

    # -- one call, retried ----------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs) -> dict:
        try:
            response = self._with_retries(method, path, **kwargs)
        except TRANSIENT as error:
            raise HeadOfficeUnreachableError(
                f"Head office could not be reached at {self.url}; your changes are kept and will be sent next time."
            ) from error
        except _Busy as busy:
            raise HeadOfficeUnreachableError(
                f"Head office's server had a problem (error {busy.response.status_code}); "
                "your changes are kept and will be sent next time."
            ) from None
        if response.status_code == 410:
            raise CursorGone()
        if response.status_code >= 400:
            raise _refusal(response)
        return response.json()

    def _with_retries(self, method: str, path: str, **kwargs) -> httpx.Response:
        policy = self.policy
        for attempt in Retrying(stop=stopping(policy), reraise=True,
                                wait=waiting(policy),
                                retry=retry_if_exception_type((*TRANSIENT, _Busy))):
            with attempt:
                response = self.http.request(method, path, **kwargs)
                if response.status_code in BUSY:
                    raise _Busy(response)
        return response


def _refusal(response: httpx.Response) -> SyncError:
    try:
        error = response.json()["error"]
        message = error["message"]
    except (ValueError, KeyError, TypeError):
        message = f"Head office refused the sync (error {response.status_code})."
        error = {}
    if response.status_code == 426 or error.get("code") == "update_needed":
        return UpdateNeededError(message)
    return SyncError(message)
