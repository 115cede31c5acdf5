"""The campaigns' retention rule (docs/campaigns.md), daily."""

from django.core.management.base import BaseCommand

from deputized.campaigns.services import campaigns_purge


class Command(BaseCommand):
    help = (
        "Erase expired unconfirmed letters and, 90 days after a campaign ends, its personal data."
    )

    def handle(self, *args, **options) -> None:
        done = campaigns_purge()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in done.items()))
