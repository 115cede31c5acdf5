"""The name of the public body that would adopt a document, in the reader's language.

One small function on purpose: the officials directory will know each body's exact name, and this
is the one place to switch to it.
"""

from __future__ import annotations

from deputized.places.models import County, Municipality

_TOWN_BODY_EN = {"city": "City Council", "village": "Village Council"}


def county_body(county: County, language: str) -> str:
    """ "Alamance County Board of Commissioners"; "Junta de Comisionados del Condado de …"."""
    if language == "es":
        return f"Junta de Comisionados del Condado de {county.name}"
    return f"{county.full_name} Board of Commissioners"


def town_body(town: Municipality, language: str) -> str:
    """ "Carrboro Town Council", "Durham City Council"; "Concejo Municipal de Carrboro"."""
    if language == "es":
        return f"Concejo Municipal de {town.name}"
    return f"{town.name} {_TOWN_BODY_EN.get(town.kind, 'Town Council')}"


def body_name(place: County | Municipality, language: str) -> str:
    if isinstance(place, County):
        return county_body(place, language)
    return town_body(place, language)
