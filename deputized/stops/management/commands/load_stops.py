"""`deputized load_stops PATH`: load the SBI extract (zip or folder) or Stanford's NC CSV."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deputized.stops.ingest import load
from deputized.stops.ingest.sbi import StopsIngestError


class Command(BaseCommand):
    help = (
        "Load a traffic-stop extract (SBI zip/folder or Stanford NC CSV) into Parquet,"
        " with a quality report."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--target", type=Path, default=None, help="folder to write (default STOPS_DIR)"
        )
        parser.add_argument(
            "--report", action="store_true", help="print the whole quality report as JSON"
        )
        parser.add_argument(
            "--analyze",
            action="store_true",
            help="then write the 287(g) before/after estimates (`stops analyze`, seconds; the"
            " slow per-agency threshold test stays a separate `stops analyze --thresholds`)",
        )

    def handle(
        self,
        *args: object,
        path: Path,
        target: Path | None,
        report: bool,
        analyze: bool = False,
        **options: object,
    ) -> None:
        try:
            result = load.run(path, target=target)
        except StopsIngestError as exc:
            raise CommandError(f"refused, nothing changed: {exc}") from None
        q = result.quality
        self.stdout.write(
            f"{q['stops']} stops from {result.counts['agencies']} agencies into {result.target}; "
            f"{q['missing_times']} without a time; "
            f"{len(q['zero_stop_months'])} agency-months with no stops"
        )
        for name in result.unmatched:
            self.stdout.write(f"unmatched agency: {name}")
        if analyze:
            from deputized.stops.services import stops_analysis_write

            try:
                summary = stops_analysis_write(folder=result.target)
            except (OSError, ValueError) as exc:
                raise CommandError(
                    f"the stops are loaded, but the before/after analysis failed: {exc}."
                    " Fix the cause, then run `deputized stops analyze`."
                ) from None
            self.stdout.write(
                f"before/after estimates: {summary['estimated']} of {summary['agencies']} agencies"
                " with an agreement; for the per-agency threshold test (minutes) run"
                " `deputized stops analyze --thresholds`"
            )
        else:
            self.stdout.write(
                "next: `deputized stops analyze` writes the 287(g) before/after estimates the"
                " pages show (seconds); add --thresholds for the per-agency threshold test"
                " (minutes), or load with --analyze."
            )
        if report:
            self.stdout.write(json.dumps(q, indent=1, default=str))
