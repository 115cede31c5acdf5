"""Name resolution is inside every outbound call's deadline: a webhook's owner runs its domain's
name server, and can make it answer as slowly as it likes. The resolver is the network's edge:
here it is replaced by one that takes 30 s to answer a name (and answers loopback at once)."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from django.core.mail import EmailMessage, get_connection

from deputized.alerts import webhook
from deputized.archive.http import deadline, deadline_client
from deputized.dns import ResolveTimeout, addresses_within
from deputized.env import _EMAIL_BACKENDS

SLOW_NAME = "slow.example"


@pytest.fixture
def slow_resolver(monkeypatch):
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host == SLOW_NAME:
            time.sleep(30)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_webhook_whose_name_resolves_slowly_fails_within_the_deadline(slow_resolver):
    started = time.monotonic()
    with pytest.raises(webhook.WebhookError, match="timed out: the name did not resolve"):
        webhook.post(f"https://{SLOW_NAME}/hook", {}, secret=None, delivery_id="1", deadline=1)
    assert time.monotonic() - started < 3


def test_a_mail_server_whose_name_resolves_slowly_fails_within_the_deadline(
    slow_resolver, settings
):
    settings.EMAIL_BACKEND = _EMAIL_BACKENDS["smtp"]
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = SLOW_NAME, 25, 30
    settings.ALERTS = {**settings.ALERTS, "DEADLINE_SECONDS": 1}
    message = EmailMessage("s", "b", "alerts@example.org", ["a@example.org"])
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        get_connection(fail_silently=False).send_messages([message])
    assert time.monotonic() - started < 3


def test_the_fetch_of_a_name_that_resolves_slowly_ends_at_its_deadline(slow_resolver):
    started = time.monotonic()
    with (
        deadline_client(timeout=30, headers={}) as client,
        deadline(1),
        pytest.raises(httpx.ConnectTimeout),
    ):
        client.get(f"https://{SLOW_NAME}/287g")
    assert time.monotonic() - started < 3


def test_the_fetch_still_reaches_a_name_that_resolves(slow_resolver):
    # "localhost" goes through the same lookup, then a connection to its addresses in turn.
    class Hello(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"hello")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with deadline_client(timeout=5, headers={}) as client, deadline(5):
            answer = client.get(f"http://localhost:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
    assert (answer.status_code, answer.content) == (200, b"hello")


def test_slow_names_never_hold_up_the_lookup_of_another(slow_resolver):
    for _ in range(8):
        with pytest.raises(ResolveTimeout):
            addresses_within(SLOW_NAME, 443, 0.1)
    started = time.monotonic()
    assert "127.0.0.1" in addresses_within("localhost", 80, 2)
    assert time.monotonic() - started < 1
