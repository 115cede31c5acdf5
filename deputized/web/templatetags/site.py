"""Small template helpers the pages need."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from django import template

from deputized.places.display import local_county_name, local_state_name, municipality_kind
from deputized.places.models import County, State
from deputized.places.status import standings
from deputized.sheets.links import is_ice_https
from deputized.web import dating

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, object] | None, key: str) -> object:
    """`{{ support_models|get_item:a.model }}`: a dictionary lookup by a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def county_name(county: County) -> str:
    """A county's name in the reader's language: `Duplin County`, `Condado de Duplin`."""
    return local_county_name(county)


@register.filter
def on_ice_site(url: str | None) -> bool:
    """Only an https link on ice.gov may be labelled as ICE's: a workbook (or an altered page)
    can hold any link, and the label is what a reader trusts."""
    return is_ice_https(url)


@register.filter
def link_host(url: str | None) -> str:
    """The host a link leads to, shown beside a link that is not ICE's (`web.archive.org`)."""
    try:
        return urlsplit(url or "").hostname or ""
    except ValueError:
        return ""


@register.inclusion_tag("web/includes/asof.html")
def lists_as_of() -> dict[str, object]:
    """The ICE lists every status and number on a page is read from (`places.status`): a
    headline number never goes without its date and file."""
    at = standings()
    return {"participating": at.participating, "pending": at.pending}


@register.filter
def state_name(state: State) -> str:
    """A state's name in the reader's language: `North Carolina`, `Carolina del Norte`."""
    return local_state_name(state)


@register.filter
def town_kind(kind: str) -> str:
    """A municipality's kind in the reader's language: `city`, `ciudad`; `town`, `pueblo`."""
    return municipality_kind(kind)


@register.filter
def dating_note(rule: str) -> str:
    """How a list was dated, in the reader's language (`web.dating`)."""
    return dating.dating_note(rule)
