"""The load generator's HTTP: keep-alive HTTP/1.1 on asyncio streams, costing the generator little.

The load generator stands for laptops on other machines, yet shares this machine's two cores with
the server it measures. httpx spends about 2 ms of CPU on a request with a 30 KB body; with 20
requests in flight in one event loop, that work (and the loop's queue behind it) was counted as
the server's. Here a request is bytes made before the clock starts, written in one go; the answer
is read by its Content-Length and returned as bytes, to be decoded after the clock stops. A
request's time is still what a laptop sees: from the first byte sent to the last byte received.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit


class Dropped(ConnectionError):
    """The server closed the connection, or answered in a form this client does not read."""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes
    ms: float  # from the first byte sent to the last byte received

    def json(self) -> dict:
        return json.loads(self.body)


def request_bytes(method: str, path: str, headers: dict[str, str], body: dict | None = None,
                  params: dict | None = None) -> bytes:
    """A whole request, encoded once, before any clock starts."""
    content = json.dumps(body).encode() if body is not None else b""
    target = f"{path}?{urlencode(params)}" if params else path
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in headers.items())]
    if body is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {len(content)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + content


class Connections:
    """Up to ``size`` keep-alive connections to one server; a request waits for a free one."""

    def __init__(self, url: str, size: int) -> None:
        where = urlsplit(url)
        self.host, self.port = where.hostname or "127.0.0.1", where.port or 80
        self.idle: asyncio.Queue = asyncio.Queue()
        for _ in range(size):
            self.idle.put_nowait(None)  # a slot whose connection is opened when first used

    async def send(self, request: bytes, timeout: float) -> Answer:
        """Send one request and read its answer; TimeoutError after ``timeout`` s, Dropped or OSError if cut off."""
        streams = await self.idle.get()
        if streams is not None and (streams[0].at_eof() or streams[1].is_closing()):
            streams[1].close()  # closed by the server while idle (after a 503 at the door, say), as httpx's
            streams = None  # pool finds before it reuses a connection
        try:
            if streams is None:
                streams = await self._open()
            start = time.perf_counter()
            async with asyncio.timeout(timeout):
                status, headers, body = await _exchange(*streams, request)
            answer = Answer(status, headers, body, (time.perf_counter() - start) * 1000)
        except BaseException:
            if streams is not None:
                streams[1].close()
            self.idle.put_nowait(None)
            raise
        self.idle.put_nowait(None if headers.get("connection") == "close" else streams)
        return answer

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        try:
            return await asyncio.open_connection(self.host, self.port)
        except OSError:  # as httpx's transport with retries=1 (the laptop's): one more try to connect
            return await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        while not self.idle.empty():
            streams = self.idle.get_nowait()
            if streams is not None:
                streams[1].close()


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    request: bytes) -> tuple[int, dict[str, str], bytes]:
    writer.write(request)
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError) as error:
        raise Dropped("the connection was closed before an answer") from error
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        if name:
            headers[name.strip().lower()] = value.strip()
    if "content-length" not in headers:
        raise Dropped(f"an answer without Content-Length: {status_line}")
    try:
        body = await reader.readexactly(int(headers["content-length"]))
    except asyncio.IncompleteReadError as error:
        raise Dropped("the connection was closed part-way through an answer") from error
    return int(status_line.split(" ", 2)[1]), headers, body
