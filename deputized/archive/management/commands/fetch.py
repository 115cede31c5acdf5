"""`deputized fetch`: check ICE's 287(g) page and ingest any new list."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from deputized.archive.ingest.live import run_fetch
from deputized.archive.ingest.lock import IngestBusy


class Command(BaseCommand):
    help = "Download ICE's current participating and pending workbooks and ingest what is new."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default=None, help="the 287(g) page (default: settings)")
        parser.add_argument(
            "--timeout", type=float, default=None, help="seconds each request may take in all"
        )
        parser.add_argument(
            "--offline-ok", action="store_true", help="exit 0 when the network is unreachable"
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            report = run_fetch(
                page_url=str(options["url"] or settings.ICE_287G_PAGE_URL),
                timeout=float(options["timeout"] or settings.FETCH_TIMEOUT_SECONDS),  # type: ignore[arg-type]
                progress=lambda m: self.stderr.write(m),
            )
        except IngestBusy as exc:
            raise CommandError(str(exc)) from exc
        if report.problem:
            if report.offline:
                message = f"offline: could not reach ICE's page ({report.problem})"
                if options["offline_ok"]:
                    self.stdout.write(message + "; nothing fetched")
                    return
                raise CommandError(message)
            raise CommandError(report.problem)
        result = report.result
        if result is None:
            return
        r = result.run
        self.stdout.write(
            f"fetch run {r.id}: {r.files_new} new, {r.files_republished} republished, "
            f"{r.files_unchanged} unchanged, {len(report.not_modified)} not modified, "
            f"{r.files_refused} failed"
        )
        for outcome in result.refused():
            self.stderr.write(f"failed {outcome.source}: {outcome.message}")
        if result.refused():
            raise CommandError(f"{len(result.refused())} download(s) failed; nothing else changed")
