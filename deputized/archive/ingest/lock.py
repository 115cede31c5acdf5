"""One ingest at a time per database, on SQLite and on PostgreSQL.

Two ingests of the same files at once each found the files new, and the slower one then reported
them refused (the faster had stored them). Every run (`ingest`, `fetch`) therefore holds this lock
from before it looks at what the archive holds until its run is recorded; a second run waits.

- PostgreSQL: a session advisory lock, held by the run's own connection.
- SQLite: an exclusive `flock` on a file beside the database file. SQLite is a file on one
  machine, so every process that can write to it can see that lock file.

Either way the operating system or the server releases the lock when the process dies, so a
killed ingest never leaves it held; that is also what lets a run that holds it call every other
run still marked "running" interrupted (`services.ingest_runs_interrupt`).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

# Any fixed 64-bit number, the same in every process: "deputized ingest".
_ADVISORY_KEY = int.from_bytes(hashlib.sha256(b"deputized ingest").digest()[:8], "big", signed=True)
_POLL_SECONDS = 0.2


class IngestBusy(Exception):
    """Another ingest held the lock for longer than this one would wait."""


@contextmanager
def ingest_lock(*, wait_seconds: float) -> Iterator[None]:
    """Hold the database's ingest lock, waiting up to `wait_seconds` for it."""
    if connection.vendor == "postgresql":
        with _advisory_lock(wait_seconds):
            yield
    else:
        with _file_lock(_lock_path(), wait_seconds):
            yield


def _busy(wait_seconds: float) -> IngestBusy:
    return IngestBusy(
        f"another ingest or fetch has been running for the {wait_seconds:g} s this one waited; "
        "try again when it ends"
    )


@contextmanager
def _advisory_lock(wait_seconds: float) -> Iterator[None]:
    ends = time.monotonic() + wait_seconds
    with connection.cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [_ADVISORY_KEY])
            if cursor.fetchone()[0]:
                break
            if time.monotonic() >= ends:
                raise _busy(wait_seconds)
            time.sleep(_POLL_SECONDS)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_ADVISORY_KEY])


def _lock_path() -> Path:
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        # An in-memory database lives in one process: a lock file of that process's own.
        digest = hashlib.sha256(name.encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"deputized-ingest-{digest}-{os.getpid()}.lock"
    return Path(name).with_name(Path(name).name + ".ingest-lock")


@contextmanager
def _file_lock(path: Path, wait_seconds: float) -> Iterator[None]:
    ends = time.monotonic() + wait_seconds
    with path.open("a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= ends:
                    raise _busy(wait_seconds) from None
                time.sleep(_POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
