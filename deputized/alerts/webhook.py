"""Webhooks: a JSON payload signed with HMAC-SHA256 over "<timestamp>.<body>".

A webhook is confirmed by its endpoint: the confirmation link is sent to the URL itself (an
unsigned call of type `deputized.confirm`), so only whoever receives its calls can subscribe it,
and only they see its secret.

Headers: `X-Deputized-Timestamp` (Unix seconds), `X-Deputized-Signature: sha256=<hex>` and
`X-Deputized-Delivery` (the same for every retry of one delivery, so a receiver can drop a repeat).
A receiver checks the signature with its secret and refuses timestamps older than five minutes.

Every call has a total deadline (`ALERTS["DEADLINE_SECONDS"]`, deadline.py): an endpoint that
answers slowly, a byte at a time, or never fails that call once it is up. Only the status line
counts: the body of the answer is never read, so a large one costs nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import socket
import time
from urllib.parse import urlsplit, urlunsplit

import httpx
from django.conf import settings

from deputized.alerts.deadline import Deadline
from deputized.dns import ResolveTimeout, addresses_within

TIMESTAMP_HEADER = "X-Deputized-Timestamp"
SIGNATURE_HEADER = "X-Deputized-Signature"
DELIVERY_HEADER = "X-Deputized-Delivery"


class WebhookError(Exception):
    """The receiver failed or could not be reached; the delivery is retried with backoff."""


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, given: str, *, tolerance: int = 300) -> bool:
    """What a receiver does (and what the tests do)."""
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body).encode(), given.encode())


def resolve_destination(url: str, *, allow_loopback: bool, seconds: float = 10) -> str:
    """The address to call: the host's, once every address it resolves to is public. A webhook
    must never make the server call into its own network, whatever the name looked like at
    sign-up. Loopback only where allowed (a receiver on the same machine, in development).
    The lookup has `seconds` (the call's deadline): the name's owner runs its name server."""
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = addresses_within(parts.hostname or "", port, seconds)
    except ResolveTimeout as exc:
        raise WebhookError(f"timed out: the name did not resolve within {seconds:g} s") from exc
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise WebhookError("unreachable: the host name does not resolve") from exc
    addresses = [ipaddress.ip_address(address.split("%", 1)[0]) for address in found]
    for ip in addresses:
        if not (ip.is_global or (ip.is_loopback and allow_loopback)):
            raise WebhookError("refused: the host is not a public address")
    return str(addresses[0])


def pinned(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """The URL with its host replaced by the address already checked, so that a second lookup
    (a name that changes its answer: DNS rebinding) cannot send the call elsewhere; the Host
    header and TLS's server name keep the real host, and the certificate is checked against it."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    ip = f"[{address}]" if ":" in address else address
    netloc = f"{ip}:{parts.port}" if parts.port else ip
    headers = {"Host": f"{host}:{parts.port}" if parts.port else host}
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return urlunsplit(parts._replace(netloc=netloc)), headers, extensions


def post(
    url: str,
    payload: dict,
    *,
    secret: str | None,
    delivery_id: str,
    allow_loopback: bool = False,
    deadline: float | None = None,
    transport: httpx.BaseTransport | None = None,
) -> int:
    """Sign and send `payload`; return the status. Raises WebhookError on a status other than
    2xx, on a refused address, and when the whole call outlasts `deadline` seconds."""
    seconds = deadline or settings.ALERTS["DEADLINE_SECONDS"]
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Deputized-Alerts/1",
        TIMESTAMP_HEADER: timestamp,
        DELIVERY_HEADER: delivery_id,
    }
    if secret is not None:  # the confirmation call comes before there is a secret to sign with
        headers[SIGNATURE_HEADER] = signature(secret, timestamp, body)
    target, extensions, left = url, {}, seconds
    if transport is None:  # a test's transport goes nowhere: nothing to resolve
        started = time.monotonic()
        address = resolve_destination(url, allow_loopback=allow_loopback, seconds=seconds)
        left = max(seconds - (time.monotonic() - started), 0.01)  # the lookup's time counts
        target, host, extensions = pinned(url, address)
        headers.update(host)
    with Deadline(left) as limit:
        try:
            with (
                httpx.Client(transport=transport, timeout=left) as client,
                client.stream(
                    "POST",
                    target,
                    content=body,
                    headers=headers,
                    extensions={**extensions, "trace": limit.trace},
                ) as response,
            ):
                status = response.status_code
        except httpx.HTTPError as exc:
            if limit.expired or isinstance(exc, httpx.TimeoutException):
                raise WebhookError(f"timed out: no answer within {seconds:g} s") from exc
            raise WebhookError(f"unreachable: {type(exc).__name__}") from exc
    if not 200 <= status < 300:
        raise WebhookError(f"answered {status}")
    return status
