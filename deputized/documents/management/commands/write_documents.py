"""`manage.py write_documents DIR`: every NC place's model documents, as PDF and DOCX, in DIR."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from deputized.documents.services import write_all


class Command(BaseCommand):
    help = "Write every NC place's model documents (PDF and DOCX, en and es) into a folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
        parser.add_argument("--language", choices=["en", "es"], action="append")

    def handle(self, *args: object, **options: object) -> None:
        folder: Path = options["folder"]
        languages = tuple(options["language"] or ("en", "es"))
        started = time.perf_counter()
        count = write_all(folder, workers=options["workers"], languages=languages)
        seconds = time.perf_counter() - started
        self.stdout.write(f"{count:,} documents written to {folder} in {seconds:.0f} s")
