"""The background task (django-tasks): send the letters the outbox holds. The table
(`LetterDelivery`) is the queue of record; `deputized campaigns_deliver` runs the same pass."""

from __future__ import annotations

from django_tasks import task

from deputized.campaigns.services import letters_deliver


@task()
def deliver_letters() -> dict[str, int]:
    stats = letters_deliver()
    return {"sent": stats.sent, "bundled": stats.bundled, "failed": stats.failed}
