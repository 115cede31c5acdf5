"""Real servers on loopback for the alerts tests: an SMTP server (aiosmtpd) that keeps what it
accepts, a webhook receiver (http.server), a server that answers a byte at a time (a hostile
endpoint or provider), and `deputized deliver` workers as subprocesses."""

from __future__ import annotations

import asyncio
import email
import email.policy
import os
import socket
import socketserver
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class MailSink:
    """Keeps every message it accepted. `stall_at`: the n-th message waits in DATA (before the
    server accepts it) and sets `stalled`, so a test can kill the client at that moment."""

    messages: list[EmailMessage] = field(default_factory=list)
    stall_at: int | None = None
    stalled: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    seen: int = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.lock:
            self.seen += 1
            stall = self.seen == self.stall_at
        if stall:
            self.stalled.set()
            # Cancelled (and so never accepted) when the client dies: aiosmtpd cancels the
            # session's coroutine on connection loss.
            await asyncio.sleep(30)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 OK"

    def alerts(self) -> list[EmailMessage]:
        return [m for m in self.messages if m["X-Deputized-Delivery"]]

    def confirmations(self) -> list[EmailMessage]:
        return [m for m in self.messages if not m["X-Deputized-Delivery"]]


class SMTPServer:
    def __init__(self, sink: MailSink) -> None:
        self.sink = sink
        self.port = free_port()
        self.controller = Controller(sink, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SMTPServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


@dataclass
class Hook:
    headers: dict[str, str]
    body: bytes


class WebhookReceiver:
    def __init__(self, status: int = 200) -> None:
        self.calls: list[Hook] = []
        self.status = status
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.calls.append(Hook(dict(self.headers.items()), body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def __enter__(self) -> WebhookReceiver:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class TrickleServer:
    """A TCP server on loopback that answers as slowly as it can without ever going quiet: once
    it has read the request (HTTP: up to the end of the body; SMTP: nothing, the server speaks
    first) it sends `answer` one byte every `every` seconds, then holds the connection open.
    A per-read timeout never fires against it; only a total deadline ends the call.
    `connections` counts the calls it received."""

    def __init__(self, answer: bytes, *, every: float = 0.25, http: bool = True) -> None:
        self.stop = threading.Event()
        self.connections = 0
        server = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                server.connections += 1
                if http:
                    read_http_request(self.request)
                for i in range(len(answer)):
                    if server.stop.wait(every):
                        return
                    try:
                        self.request.sendall(answer[i : i + 1])
                    except OSError:  # the caller gave up
                        return
                server.stop.wait()

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hook"

    def __enter__(self) -> TrickleServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


# An HTTP answer whose headers never end (at four bytes a second): a hanging endpoint.
ENDLESS_HEADERS = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"." * 100_000


def read_http_request(sock: socket.socket) -> bytes:
    sock.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


class FakeSNS:
    """Amazon SNS's API on loopback (the network edge of a subscription confirmation): answers
    ConfirmSubscription as SNS does (query protocol, XML) and keeps each request's form."""

    ANSWER = (
        b'<ConfirmSubscriptionResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">'
        b"<ConfirmSubscriptionResult><SubscriptionArn>"
        b"arn:aws:sns:us-east-1:123456789012:deputized-bounces:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55"
        b"</SubscriptionArn></ConfirmSubscriptionResult>"
        b"<ResponseMetadata><RequestId>7a50221f-3774-11e0-a2a2-5ba1e5b12b77</RequestId>"
        b"</ResponseMetadata></ConfirmSubscriptionResponse>"
    )

    def __init__(self) -> None:
        self.calls: list[dict[str, list[str]]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                from urllib.parse import parse_qs

                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.calls.append(parse_qs(body.decode()))
                self.send_response(200)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(fake.ANSWER)))
                self.end_headers()
                self.wfile.write(fake.ANSWER)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeSNS:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def database_url() -> str:
    """The test database, for a worker in another process (both are files or servers: see
    tests/settings.py)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
        f"{db['NAME']}"
    )


def worker_env(smtp_port: int, database: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database,
        SECRET_KEY=settings.SECRET_KEY,
        SITE_URL=settings.SITE_URL,
        EMAIL_BACKEND="smtp",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        TASKS_BACKEND="dummy",
        ALERTS_WEBHOOK_ALLOW_LOOPBACK="true",  # the test's receiver runs on this machine
        LOG_LEVEL="WARNING",
        **extra,
    )
    return env


def start_worker(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "deliver", "--no-dispatch", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout
