"""`deputized load_officials`: load the shared NC officials directory (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from deputized.officials.loader import OfficialsDataMissing, load_officials


class Command(BaseCommand):
    help = (
        "Load sheriffs, legislators, county and town offices from REFERENCE_DATA_DIR/nc/officials."
    )

    def handle(self, *args: object, **options: object) -> None:
        try:
            result = load_officials()
        except OfficialsDataMissing as exc:
            raise CommandError(str(exc)) from exc
        for line in result.lines():
            self.stdout.write(line)
        if not result.changed:
            self.stdout.write("nothing changed")
