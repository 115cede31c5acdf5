"""`deputized subscribe LIST.csv --county duplin --by "Siembra NC"`: add an organizer's consented
list.

The CSV has an `email` or a `phone` column, a `consent` column (when and where each person agreed,
e.g. "2026-11-02 community meeting, Kenansville"; rows without it, or with more than 300
characters, are refused) and optionally `language` (en or es). Each subscriber keeps that note and
who recorded it (`--by`). Prints counts only, never an address."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from deputized.alerts import kinds, routing
from deputized.alerts.models import Mode
from deputized.alerts.services import read_csv, subscribers_import
from deputized.history.models import Agency
from deputized.places.models import County, Municipality


class Command(BaseCommand):
    help = "Add confirmed subscribers from an organizer's consented CSV list."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv")
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--state", help="e.g. NC")
        where.add_argument("--county", help="NC county slug (duplin) or 5-digit FIPS")
        where.add_argument("--town", help="NC town slug (teachey) or Census GEOID")
        where.add_argument("--agency", help="agency id, e.g. nc-duplin-county-sheriffs-office")
        parser.add_argument(
            "--by", required=True, help="who collected the consent (organizer), kept with each"
        )
        parser.add_argument("--language", default="en", choices=["en", "es"])
        parser.add_argument("--mode", default=Mode.IMMEDIATE, choices=Mode.values)
        parser.add_argument(
            "--kinds", help="comma-separated (default: " + ",".join(kinds.DEFAULT_KINDS) + ")"
        )

    def _topic(self, options: dict) -> str:
        if options["state"]:
            return routing.state_key(options["state"])
        if options["county"]:
            value = options["county"]
            county = (
                County.objects.filter(fips=value).first()
                or County.objects.filter(state_id="NC", slug=value).first()
            )
            if county is None:
                raise CommandError(f"no county {value!r}")
            return routing.county_key(county.fips)
        if options["town"]:
            value = options["town"]
            town = (
                Municipality.objects.filter(geoid=value).first()
                or Municipality.objects.filter(state_id="NC", slug=value).first()
            )
            if town is None:
                raise CommandError(f"no town {value!r}")
            return routing.town_key(town.geoid)
        if not Agency.objects.filter(id=options["agency"]).exists():
            raise CommandError(f"no agency {options['agency']!r} in ICE's lists")
        return routing.agency_key(options["agency"])

    def handle(self, *args, **options) -> None:
        chosen = [k.strip() for k in (options["kinds"] or "").split(",") if k.strip()]
        unknown = set(chosen) - set(kinds.CHOOSABLE)
        if unknown:
            raise CommandError(f"unknown kinds: {', '.join(sorted(unknown))}")
        try:
            rows = read_csv(options["csv"])
            report = subscribers_import(
                rows=rows,
                topic=self._topic(options),
                consent_by=options["by"],
                kinds=chosen or None,
                language=options["language"],
                mode=options["mode"],
            )
        except (OSError, ValidationError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"added {report.added}, already subscribed {report.already}, "
            f"refused {report.refused} (no consent, a consent note over 300 characters, "
            "or no valid address)"
        )
