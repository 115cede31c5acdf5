"""`deputized alerts_purge`: the retention rule for people's data, run daily by cron like
`deliver`. Erases the address (and contact email and consent note) of subscribers who
unsubscribed or bounced more than `ALERTS_RETENTION_DAYS` ago, and deletes expired sign-ups that
were never confirmed. Counts stay; prints counts only."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from deputized.alerts.services import subscribers_purge


class Command(BaseCommand):
    help = "Erase the data of subscribers who left long enough ago, and expired sign-ups."

    def handle(self, *args, **options) -> None:
        report = subscribers_purge()
        self.stdout.write(
            f"erased {report.erased} former subscribers, "
            f"deleted {report.pending_deleted} expired sign-ups"
        )
