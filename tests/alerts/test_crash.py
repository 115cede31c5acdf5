"""A worker killed (kill -9) in the middle of a batch loses no delivery, and nothing recorded as
sent is sent again: every delivery reaches the SMTP server exactly once.

The worker is a real `deputized deliver` process. The SMTP server holds the 7th message of the
batch in DATA, before accepting it, and the test kills the worker right then: messages 1 to 6 were
accepted and marked sent, 7 to 20 are claimed by a dead worker, 21 to 40 still queued. A second
worker, once the lease has run out, sends the rest. The workers use the test database.
"""

from __future__ import annotations

import collections
import json
import os
import signal
import time

import pytest

from tests.alerts.servers import (
    MailSink,
    SMTPServer,
    database_url,
    manage,
    start_worker,
    worker_env,
)

SUBSCRIBERS = 40

SEED = f"""
from django.utils import timezone
from deputized.alerts.dispatch import queue_deliveries
from deputized.alerts.models import Notice, Subscriber, Topic
now = timezone.now()
subscribers = Subscriber.objects.bulk_create(
    Subscriber(channel="email", address=f"resident{{i}}@example.org", kinds=",activated,",
               confirmed_at=now, language="en" if i % 2 else "es")
    for i in range({SUBSCRIBERS})
)
Topic.objects.bulk_create(
    Topic(subscriber=s, key="county:37061", label="Duplin") for s in subscribers
)
notice = Notice.objects.create(
    key="activated|nc-beulaville-police-department-tfm-2025-10-17|1|confirmed", kind="activated",
    stage="confirmed", event_kind="activated", event_seq=1,
    agency_id="nc-beulaville-police-department",
    agreement_id="nc-beulaville-police-department-tfm-2025-10-17", model="TFM",
    observed_on="2025-10-17", publication_id=1, topics=["county:37061"],
)
print(queue_deliveries(notice))
"""

STATUS = """
import json
from django.db.models import Count
from deputized.alerts.models import Delivery
print(json.dumps(dict(Delivery.objects.values_list("status").annotate(n=Count("id")))))
"""


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_nothing():
    sink = MailSink(stall_at=7)
    with SMTPServer(sink) as smtp:
        env = worker_env(smtp.port, database_url(), ALERTS_LEASE_SECONDS="2")
        assert manage(env, "shell", "--no-imports", "-c", SEED).strip() == str(SUBSCRIBERS)

        first = start_worker(env, "--batch", "20")
        assert sink.stalled.wait(60), first.communicate(timeout=5)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
        assert first.returncode == -signal.SIGKILL
        assert len(sink.alerts()) == 6
        middle = json.loads(manage(env, "shell", "--no-imports", "-c", STATUS))
        assert middle == {"sent": 6, "claimed": 14, "queued": 20}

        time.sleep(2.5)  # the dead worker's lease runs out
        sink.stall_at = None
        second = start_worker(env, "--batch", "20")
        _out, err = second.communicate(timeout=120)
        assert second.returncode == 0, err[-3000:]

    delivered = collections.Counter(m["X-Deputized-Delivery"] for m in sink.alerts())
    assert len(delivered) == SUBSCRIBERS  # none lost
    assert set(delivered.values()) == {1}  # none twice
    recipients = collections.Counter(m["To"] for m in sink.alerts())
    assert len(recipients) == SUBSCRIBERS and set(recipients.values()) == {1}
    assert json.loads(manage(env, "shell", "--no-imports", "-c", STATUS)) == {"sent": SUBSCRIBERS}
