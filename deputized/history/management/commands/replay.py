"""`deputized replay`: rebuild all history from the archive."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from deputized.history.services import history_replay


class Command(BaseCommand):
    help = "Rebuild agencies, agreements and change events from every stored publication."

    def handle(self, *args: object, **options: object) -> None:
        result = history_replay(progress=lambda m: self.stderr.write(m))
        self.stdout.write(
            f"replayed {result.publications} publications: {result.events} events "
            f"in {result.seconds:.1f} s"
        )
