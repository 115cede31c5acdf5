"""An HTTP client whose calls each have a total deadline, not only a limit per read.

httpx's timeouts bound each phase (connect, each read, each write): a server that sends one byte
every few seconds never trips them and holds the caller for as long as it likes. Here every socket
operation made inside `deadline(seconds)` is given at most the time left until the deadline, so the
whole call (redirects, headers and body included) ends by then, with an httpx timeout error.

The deadline is applied where httpcore talks to the socket (its network backend): that is the one
place every connect, TLS handshake, read and write passes through. Name resolution is bounded
too (`deputized.dns`): the backend resolves the host itself and connects to its addresses; the
TLS handshake still checks the certificate against the host's name.
"""

from __future__ import annotations

import contextvars
import ssl
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import certifi
import httpcore
import httpx

from deputized.dns import ResolveTimeout, addresses_within

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "http_deadline", default=None
)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every request made inside ends within `seconds` from now (an httpx.TimeoutException)."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def deadline_passed() -> bool:
    """True inside `deadline()` once its time is up (to tell a total timeout from a slow read)."""
    ends = _deadline.get()
    return ends is not None and time.monotonic() >= ends


def _time_left(timeout: float | None, error: type[Exception]) -> float | None:
    ends = _deadline.get()
    if ends is None:
        return timeout
    left = ends - time.monotonic()
    if left <= 0:
        raise error("the total deadline of the call has passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _time_left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _time_left(timeout, httpcore.ConnectTimeout)
        try:
            addresses = addresses_within(host, port, bounded if bounded is not None else 30)
        except ResolveTimeout as exc:
            raise httpcore.ConnectTimeout(str(exc)) from exc
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        error: Exception | None = None
        for address in addresses:  # as socket.create_connection does, once resolved
            try:
                stream = self._inner.connect_tcp(
                    address,
                    port,
                    _time_left(timeout, httpcore.ConnectTimeout),
                    local_address,
                    socket_options,
                )
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _Stream(stream)
        raise error or httpcore.ConnectError(f"{host} has no address")

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _time_left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_unix_socket(path, bounded, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _DeadlineTransport(httpx.HTTPTransport):
    """httpx's own transport (its error mapping included) over the deadline-aware backend."""

    def __init__(self, ssl_context: ssl.SSLContext | None) -> None:
        super().__init__()
        # httpx builds its pool with the default backend and takes no other: replace the pool.
        # tests/archive/test_fetch.py's slow-drip tests fail if a new httpx stops using it.
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context or ssl.create_default_context(cafile=certifi.where()),
            network_backend=_Backend(),
        )


def deadline_client(
    *, timeout: float, headers: dict[str, str], ssl_context: ssl.SSLContext | None = None
) -> httpx.Client:
    """A client whose requests honour `deadline()`; redirects are left to the caller to check.
    Certificates are checked against certifi's authorities unless `ssl_context` says otherwise."""
    return httpx.Client(
        timeout=timeout,
        follow_redirects=False,
        headers=headers,
        transport=_DeadlineTransport(ssl_context),
        trust_env=False,
    )
