"""`deputized agreements --as-of DATE`: the agreements ICE listed as participating on a date."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandParser

from deputized.history.management.commands.events import parse_day
from deputized.history.selectors import agreements_as_of


class Command(BaseCommand):
    help = "Agreements listed as participating on a date, from the last list published by then."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--state", help="two-letter code, e.g. NC")
        parser.add_argument("--format", choices=["jsonl", "table"], default="table")

    def handle(self, *args: object, **options: object) -> None:
        day = parse_day(options["as_of"], "--as-of") or dt.date.today()  # type: ignore[arg-type]
        for agreement, source in agreements_as_of(day, state=options["state"]):  # type: ignore[arg-type]
            item = {
                "agency": source["agency"],
                "agency_id": agreement.agency_id,
                "agreement_id": agreement.id,
                "model": agreement.model,
                "signed": agreement.signed.isoformat() if agreement.signed else None,
                "county": agreement.county or agreement.agency.county or None,
                "moa_url": agreement.moa_url or None,
                "first_listed": agreement.first_listed_on.isoformat(),
            }
            if options["format"] == "jsonl":
                self.stdout.write(json.dumps(item, ensure_ascii=False))
            else:
                self.stdout.write(
                    f"{item['model']} {item['signed'] or '':<10} {item['agency']} "
                    f"({source['publication'].file_name}, row {source['row']})"
                )
