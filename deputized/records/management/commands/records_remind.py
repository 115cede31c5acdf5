"""`deputized records_remind`: queue the tracker's reminders for the task workers."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from deputized.records.tasks import send_reminders


class Command(BaseCommand):
    help = "Queue the records tracker's due reminders (sent once each by a task worker)."

    def handle(self, *args: object, **options: object) -> None:
        result = send_reminders.enqueue()
        self.stdout.write(f"queued {result.id}")
