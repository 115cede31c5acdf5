"""`deputized import_officials FILE --by NAME`: an organizer's CSV of a board or council.

The whole file is checked first: one bad row refuses it (each bad row named with its reason)
and nothing is stored. Columns: deputized/officials/imports.py and docs/officials.md."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deputized.officials.imports import ImportRefused, import_rows, read_rows


class Command(BaseCommand):
    help = "Import an organizer's CSV of county or town officials (checked whole first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--by", required=True, help="Who vouches for the file (history).")

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["file"]
        try:
            rows = read_rows(path.read_bytes())
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        except ImportRefused as exc:
            raise CommandError(
                f"{path} refused, nothing stored:\n" + "\n".join(exc.errors)
            ) from exc
        counts = import_rows(rows, by=str(options["by"]))
        self.stdout.write(", ".join(f"{n} {what}" for what, n in counts.items()))
