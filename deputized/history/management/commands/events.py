"""`deputized events`: the change log, one event per line."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deputized.history.models import ChangeEvent
from deputized.history.selectors import events


def event_as_dict(event: ChangeEvent) -> dict[str, object]:
    return {
        "kind": event.kind,
        "status": event.status,
        "observed_on": event.observed_on.isoformat(),
        "confirmed_on": event.confirmed_on.isoformat() if event.confirmed_on else None,
        "state": event.agency.state,
        "agency": event.agency.name,
        "agency_id": event.agency_id,
        "agreement_id": event.agreement_id,
        "model": event.model,
        "signed": event.signed.isoformat() if event.signed else None,
        "county": event.agreement.county or event.agency.county or None,
        "details": event.details,
    }


def parse_day(text: str | None, option: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{option} must be a date like 2026-04-30, not {text!r}") from exc


class Command(BaseCommand):
    help = "Print change events (confirmed, suspected and retracted), oldest first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--state", help="two-letter code, e.g. NC")
        parser.add_argument("--since", help="observed on or after this date (YYYY-MM-DD)")
        parser.add_argument("--kind", choices=ChangeEvent.Kind.values)
        parser.add_argument("--format", choices=["jsonl", "table"], default="table")

    def handle(self, *args: object, **options: object) -> None:
        query = events(
            state=options["state"],  # type: ignore[arg-type]
            since=parse_day(options["since"], "--since"),  # type: ignore[arg-type]
            kind=options["kind"],  # type: ignore[arg-type]
        )
        for event in query.iterator(chunk_size=1000):
            item = event_as_dict(event)
            if options["format"] == "jsonl":
                self.stdout.write(json.dumps(item, ensure_ascii=False))
            else:
                self.stdout.write(
                    f"{item['observed_on']} {item['kind']:<19} {item['status']:<9} "
                    f"{item['state']} {item['model']} {item['agency']}"
                )
