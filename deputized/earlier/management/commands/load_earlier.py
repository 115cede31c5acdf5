"""`deputized load_earlier`: load the sourced agreements from before 2021 (a layer of their own)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from deputized.earlier.loader import EarlierDataError, earlier_agreements_load
from deputized.opendata.services import downloads_build_after_history


class Command(BaseCommand):
    help = "Load the 287(g) agreements before 2021 from shared/data/ice/historical/ (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        try:
            result = earlier_agreements_load()
        except EarlierDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(result.line())
        if result.changed:
            # The downloads carry the layer: once published, they follow it as they follow ICE's.
            downloads_build_after_history()
