"""Each run records its true outcome: a crash after the store, a killed run, two runs at once.

The killed and concurrent runs are real `deputized ingest` processes on the test database (a file:
tests/settings.py), so what holds them apart is the lock the site relies on, not this process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, connections

from deputized.archive.ingest.lock import IngestBusy, ingest_lock
from deputized.archive.ingest.run import run
from deputized.archive.models import IngestRun, Publication
from deputized.history.models import ChangeEvent

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    "2025-04-28am_participatingAgencies04282025am.xlsx",
    "2025-04-28pm_pendingAgencies04282025pm.xlsx",
    "2025-06-12pm_participatingAgencies06122025pm.xlsx",
    "2025-06-13pm_pendingAgencies06132025pm.xlsx",
    "2025-10-17am_participatingAgencies10172025am.xlsx",
    "2025-10-17mid_participatingAgencies10172025mid.xlsx",
]


@pytest.fixture
def files(snapshots_dir) -> list[Path]:
    paths = [snapshots_dir / name for name in FILES]
    assert all(p.exists() for p in paths)
    return paths


@pytest.mark.django_db
def test_a_crash_in_the_history_step_is_recorded_and_repaired_by_the_next_run(files, settings):
    guard = settings.HISTORY_GUARD
    settings.HISTORY_GUARD = {**guard, "a_setting_the_engine_does_not_know": 1}
    with pytest.raises(TypeError):
        run(paths=files[:2], workers=1)

    crashed = IngestRun.objects.get()
    assert crashed.outcome == IngestRun.Outcome.FAILED
    assert "stopped during the step after the store (history, places" in crashed.message
    assert "TypeError" in crashed.message
    assert "the next run repeats the step after the store" in crashed.message
    assert Publication.objects.count() == 2 and not ChangeEvent.objects.exists()

    settings.HISTORY_GUARD = guard
    again = run(paths=files[:2], workers=1)

    assert again.run.files_unchanged == 2 and again.run.files_new == 0
    assert again.run.outcome == IngestRun.Outcome.SUCCEEDED
    assert ChangeEvent.objects.exists()
    # Once repaired, a run with nothing new does not redo it.
    events = ChangeEvent.objects.count()
    third = run(paths=files[:2], workers=1)
    assert "follow_up" in third.run.timings and ChangeEvent.objects.count() == events


def database_url() -> str:
    """The test database as a DATABASE_URL, for a `deputized` command in another process."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = quote(settings["USER"] or "", safe="")
    password = quote(settings["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if user else ""
    host = quote(settings["HOST"] or "localhost", safe="")  # a socket folder is %-quoted
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{credentials}{host}{port}/{quote(settings['NAME'], safe='')}"


def command_environment(var_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "deputized.settings",
        "DATABASE_URL": database_url(),
        "VAR_DIR": str(var_dir),
    }


def ingest_process(paths: list[Path], var_dir: Path) -> subprocess.Popen:
    """`deputized ingest` in its own process, on the test database."""
    env = command_environment(var_dir)
    command = [sys.executable, "manage.py", "ingest", "--workers", "1", *map(str, paths)]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@pytest.mark.django_db(transaction=True)
def test_two_ingests_at_once_report_the_truth(files, tmp_path):
    first, second = (ingest_process(files, tmp_path / label) for label in ("a", "b"))
    outputs = [process.communicate(timeout=180) for process in (first, second)]

    assert [first.returncode, second.returncode] == [0, 0], outputs
    runs = list(IngestRun.objects.order_by("id"))
    assert [(r.files_new, r.files_unchanged, r.files_refused) for r in runs] == [
        (len(files), 0, 0),
        (0, len(files), 0),
    ]
    assert {r.outcome for r in runs} == {IngestRun.Outcome.SUCCEEDED}
    assert Publication.objects.count() == len(files)


@pytest.mark.django_db(transaction=True)
def test_a_killed_ingest_is_marked_interrupted_by_the_next_run(files, tmp_path):
    killed = ingest_process(files, tmp_path)
    deadline = time.monotonic() + 60
    while not IngestRun.objects.exists():
        assert time.monotonic() < deadline and killed.poll() is None, killed.communicate()
        time.sleep(0.05)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(timeout=10)
    stuck = IngestRun.objects.get()
    assert stuck.outcome == IngestRun.Outcome.RUNNING

    result = run(paths=files, workers=1, lock_wait_seconds=5)

    stuck.refresh_from_db()
    assert stuck.outcome == IngestRun.Outcome.INTERRUPTED
    assert stuck.finished_at is not None
    assert f"found by run {result.run.id}" in stuck.message
    assert result.run.outcome == IngestRun.Outcome.SUCCEEDED
    assert Publication.objects.count() == len(files)
    # Whatever the killed run stored is followed up (history) by the run that found it.
    assert ChangeEvent.objects.exists()


@contextlib.contextmanager
def held_by_another_ingest() -> Iterator[None]:
    """The lock held by another connection, as another ingest's process holds it: a thread has
    a connection of its own (PostgreSQL's advisory locks are shared by one connection's calls)."""
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with ingest_lock(wait_seconds=5):
                taken.set()
                release.wait(30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(10)
    try:
        yield
    finally:
        release.set()
        holder.join()


@pytest.mark.django_db
def test_a_run_that_cannot_get_the_lock_says_so_and_records_nothing(files):
    with held_by_another_ingest():
        started = time.monotonic()
        with pytest.raises(IngestBusy, match="another ingest or fetch has been running for the"):
            run(paths=files[:1], workers=1, lock_wait_seconds=0.5)
        waited = time.monotonic() - started
    assert waited >= 0.5
    assert not IngestRun.objects.exists() and not Publication.objects.exists()
    # Once the other run has ended, the same run goes through.
    assert run(paths=files[:1], workers=1, lock_wait_seconds=0.5).run.files_new == 1


@pytest.mark.django_db
def test_a_run_stopped_with_ctrl_c_says_interrupted_and_the_next_run_completes_it(files):
    def ctrl_c_after_the_first_file(message: str) -> None:
        if message.startswith("[1/"):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(paths=files[:3], workers=1, progress=ctrl_c_after_the_first_file)

    stopped = IngestRun.objects.get()
    assert stopped.outcome == IngestRun.Outcome.INTERRUPTED and stopped.finished_at
    assert "stopped during the store: KeyboardInterrupt" in stopped.message
    assert Publication.objects.count() == 1 and not ChangeEvent.objects.exists()

    again = run(paths=files[:3], workers=1)

    assert (again.run.files_new, again.run.files_unchanged) == (2, 1)
    assert again.run.outcome == IngestRun.Outcome.SUCCEEDED
    assert ChangeEvent.objects.filter(publication__first_run=stopped).exists()
