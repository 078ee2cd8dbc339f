"""A small TCP proxy on 127.0.0.1 that sits between a laptop and head office and misbehaves on cue.

It reads each HTTP/1.1 request (headers, then a Content-Length body), and for a request whose path
starts with a planned prefix it applies the next planned fault:

- ``drop``: close the connection once the request headers are in; nothing reaches head office.
- ``reset``: read half the body, then reset the connection (RST); nothing reaches head office.
- ``error500``: answer 500 itself; nothing reaches head office.
- ``delay``: wait a little, then pass the request on as normal.
- ``lose_answer``: pass the request on, wait for head office's whole answer (so it has committed),
  then reset the connection instead of passing the answer back: the lost acknowledgement.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections import deque
from dataclasses import dataclass, field

FAULTS = ("drop", "reset", "error500", "delay", "lose_answer")
DELAY_SECONDS = 0.2


@dataclass
class Seen:
    method: str
    path: str
    fault: str | None


@dataclass
class FaultyProxy:
    upstream_port: int
    planned: deque = field(default_factory=deque)
    seen: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._open: set[socket.socket] = set()
        self._stopping = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def plan(self, path: str, *faults: str) -> None:
        """Apply these faults, in order, to the next requests whose path starts with ``path``."""
        assert all(f in FAULTS for f in faults)
        with self._lock:
            self.planned.extend((path, f) for f in faults)

    def faults_applied(self) -> list[str]:
        return [s.fault for s in self.seen if s.fault]

    def close(self) -> None:
        self._stopping = True
        self._listener.close()
        for sock in list(self._open):
            sock.close()

    # -- inside -----------------------------------------------------------------------------------

    def _next_fault(self, path: str) -> str | None:
        with self._lock:
            for entry in self.planned:
                if path.startswith(entry[0]):
                    self.planned.remove(entry)
                    return entry[1]
        return None

    def _accept(self) -> None:
        while not self._stopping:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream = None
        self._open.add(client)
        reader = _Stream(client)
        try:
            while True:
                head = _read_head(reader)
                if head is None:
                    return
                method, path = head.split(b" ", 2)[:2]
                fault = self._next_fault(path.decode())
                self.seen.append(Seen(method.decode(), path.decode(), fault))
                length = _content_length(head)
                if fault == "drop":
                    return
                if fault == "reset":
                    reader.read(length // 2)
                    _reset(client)
                    return
                body = reader.read(length) if length else b""
                if fault == "error500":
                    client.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n"
                                   b"Connection: close\r\n\r\n")
                    return
                if fault == "delay":
                    threading.Event().wait(DELAY_SECONDS)
                if upstream is None:
                    upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
                    self._open.add(upstream)
                    upstream_reader = _Stream(upstream)
                upstream.sendall(head + body)
                answer_head = _read_head(upstream_reader)
                if answer_head is None:
                    return
                answer = answer_head + upstream_reader.read(_content_length(answer_head))
                if fault == "lose_answer":
                    _reset(client)
                    return
                client.sendall(answer)
        except OSError:
            return
        finally:
            for sock in (client, upstream):
                if sock is not None:
                    sock.close()
                    self._open.discard(sock)


class _Stream:
    """Buffered reads straight from a socket (no makefile, so closing the socket closes it at once)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock, self.buffer = sock, b""

    def _fill(self) -> bool:
        chunk = self.sock.recv(65536)
        self.buffer += chunk
        return bool(chunk)

    def readline(self) -> bytes:
        while b"\n" not in self.buffer:
            if not self._fill():
                line, self.buffer = self.buffer, b""
                return line
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line + b"\n"

    def read(self, size: int) -> bytes:
        while len(self.buffer) < size and self._fill():
            pass
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data


def _read_head(reader: _Stream) -> bytes | None:
    lines = []
    while True:
        line = reader.readline()
        if not line:
            return None
        lines.append(line)
        if line in (b"\r\n", b"\n"):
            return b"".join(lines)


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset rather than a polite FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
