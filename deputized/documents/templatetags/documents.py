"""The short "Model documents" section of a county or town page, drawn from the guidance the
page already has (no query for the kinds), plus the body's recorded votes (one query)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils import translation

from deputized.documents import texts
from deputized.documents.kinds import offered
from deputized.oversight.adoptions import measure_title, place_adoptions
from deputized.oversight.measures import Guidance
from deputized.places.models import County, Municipality

register = template.Library()


def kind_title(key: str, language: str) -> str:
    return texts.DEFAULTS[key][language if language in ("en", "es") else "en"].title


@register.inclusion_tag("documents/includes/links.html")
def model_documents(guidance: Guidance | None, place: County | Municipality) -> dict[str, Any]:
    if guidance is None or place.state_id != "NC":
        return {"items": [], "adoptions": place_adoptions(place)}
    language = (translation.get_language() or "en").split("-")[0]
    county = isinstance(place, County)
    name = "documents:county" if county else "documents:town"
    keys = {measure.key for measure in guidance.measures}
    items = [
        (
            kind_title(kind.key, language),
            reverse(name, kwargs={"state": "nc", "slug": place.slug, "kind": kind.slug}),
        )
        for kind in offered(guidance.jurisdiction.body, keys)
    ]
    return {"items": items, "adoptions": place_adoptions(place)}


@register.filter
def measure_name(key: str) -> str:
    return str(measure_title(key))
