"""`deputized officials_purge`: erase submitters' contacts past the retention period (daily)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from deputized.officials.corrections import correction_contacts_purge


class Command(BaseCommand):
    help = "Erase the contacts of correction submitters past OFFICIALS['CONTACT_RETENTION_DAYS']."

    def handle(self, *args: object, **options: object) -> None:
        count = correction_contacts_purge()
        days = settings.OFFICIALS["CONTACT_RETENTION_DAYS"]
        self.stdout.write(f"{count} submitter contact(s) older than {days} days erased")
