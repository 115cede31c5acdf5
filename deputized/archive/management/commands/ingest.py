"""`deputized ingest PATH...`: store ICE workbooks (files or folders) in the archive."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from deputized.archive.dating import Dated
from deputized.archive.ingest.lock import IngestBusy
from deputized.archive.ingest.run import run


def _date_and_slot(text: str) -> Dated:
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(am|mid|pm)?", text.strip())
    if not match:
        raise CommandError(f"--date must look like 2026-04-30 or 2026-04-30am, not {text!r}")
    try:
        day = dt.date.fromisoformat(match.group(1))
    except ValueError as exc:
        raise CommandError(f"--date {text!r} is not a real date") from exc
    return Dated(day, match.group(2) or "", "date given by the curator who ingested it")


class Command(BaseCommand):
    help = "Store ICE 287(g) workbooks (files or folders) in the archive; unchanged files are kept."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="*", type=Path, help="files or folders (default: ICE_ARCHIVE_DIRS)"
        )
        parser.add_argument(
            "--date", help="publication date (and slot) for files whose names lack one"
        )
        parser.add_argument("--workers", type=int, default=None, help="reader processes")
        parser.add_argument("--quiet", action="store_true", help="print only the summary")

    def handle(self, *args: object, **options: object) -> None:
        published = _date_and_slot(str(options["date"])) if options["date"] else None
        quiet = bool(options["quiet"])
        paths = list(options["paths"]) or list(settings.ICE_ARCHIVE_DIRS)  # type: ignore[call-overload]
        if not paths:
            raise CommandError("no paths given and ICE_ARCHIVE_DIRS names no existing folder")
        try:
            result = run(
                paths=paths,
                published=published,
                workers=options["workers"],  # type: ignore[arg-type]
                progress=None if quiet else (lambda m: self.stderr.write(m)),
            )
        except IngestBusy as exc:
            raise CommandError(str(exc)) from exc
        r = result.run
        self.stdout.write(
            f"ingest run {r.id}: {r.files_seen} files: {r.files_new} new, "
            f"{r.files_republished} republished, {r.files_unchanged} unchanged, "
            f"{r.files_refused} refused; {r.rows_stored} rows stored"
        )
        for outcome in result.refused():
            self.stderr.write(f"refused {outcome.source}: {outcome.message}")
        if result.refused():
            raise CommandError(f"{len(result.refused())} file(s) refused; nothing else changed")
