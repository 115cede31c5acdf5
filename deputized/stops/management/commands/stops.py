"""`deputized stops threshold-test FILE --format jsonl`: the threshold test on aggregated rows;
`deputized stops analyze [--thresholds]`: the 287(g) before/after estimates (and per-agency
thresholds) of the loaded stops, written beside them (`services.stops_analysis_write`)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Traffic-stop analyses. threshold-test: Simoiu et al.'s threshold test on aggregated rows;"
        " analyze: 287(g) before/after estimates (and, with --thresholds, per-agency threshold"
        " tests) of the loaded stops."
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
        analyze = sub.add_parser(
            "analyze",
            help="write effects.json (seconds) and, with --thresholds, thresholds.json (minutes)",
        )
        analyze.add_argument("--folder", type=Path, default=None, help="default STOPS_DIR")
        analyze.add_argument(
            "--thresholds",
            action="store_true",
            help="also fit the threshold test per agency (slow: minutes for 300 agencies)",
        )
        analyze.add_argument("--years", type=int, default=5, help="threshold test: latest years")
        analyze.add_argument("--min-searches", type=int, default=20)
        analyze.add_argument("--agency", action="append", default=None, help="only these (repeat)")
        for name, default in (("--warmup", 500), ("--samples", 500), ("--chains", 2)):
            analyze.add_argument(name, type=int, default=default)
        analyze.add_argument("--seed", type=int, default=0)

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "analyze":
            return self.analyze(options)
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

    def analyze(self, options: dict) -> None:
        import duckdb

        from deputized.stops.services import stops_analysis_write

        try:
            summary = stops_analysis_write(
                folder=options["folder"],
                thresholds=options["thresholds"],
                years=options["years"],
                min_searches=options["min_searches"],
                warmup=options["warmup"],
                samples=options["samples"],
                chains=options["chains"],
                seed=options["seed"],
                agencies=options["agency"],
            )
        except (OSError, ValueError, duckdb.Error) as exc:
            raise CommandError(f"nothing written: {exc}") from None
        self.stdout.write(json.dumps(summary))
