"""`deputized deliver`: queue what the history has confirmed since the last run (and the places'
meetings coming within a week and their bodies' votes, civic.py), send the outbox once and exit
(for cron and tests); `--loop` keeps a worker running."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from deputized.alerts.civic import dispatch_civic
from deputized.alerts.dispatch import dispatch
from deputized.alerts.worker import process_outbox


class Command(BaseCommand):
    help = "Send the alerts waiting in the outbox (once, or --loop)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=50, help="deliveries claimed at once")
        parser.add_argument("--loop", action="store_true", help="keep running (a worker)")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between polls")
        parser.add_argument("--digests-now", action="store_true", help="send digests now")
        parser.add_argument("--no-dispatch", action="store_true", help="only send, queue nothing")

    def handle(self, *args, **options) -> None:
        while True:
            if not options["no_dispatch"]:
                queued = dispatch().deliveries + dispatch_civic().deliveries
                if queued:
                    self.stdout.write(f"queued {queued} deliveries")
            stats = process_outbox(batch=options["batch"], force_digests=options["digests_now"])
            if stats.sent or stats.failed or stats.skipped or not options["loop"]:
                self.stdout.write(
                    f"sent {stats.sent} ({stats.messages} messages), failed {stats.failed}, "
                    f"skipped {stats.skipped}"
                )
            if not options["loop"]:
                return
            time.sleep(options["interval"])
