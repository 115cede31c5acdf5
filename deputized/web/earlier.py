"""The "before 2021" section of county, town and agency pages, and what they may say about "never".

The archive holds ICE's spreadsheets from its first publication on; the earlier layer
(deputized/earlier) holds sourced agreements from 2002 to 2020. A page says that no agreement is
known only for the dates these two together cover, and says which dates they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Min

from deputized.archive.models import Publication
from deputized.earlier.models import EarlierAgreement
from deputized.earlier.selectors import (
    Coverage,
    earlier_coverage,
    earlier_for_agency,
    earlier_for_county,
    earlier_for_town,
)
from deputized.history.models import Agency
from deputized.places.models import County, Municipality
from deputized.places.selectors import Policing


@dataclass(frozen=True, slots=True)
class EarlierSection:
    agreements: list[EarlierAgreement]
    archive_start: dt.date | None  # ICE's first list in the archive
    coverage: Coverage | None  # None when the earlier layer is not loaded


def _archive_start() -> dt.date | None:
    return Publication.objects.aggregate(first=Min("published_on"))["first"]


def county_earlier(county: County) -> EarlierSection:
    return EarlierSection(
        earlier_for_county(fips=county.fips),
        _archive_start(),
        earlier_coverage(state=county.state_id),
    )


def town_earlier(town: Municipality, policing: Policing, counties: list[County]) -> EarlierSection:
    agreements = earlier_for_town(
        state=town.state_id,
        police_name=policing.name,
        police_ori=policing.ori,
        county_fips=[c.fips for c in counties],
    )
    return EarlierSection(agreements, _archive_start(), earlier_coverage(state=town.state_id))


def agency_earlier(agency: Agency) -> EarlierSection:
    agreements = earlier_for_agency(agency_id=agency.id, state=agency.state)
    return EarlierSection(agreements, _archive_start(), earlier_coverage(state=agency.state))
