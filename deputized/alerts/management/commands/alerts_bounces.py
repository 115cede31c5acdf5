"""`deputized alerts_bounces FILE` (or - for stdin): bounce and complaint notifications, one JSON
object per line (`{"type": "bounce"|"complaint", "email": …}`, or an Amazon SES notification, as
kept from SNS). Hard bounces and complaints stop email alerts to the address. Live notifications
arrive through anymail's tracking webhooks (deputized/alerts/bounces.py)."""

from __future__ import annotations

import contextlib
import json
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deputized.alerts.bounces import parse_bounces
from deputized.alerts.services import bounce_record


class Command(BaseCommand):
    help = "Stop email alerts to addresses that bounced or complained."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON lines, or - for standard input")

    def handle(self, *args, **options) -> None:
        received = stopped = 0
        with contextlib.ExitStack() as stack:
            handle = (
                sys.stdin
                if options["file"] == "-"
                else stack.enter_context(open(options["file"], encoding="utf-8"))
            )
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    items = parse_bounces(json.loads(line))
                except (ValueError, TypeError, AttributeError, KeyError) as exc:
                    raise CommandError(f"line {number}: not a bounce notification") from exc
                received += len(items)
                stopped += sum(bounce_record(email=e, kind=k) for k, e in items)
        self.stdout.write(f"{received} notifications, {stopped} subscriptions stopped")
