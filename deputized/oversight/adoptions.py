"""Reads of the adoption record: what each body did with a measure, for the place pages, the
documents, the map layer, the API and the alerts."""

from __future__ import annotations

from deputized.oversight import data
from deputized.oversight.jurisdiction import Text
from deputized.oversight.models import Adoption
from deputized.places.models import County, Municipality

TITLES: dict[str, Text] = {entry.key: entry.title for entry in data.MEASURES}


def measure_title(key: str) -> Text:
    """The measure's default title (lazy: it renders in the reader's language)."""
    return TITLES.get(key, key)


def place_adoptions(place: County | Municipality) -> list[Adoption]:
    """The body's recorded decisions, newest first."""
    field = "county" if isinstance(place, County) else "municipality"
    return list(Adoption.objects.filter(**{field: place}))


def counties_with_adoptions(outcome: str = Adoption.Outcome.ADOPTED) -> set[str]:
    """The FIPS codes of counties where the county or one of its towns adopted a measure (the NC
    map's "oversight adopted" layer); a town counts for its primary county."""
    found = Adoption.objects.filter(outcome=outcome)
    counties = set(found.filter(county__isnull=False).values_list("county_id", flat=True))
    towns = found.filter(municipality__isnull=False)
    return counties | set(towns.values_list("municipality__primary_county_id", flat=True))


def adoption_list(*, state: str | None = None, outcome: str | None = None) -> list[Adoption]:
    query = Adoption.objects.select_related("county", "municipality").order_by("-decided_on", "pk")
    if state:
        state = state.upper()
        query = query.filter(county__state_id=state) | query.filter(municipality__state_id=state)
    if outcome:
        query = query.filter(outcome=outcome)
    return list(query)
