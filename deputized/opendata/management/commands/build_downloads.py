"""`deputized build_downloads`: rebuild every bulk download from the database."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from deputized.opendata.build import downloads_build


class Command(BaseCommand):
    help = "Write the downloads (CSV, JSON, Parquet, GeoJSON) and their manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--folder", help="where to write them (default: OPENDATA_DIR)")

    def handle(self, *args: object, **options: object) -> None:
        folder = Path(options["folder"]) if options["folder"] else None  # type: ignore[arg-type]
        for line in downloads_build(folder=folder).lines():
            self.stdout.write(line)
