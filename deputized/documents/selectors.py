"""Finding a place's documents from a URL: the place, the kinds it is offered, one document."""

from __future__ import annotations

from deputized.documents import texts
from deputized.documents.compose import Document, compose
from deputized.documents.facts import PlaceFacts, county_facts, town_facts
from deputized.documents.kinds import Kind, find, offered
from deputized.oversight.measures import measures_for
from deputized.places.models import County, Municipality

COUNTY, TOWN = "county", "town"


def place_facts(*, state: str, place: str, slug: str) -> PlaceFacts | None:
    """The facts of the county (`place="county"`) or town at this URL; None if there is none.
    Documents exist for North Carolina only: its law is what they are written for."""
    if state.upper() != "NC":
        return None
    if place == COUNTY:
        county = County.objects.filter(state_id="NC", slug=slug).select_related("state").first()
        return county_facts(county) if county else None
    town = (
        Municipality.objects.filter(state_id="NC", slug=slug)
        .select_related("state", "primary_county")
        .first()
    )
    return town_facts(town) if town else None


def measure_keys(facts: PlaceFacts) -> set[str]:
    """The keys of the measures the oversight guidance offers this place (its one rule)."""
    return {measure.key for measure in measures_for(facts.jurisdiction).measures}


def kinds_for(facts: PlaceFacts) -> list[Kind]:
    return offered(facts.jurisdiction.body, measure_keys(facts))


def document_for(facts: PlaceFacts, slug: str, language: str) -> Document | None:
    kind = find(facts.jurisdiction.body, slug, measure_keys(facts))
    return compose(kind, facts, language) if kind else None


def other_kinds(facts: PlaceFacts, document: Document) -> list[tuple[Kind, str]]:
    """The place's other documents, with their titles in the document's language."""
    return [
        (kind, texts.DEFAULTS[kind.key][document.language].title)
        for kind in kinds_for(facts)
        if kind.slug != document.kind.slug
    ]
