"""`deputized match_places`: place every ICE agency and print how well that went."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from deputized.places.services import places_match


class Command(BaseCommand):
    help = "Match every agency in ICE's lists to the place it polices; print the numbers."

    def handle(self, *args: object, **options: object) -> None:
        for line in places_match().lines():
            self.stdout.write(line)
