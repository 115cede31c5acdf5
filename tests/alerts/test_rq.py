"""The same alerts task on Redis: with `TASKS_BACKEND=rq` a dispatch puts the delivery task in a
real Redis queue (the machine's, on loopback), and an RQ worker sends what the outbox holds.
The test uses Redis database 15 and empties it before and after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core import mail
from django.utils import timezone

from deputized.alerts.dispatch import queue_deliveries, wake_workers
from deputized.alerts.models import Delivery, Notice, Subscriber, Topic

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def rq_backend(settings) -> Iterator[object]:
    import redis

    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.fail(f"Redis is not running at {REDIS_URL}: the RQ backend needs it")
    connection.flushdb()
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    yield connection
    connection.flushdb()


def test_a_dispatch_queues_the_task_in_redis_and_an_rq_worker_delivers(rq_backend):
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    subscriber = Subscriber.objects.create(
        channel="email",
        address="vecina@example.org",
        language="es",
        kinds=",new_active,",
        confirmed_at=timezone.now() - dt.timedelta(days=1),
    )
    Topic.objects.create(subscriber=subscriber, key="county:37061", label="Duplin County, NC")
    notice = Notice.objects.create(
        key="new_active|nc-x-police-department-tfm-2025-10-17|1|confirmed",
        kind="new_active",
        stage="confirmed",
        event_kind="new_active",
        event_seq=1,
        agency_id="nc-x-police-department",
        agreement_id="nc-x-police-department-tfm-2025-10-17",
        model="TFM",
        observed_on=dt.date(2025, 10, 17),
        publication_id=1,
        topics=["county:37061"],
    )
    assert queue_deliveries(notice) == 1

    wake_workers()  # what a dispatch does once it has queued deliveries
    queue = django_rq.get_queue("default", job_class=Job)
    assert queue.count == 1 and mail.outbox == []

    worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
    assert worker.work(burst=True)
    assert queue.count == 0
    [message] = mail.outbox
    assert message.to == ["vecina@example.org"]
    assert message.extra_headers["Content-Language"] == "es"
    assert Delivery.objects.get().status == "sent"
