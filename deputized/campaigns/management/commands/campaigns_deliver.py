"""Send confirmed letters (daily limits, bundles) and the sign-on letters that are due."""

from typing import Any

from django.core.management.base import BaseCommand

from deputized.campaigns.models import Campaign
from deputized.campaigns.services import letters_deliver, signon_deliver, signons_due_deliver


class Command(BaseCommand):
    help = "Send queued letters and bundles, and deliver the sign-on letters that are due."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bundles-now", action="store_true", help="Send today's bundles too.")
        parser.add_argument("--signon", metavar="SLUG", help="Deliver this sign-on letter now.")

    def handle(self, *args, **options) -> None:
        stats = letters_deliver(bundles_now=options["bundles_now"])
        self.stdout.write(
            f"letters: {stats.sent} sent, {stats.bundled} bundled, {stats.bundles} bundles sent, "
            f"{stats.failed} failed"
        )
        if options["signon"]:
            campaign = Campaign.objects.get(slug=options["signon"])
            delivered = [signon_deliver(campaign=campaign, force=True)]
        else:
            delivered = signons_due_deliver()
        for delivery in filter(None, delivered):
            self.stdout.write(
                f"sign-on {delivery.campaign.slug}: {delivery.signatures} signatures, "
                f"sha256 {delivery.sha256[:12]}"
            )
