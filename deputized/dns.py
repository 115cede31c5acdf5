"""Name resolution with a deadline.

`socket.getaddrinfo` takes no timeout, and the resolver's own retries can wait many seconds: a
webhook whose domain's name server answers slowly (its owner runs it) would hold the caller that
long, whatever the deadline of the call itself. The lookup runs in a thread of its own and the
caller waits only for the time it has; a lookup still running afterwards ends in its thread on the
resolver's schedule. A thread per lookup, not a shared pool: slow names filling a pool would make
every other lookup wait behind them. Callers make their calls one at a time, each bounded, so
threads left behind are few. An address needs no lookup.
"""

from __future__ import annotations

import ipaddress
import socket
import threading


class ResolveTimeout(TimeoutError):
    """The name did not resolve in the time the call had left."""


def addresses_within(host: str, port: int, seconds: float) -> list[str]:
    """The addresses `host` resolves to for a TCP connection, in the resolver's order.
    Raises ResolveTimeout past `seconds`, and socket.gaierror for a name that does not resolve."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    answer: list[object] = []
    done = threading.Event()

    def lookup() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except Exception as exc:  # handed to the caller as it is
            answer.append(exc)
        done.set()

    threading.Thread(target=lookup, name=f"dns {host}", daemon=True).start()
    if not done.wait(max(seconds, 0.01)):
        raise ResolveTimeout(f"{host} did not resolve within {seconds:g} s")
    [found] = answer
    if isinstance(found, Exception):
        raise found
    return list(dict.fromkeys(info[4][0] for info in found))  # type: ignore[attr-defined]
