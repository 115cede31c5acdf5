"""The background task (django-tasks): send the letters the outbox holds, and the sign-on
letters that are due. The tables are the queue of record; `deputized campaigns_deliver` runs the
same pass."""

from __future__ import annotations

from django_tasks import task

from deputized.campaigns.services import letters_deliver, signons_due_deliver


@task()
def deliver_letters() -> dict[str, int]:
    stats = letters_deliver()
    signons = signons_due_deliver()
    return {
        "sent": stats.sent,
        "bundled": stats.bundled,
        "failed": stats.failed,
        "signons": len(signons),
    }
