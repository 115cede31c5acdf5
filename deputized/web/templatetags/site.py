"""Small template helpers the pages need."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

from deputized.places.models import County
from deputized.web.figures import local_county_name

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, object] | None, key: str) -> object:
    """`{{ support_models|get_item:a.model }}`: a dictionary lookup by a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def county_name(county: County) -> str:
    """A county's name in the reader's language: `Duplin County`, `Condado de Duplin`."""
    return local_county_name(county)
