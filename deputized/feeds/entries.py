"""One change event as a feed entry: its id, dates, title and summary in the reader's language.

The entry says what the change log says (the change, its status, the agency, the model, ICE's file
and row) and adds the agency's place, with links to the agency's and the place's pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from deputized.history.models import ChangeEvent
from deputized.history.support_models import support_model
from deputized.places.display import local_county_name, local_state_name
from deputized.places.models import AgencyPlace

# The year the ids were first minted; it never changes (tag URIs, RFC 4151).
TAG_YEAR = "2026"


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    summary: str  # HTML
    link: str  # the agency's page, absolute
    published: dt.datetime
    updated: dt.datetime
    kind: str
    kind_label: str
    status: str
    status_label: str
    model: str
    model_label: str


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    url: str


def entry_updated_on(event: ChangeEvent) -> dt.date:
    """The date of the publication that last changed what the entry says: the one that confirmed
    a removal, or brought back what was missing (a retraction); else the one that showed it."""
    if event.status == ChangeEvent.Status.RETRACTED:
        back = event.details.get("returned_on") or event.details.get("activated_on")
        return dt.date.fromisoformat(back) if back else event.observed_on
    if event.status == ChangeEvent.Status.CONFIRMED and event.confirmed_on:
        return max(event.confirmed_on, event.observed_on)
    return event.observed_on


def day_start(day: dt.date) -> dt.datetime:
    """ICE dates its lists by the day in Washington: the start of that day there."""
    return dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(settings.TIME_ZONE))


def entry_id(event: ChangeEvent, *, authority: str, language: str) -> str:
    """A tag URI from what the event is (agreement, kind, the publication that showed it), so it
    survives a replay of the history; one per language, as each language is its own feed."""
    return (
        f"tag:{authority},{TAG_YEAR}:{language}/event/{event.agreement_id}/{event.kind}/"
        f"{event.publication.sha256[:16]}"
    )


def event_place(event: ChangeEvent) -> Place:
    """Where the agency polices, with the page that shows it: its town, its county, or its state."""
    place: AgencyPlace | None = getattr(event.agency, "place", None)
    if place is not None and place.municipality is not None:
        town = place.municipality
        return Place(
            f"{town.name}, {local_state_name(town.state)}",
            reverse("web:town", kwargs={"state": town.state.slug, "slug": town.slug}),
        )
    if place is not None and place.county is not None:
        county = place.county
        return Place(
            f"{local_county_name(county)}, {local_state_name(county.state)}",
            reverse("web:county", kwargs={"state": county.state.slug, "slug": county.slug}),
        )
    state = event.agency.state.lower()
    name = local_state_name(place.state) if place is not None else event.agency.state
    return Place(name, reverse("web:state", kwargs={"state": state}))


def entry_title(event: ChangeEvent) -> str:
    values = {
        "agency": event.agency.name,
        "state": event.agency.state,
        "change": event.get_kind_display(),
        "model": event.model,
        "status": event.get_status_display(),
    }
    if event.status == ChangeEvent.Status.CONFIRMED:
        return _("%(agency)s (%(state)s): %(change)s (%(model)s)") % values
    return _("%(agency)s (%(state)s): %(change)s (%(model)s), %(status)s") % values


def entry_from_event(
    event: ChangeEvent, *, authority: str, language: str, absolute: Callable[[str], str]
) -> Entry:
    agency_url = absolute(reverse("web:agency", kwargs={"agency_id": event.agency_id}))
    place = event_place(event)
    model = support_model(event.model)
    summary = render_to_string(
        "feeds/summary.html",
        {
            "e": event,
            "agency_url": agency_url,
            "place": Place(place.name, absolute(place.url)),
            "model_name": model.name if model else "",
            "back_on": entry_updated_on(event),
        },
    )
    return Entry(
        id=entry_id(event, authority=authority, language=language),
        title=entry_title(event),
        summary="\n".join(line for line in summary.splitlines() if line.strip()),
        link=agency_url,
        published=day_start(event.observed_on),
        updated=day_start(entry_updated_on(event)),
        kind=event.kind,
        kind_label=str(event.get_kind_display()),
        status=event.status,
        status_label=str(event.get_status_display()),
        model=event.model,
        model_label=str(model.name) if model else event.model,
    )
