"""The background task (django-tasks): send what the outbox holds.

The outbox is the queue of record; this task only says "there is work". It is enqueued after a
dispatch queued deliveries, on the backend `TASKS` names (the database backend by default, RQ
when `TASKS_BACKEND=rq`). Retries need no task of their own: a failed delivery is back in the
outbox with a due time, which the next task or cron run of `deputized deliver` picks up.
"""

from __future__ import annotations

from django_tasks import task

from deputized.alerts.worker import process_outbox


@task()
def deliver_outbox() -> dict[str, int]:
    stats = process_outbox()
    return {"sent": stats.sent, "failed": stats.failed, "skipped": stats.skipped}
