"""A total, wall-clock deadline for one outbound call (a webhook, the SMS provider, mail).

httpx's and smtplib's timeouts are per operation: each read may wait that long, and the clock
starts again with every byte. An endpoint that answers one byte every few seconds can so hold the
caller for as long as it likes, and with it every delivery queued behind. A `Deadline` bounds the
whole call instead: when its time is up, it shuts down the sockets the call opened, which makes
whatever read or write is blocked on them return at once with an error. The caller then checks
`expired` to report a timeout rather than a broken connection.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._started = time.monotonic()
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        """Seconds left, never quite zero (a zero timeout means "do not wait" to some libraries
        and "wait forever" to others)."""
        return max(self.seconds - (time.monotonic() - self._started), 0.01)

    def watch(self, sock: socket.socket) -> None:
        """Shut this socket down when the time is up (at once if it already is)."""
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shut(sock)

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpx's `trace` request extension: watch each socket the call opens, the TCP one and,
        for HTTPS, the TLS one that replaces it."""
        if event in {"connection.connect_tcp.complete", "connection.start_tls.complete"}:
            self.watch(info["return_value"].get_extra_info("socket"))

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    # The plain socket's shutdown, also for a TLS socket: it acts on the connection itself, from
    # any thread, without touching the TLS state the blocked reader is using.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
