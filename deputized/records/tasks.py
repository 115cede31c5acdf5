"""The background task (django-tasks): send the tracker's due reminders (tracker.py), once each.
Queue it daily (cron: `deputized records_remind`, or enqueue `send_reminders`)."""

from __future__ import annotations

from django_tasks import task

from deputized.records.tracker import reminders_send


@task()
def send_reminders() -> int:
    return reminders_send()
