"""`deputized load_places`: load the reference data (Census, FBI roster, NC tables)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from deputized.history.models import Agency
from deputized.places.reference import ReferenceDataMissing, load_reference
from deputized.places.services import places_match


class Command(BaseCommand):
    help = "Load states, counties, NC municipalities and the law-enforcement roster."

    def handle(self, *args: object, **options: object) -> None:
        try:
            result = load_reference()
        except ReferenceDataMissing as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{result.states} states, {result.counties} counties, {result.municipalities} NC "
            f"municipalities, {result.roster_agencies} roster agencies"
        )
        # After the history's updates only the agencies they touch are placed again: new
        # reference data can move any agency, so every one is placed again here.
        if Agency.objects.exists():
            self.stdout.write(places_match().lines()[0])
