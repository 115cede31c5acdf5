"""`make bench`, alerts: one event fanned out to 100,000 subscribers, on PostgreSQL.

Run alone with `python -m bench.alerts` (it asks `scripts/ensure-postgres.sh` for a database
named deputized_bench, migrates it and empties the alerts' tables; nothing else is touched):
13. the time to queue one delivery per subscriber (one INSERT … SELECT). Target: < 10 s;
14. a local SMTP server (aiosmtpd, in this process) and, as the baseline, the rate at which raw
    smtplib sends it a rendered alert (four threads, one connection each);
15. the rate at which four `deputized deliver` workers (separate processes: claim, render in the
    subscriber's language, send, mark sent) deliver the queued alerts to the same server,
    measured over a fixed window once they are running.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SUBSCRIBERS = 100_000
QUEUE_TARGET_SECONDS = 10.0
WORKERS = 4
WINDOW_SECONDS = 30.0
BASELINE_MESSAGES = 4_000


def run() -> None:
    """From `bench/__main__.py`: in its own process, on PostgreSQL."""
    subprocess.run([sys.executable, "-m", "bench.alerts"], cwd=PROJECT_ROOT, check=False)


def _database_url() -> str:
    env = {**os.environ, "PGDATABASE_FOR_TESTS": "deputized_bench"}
    done = subprocess.run(
        ["bash", "scripts/ensure-postgres.sh"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


class CountingSink:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001
        with self.lock:
            self.count += 1
        return "250 OK"


def _seed(connection, notice_topics: list[str]) -> None:  # noqa: ANN001
    from deputized.alerts.models import Delivery, Notice, Subscriber, Topic

    tables = ", ".join(m._meta.db_table for m in (Delivery, Notice, Topic, Subscriber))
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        cursor.execute(
            f"""INSERT INTO {Subscriber._meta.db_table}
            (channel, address, contact_email, language, mode, kinds, unconfirmed, status, secret,
             source, created_at, confirmed_at, consecutive_failures)
            SELECT 'email', 'resident' || i || '@example.org', '',
                   CASE WHEN i %% 3 = 0 THEN 'es' ELSE 'en' END, 'immediate',
                   ',pending_listed,activated,new_active,removed,relisted,model_changed,', false,
                   'active', md5(i::text), 'csv', now() - interval '1 day',
                   now() - interval '1 day', 0
            FROM generate_series(1, %s) AS i""",
            [SUBSCRIBERS],
        )
        # Subscribers follow the county, the town, the agency or the state (a mix, as in life).
        cursor.execute(
            f"""INSERT INTO {Topic._meta.db_table} (subscriber_id, key, label, created_at)
            SELECT id, (%s::text[])[1 + id %% {len(notice_topics)}], 'bench',
                   now() - interval '1 day'
            FROM {Subscriber._meta.db_table}""",
            [notice_topics],
        )
        cursor.execute("ANALYZE")


def main() -> None:
    if "DATABASE_URL" not in os.environ or not os.environ["DATABASE_URL"].startswith("postgres"):
        os.environ["DATABASE_URL"] = _database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deputized.settings")
    os.environ["TASKS_BACKEND"] = "dummy"
    import django

    django.setup()
    import platform
    import smtplib

    from aiosmtpd.controller import Controller
    from django.core.management import call_command
    from django.db import connection

    from deputized.alerts.content import notice_content
    from deputized.alerts.dispatch import queue_deliveries
    from deputized.alerts.models import Delivery, Notice, Subscriber
    from deputized.alerts.worker import build_email
    from tests.alerts.servers import free_port

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command log
    call_command("migrate", verbosity=0, interactive=False)
    topics = ["county:37061", "town:3704540", "agency:nc-beulaville-police-department", "state:NC"]
    started = time.perf_counter()
    _seed(connection, topics)
    seeded = time.perf_counter() - started
    notice = Notice.objects.create(
        key="bench|activated|nc-beulaville-police-department-tfm-2025-10-17|confirmed",
        kind="activated",
        stage="confirmed",
        event_kind="activated",
        event_seq=1,
        agency_id="nc-beulaville-police-department",
        agreement_id="nc-beulaville-police-department-tfm-2025-10-17",
        model="TFM",
        observed_on=dt.date(2025, 10, 17),
        publication_id=1,
        topics=topics,
    )
    print(f"date: {dt.date.today().isoformat()}")
    major, minor = divmod(connection.pg_version, 10000)
    cores = os.cpu_count()
    print(f"machine: {platform.machine()}, {cores} cores, PostgreSQL {major}.{minor}")
    print(f"{SUBSCRIBERS:,} subscribers and their topics created in {seeded:.2f} s")
    started = time.perf_counter()
    queued = queue_deliveries(notice)
    queue_seconds = time.perf_counter() - started
    assert queued == SUBSCRIBERS == Delivery.objects.count(), queued
    verdict = "met" if queue_seconds < QUEUE_TARGET_SECONDS else "MISSED"
    label = f"13. queue {queued:,} deliveries (INSERT … SELECT)"
    print(f"{label:<47}{queue_seconds:8.2f} s  target < 10 s: {verdict}")

    sink = CountingSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        # Baseline: a rendered alert, sent with raw smtplib by four threads.
        subscriber = Subscriber.objects.order_by("id").first()
        message = (
            build_email(subscriber, [notice_content(notice, "en")], 0)
            .message()
            .as_bytes(linesep="\r\n")
        )

        def raw(count: int) -> None:
            with smtplib.SMTP("127.0.0.1", port) as client:
                for _ in range(count):
                    client.sendmail("alerts@localhost", ["resident@example.org"], message)

        threads = [threading.Thread(target=raw, args=(BASELINE_MESSAGES // 4,)) for _ in range(4)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        baseline = BASELINE_MESSAGES / (time.perf_counter() - started)
        print(f"14. raw smtplib, 4 threads (baseline)          {baseline:8.0f} messages/s  1.00x")

        env = {
            **os.environ,
            "EMAIL_BACKEND": "smtp",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
            "LOG_LEVEL": "WARNING",
        }
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "deliver",
                    "--no-dispatch",
                    "--loop",
                    "--batch",
                    "100",
                ],
                cwd=PROJECT_ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
            )
            for _ in range(WORKERS)
        ]
        try:
            sent = Delivery.objects.filter(status="sent")
            while sent.count() < 500:  # the workers have started
                time.sleep(0.2)
            first, started = sent.count(), time.perf_counter()
            time.sleep(WINDOW_SECONDS)
            last, elapsed = sent.count(), time.perf_counter() - started
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(30)
        rate = (last - first) / elapsed
        print(
            f"15. {WORKERS} workers, claim+render+send+mark     {rate:8.0f} deliveries/s  "
            f"{rate / baseline:.2f}x  ({last - first:,} in {elapsed:.0f} s; "
            f"{SUBSCRIBERS / rate / 60:.1f} min for all {SUBSCRIBERS:,})"
        )
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
