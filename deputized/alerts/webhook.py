"""Webhooks: a JSON payload signed with HMAC-SHA256 over "<timestamp>.<body>".

Headers: `X-Deputized-Timestamp` (Unix seconds), `X-Deputized-Signature: sha256=<hex>` and
`X-Deputized-Delivery` (the same for every retry of one delivery, so a receiver can drop a repeat).
A receiver checks the signature with its secret and refuses timestamps older than five minutes.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import socket
import time
from urllib.parse import urlsplit

import httpx

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
    return hmac.compare_digest(signature(secret, timestamp, body), given)


def check_destination(url: str, *, allow_loopback: bool) -> None:
    """Refuse a host that resolves to anything but public addresses: a webhook must never make
    the server call into its own network (a name can point anywhere, whatever it looked like at
    sign-up). Loopback only where allowed (a receiver on the same machine, in development)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(parts.hostname or "", port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise WebhookError("unreachable: the host name does not resolve") from exc
    for *_, address in found:
        ip = ipaddress.ip_address(address[0].split("%", 1)[0])
        if ip.is_loopback and allow_loopback:
            continue
        if not ip.is_global:
            raise WebhookError("refused: the host is not a public address")


def post(
    url: str,
    payload: dict,
    *,
    secret: str,
    delivery_id: str,
    allow_loopback: bool = False,
    transport: httpx.BaseTransport | None = None,
) -> int:
    if transport is None:  # a test's transport goes nowhere: nothing to resolve
        check_destination(url, allow_loopback=allow_loopback)
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Deputized-Alerts/1",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(secret, timestamp, body),
        DELIVERY_HEADER: delivery_id,
    }
    try:
        with httpx.Client(transport=transport, timeout=15, follow_redirects=False) as client:
            response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise WebhookError(f"unreachable: {type(exc).__name__}") from exc
    if not 200 <= response.status_code < 300:
        raise WebhookError(f"answered {response.status_code}")
    return response.status_code
