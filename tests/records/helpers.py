"""Agencies for the records tests, made in the test's transaction (rolled back): an agency, its
place and its agreements, without ingesting the archive."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from deputized.archive.models import IngestRun, Publication
from deputized.history.models import Agency, Agreement
from deputized.places.models import AgencyPlace


def make_agency(
    agency_id: str,
    name: str,
    *,
    ori: str,
    county: str | None = None,
    municipality: str | None = None,
    models: tuple[str, ...] = (),
) -> Agency:
    agency = Agency.objects.create(
        id=agency_id, state="NC", name=name, first_seen_on=dt.date(2025, 2, 1)
    )
    AgencyPlace.objects.create(
        agency=agency,
        scope="municipality" if municipality else "county",
        state_id="NC",
        county_id=county,
        municipality_id=municipality,
        ori=ori,
        method="test",
    )
    if models:
        now = timezone.now()
        run = IngestRun.objects.create(command="test", started_at=now)
        publication, _ = Publication.objects.get_or_create(
            sha256="0" * 64,
            defaults={
                "list_kind": "participating",
                "published_on": dt.date(2025, 2, 1),
                "file_name": "test.xlsx",
                "source": "test",
                "size": 1,
                "first_seen_at": now,
                "first_run": run,
                "sheet_name": "Sheet1",
                "headers": [],
                "row_count": len(models),
            },
        )
        for row, model in enumerate(models, start=2):
            Agreement.objects.create(
                id=f"{agency_id}-{model.lower()}",
                agency=agency,
                model=model,
                signed=dt.date(2025, 2, 1),
                status="active",
                first_listed_on=dt.date(2025, 2, 1),
                last_listed_on=dt.date(2025, 2, 1),
                publication=publication,
                row=row,
            )
    return agency
