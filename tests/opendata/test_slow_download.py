"""A large download sent to a slow client through gunicorn, as the site is served
(deputized/gunicorn_conf.py), runs to its last byte even when it outlasts the worker timeout.

The review saw `/downloads/rows.json` (145 MB) cut at 51 MB: a sync worker was killed when the
request passed gunicorn's 30 s. Here the timeout is 1 s and the client reads about 6 MB/s, so the
download takes several times the timeout. The server runs on loopback with a folder of its own (a
download is read from the folder and its manifest, not the database)."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SIZE = 24 * 1024 * 1024

pytestmark = pytest.mark.slow  # a real server and a transfer of several seconds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def slow_get(port: int, path: str, *, per_read: int = 64 * 1024, pause: float = 0.01) -> bytes:
    """GET over a small receive window, reading a little at a time."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
        sock.settimeout(30)
        sock.connect(("127.0.0.1", port))
        sock.sendall(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        received = bytearray()
        while chunk := sock.recv(per_read):
            received += chunk
            time.sleep(pause)
    return bytes(received)


def test_a_long_download_to_a_slow_client_is_never_cut(tmp_path):
    folder = tmp_path / "var" / "downloads"
    folder.mkdir(parents=True)
    data = os.urandom(SIZE)
    (folder / "rows.json").write_bytes(data)
    entry = {"name": "rows.json", "dataset": "rows", "format": "json", "bytes": SIZE}
    (folder / "manifest.json").write_text(json.dumps({"files": [entry]}))
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "true",
        "VAR_DIR": str(tmp_path / "var"),
        "ENV_FILE": str(tmp_path / "no.env"),
        "DJANGO_SETTINGS_MODULE": "deputized.settings",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c",
        "deputized/gunicorn_conf.py",
        f"--bind=127.0.0.1:{port}",
        "--workers=1",
        "--timeout=1",
        "--no-control-socket",  # none in the home folder
    ]
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        started = time.monotonic()
        answer = slow_get(port, "/downloads/rows.json")
        seconds = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    head, _, content = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head[:200]
    assert seconds > 2, f"the transfer took {seconds:.1f} s: not slower than the timeout"
    assert len(content) == SIZE, f"cut at {len(content)} of {SIZE} bytes after {seconds:.1f} s"
    assert hashlib.sha256(content).digest() == hashlib.sha256(data).digest()
