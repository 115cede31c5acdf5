"""`deputized load_detention`: load the NC jail contracts data (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from deputized.records.loader import DetentionDataMissing, load_detention


class Command(BaseCommand):
    help = "Load NC ICE detention facilities, their report history and contract rates."

    def handle(self, *args: object, **options: object) -> None:
        try:
            result = load_detention()
        except DetentionDataMissing as exc:
            raise CommandError(str(exc)) from exc
        for line in result.lines():
            self.stdout.write(line)
        if not result.changed:
            self.stdout.write("nothing changed")
