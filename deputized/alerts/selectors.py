"""Reads of the alerts app: what a topic key names, and the places a sign-up form offers."""

from __future__ import annotations

from django.utils.translation import gettext as _

from deputized.history.models import Agency
from deputized.places.display import local_county_name, local_state_name
from deputized.places.models import County, Municipality, State


def topic_label(key: str) -> str | None:
    """The name of what a topic key follows, in the active language; None when it names nothing."""
    scope, _sep, target = key.partition(":")
    if not target:
        return None
    if scope == "state":
        state = State.objects.filter(code=target.upper()).first()
        return local_state_name(state) if state else None
    if scope == "county":
        county = County.objects.filter(fips=target).select_related("state").first()
        return f"{local_county_name(county)}, {county.state_id}" if county else None
    if scope == "town":
        town = Municipality.objects.filter(geoid=target).first()
        return f"{town.name}, {town.state_id}" if town else None
    if scope == "agency":
        agency = Agency.objects.filter(pk=target).first()
        return f"{agency.name} ({agency.state})" if agency else None
    return None


def topic_choices(selected: str = "") -> list[tuple[str, str]]:
    """North Carolina and its counties, plus whatever the visitor came from (a town, an agency,
    another state's county)."""
    choices = [("state:NC", _("All of North Carolina"))]
    choices += [
        (f"county:{c.fips}", local_county_name(c))
        for c in County.objects.filter(state_id="NC").order_by("name")
    ]
    if selected and selected not in dict(choices):
        label = topic_label(selected)
        if label:
            choices.insert(0, (selected, label))
    return choices
