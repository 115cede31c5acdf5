"""`deputized stops threshold-test FILE --format jsonl`: the threshold test on aggregated rows."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Traffic-stop analyses. threshold-test: Simoiu et al.'s threshold test on aggregated rows."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        test = sub.add_parser("threshold-test", help="one JSON line per location and race")
        test.add_argument("file", type=Path)
        test.add_argument("--format", choices=["jsonl"], default="jsonl")
        test.add_argument("--warmup", type=int, default=500)
        test.add_argument("--samples", type=int, default=500)
        test.add_argument("--chains", type=int, default=2)
        test.add_argument("--seed", type=int, default=0)

    def handle(self, *args: object, **options: object) -> None:
        from deputized.stops.analysis import threshold

        try:
            cells = threshold.read_cells(options["file"])
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        result = threshold.fit(
            cells,
            warmup=options["warmup"],
            samples=options["samples"],
            chains=options["chains"],
            seed=options["seed"],
        )
        for row in threshold.results(result):
            self.stdout.write(json.dumps(row))
        self.stderr.write(
            json.dumps(
                {
                    "race_averages": threshold.race_averages(result),
                    "rhat_max": result.rhat_max,
                    "ess_min": result.ess_min,
                    "divergences": result.divergences,
                }
            )
        )
