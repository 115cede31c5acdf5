"""`deputized report growth`: counts by model at the first publication of each month."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandParser

from deputized.history.selectors import growth

MODELS = ("JEM", "WSO", "TFM")


class Command(BaseCommand):
    help = "Reports over the history. `growth`: agreements by model, month by month."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("report", choices=["growth"])
        parser.add_argument("--state", help="two-letter code, e.g. NC")
        parser.add_argument("--format", choices=["jsonl", "table"], default="table")

    def handle(self, *args: object, **options: object) -> None:
        if options["format"] == "table":
            self.stdout.write(f"{'published':<13} {'JEM':>5} {'WSO':>5} {'TFM':>5} {'total':>6}")
        for publication, counts in growth(state=options["state"]):  # type: ignore[arg-type]
            row = {
                "date": publication.published_on.isoformat(),
                "slot": publication.slot or None,
                **{model: counts.get(model, 0) for model in MODELS},
                "total": sum(counts.values()),
                "file_name": publication.file_name,
            }
            if options["format"] == "jsonl":
                self.stdout.write(json.dumps(row))
            else:
                self.stdout.write(
                    f"{row['date']}{publication.slot:<3} {row['JEM']:>5} {row['WSO']:>5} "
                    f"{row['TFM']:>5} {row['total']:>6}"
                )
