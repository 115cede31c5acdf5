"""The Atom feeds (RFC 4287), with Django's syndication framework: one class per scope.

Each view finds its subject (a state, county, town or agency; 404 when unknown), takes the change
log's events for it (`feeds.selectors`) and turns each into an entry (`feeds.entries`). Titles and
summaries are in the language of the URL (/en/, /es/), which LocaleMiddleware has activated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from deputized.feeds import selectors
from deputized.feeds.caching import (
    feed_etag,
    feed_headers_set,
    feed_version_seen_at,
)
from deputized.feeds.entries import Entry, entry_from_event
from deputized.history.models import ChangeEvent
from deputized.history.version import data_version
from deputized.places.display import local_county_name, local_state_name


class EventAtomFeed(Atom1Feed):
    """Django's Atom writer, plus each entry's kind, status and model as labelled categories, and
    a feed-level `updated` for a feed without entries (the moment its data was first served)."""

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("category", "", {"term": item["kind"], "label": item["kind_label"]})
        for term in ("status", "model"):
            handler.addQuickElement(
                "category", "", {"term": item[term], "label": item[f"{term}_label"]}
            )

    def latest_post_date(self) -> dt.datetime:
        if not self.items and self.feed.get("empty_updated"):
            return self.feed["empty_updated"]
        return super().latest_post_date()


@dataclass(frozen=True, slots=True)
class Scope:
    """What one feed is about: its title, the HTML page it follows (a path), its events."""

    title: str
    subtitle: str
    page: str
    events: QuerySet[ChangeEvent]


@dataclass(frozen=True, slots=True)
class Subject:
    """One feed, built for one request."""

    scope: Scope
    entries: list[Entry]
    home: str  # the site's home page, absolute (the author's uri)
    seen_at: dt.datetime


def _authority(request: HttpRequest) -> str:
    """The site's host without a port: the tagging authority of the entry ids."""
    domain, _port = split_domain_port(request.get_host())
    return domain or "localhost"


class EventFeed(Feed):
    feed_type = EventAtomFeed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        version = data_version()
        seen_at = feed_version_seen_at(version=version)
        response = super().__call__(request, *args, seen_at=seen_at, **kwargs)
        feed_headers_set(
            response, etag=feed_etag(version=version, path=request.path), last_modified=seen_at
        )
        return response

    def scope(self, **kwargs: str) -> Scope | None:
        """The feed's subject from the URL's arguments; None when there is no such place."""
        raise NotImplementedError

    def get_object(
        self, request: HttpRequest, *args: Any, seen_at: dt.datetime, **kwargs: str
    ) -> Subject:
        scope = self.scope(**kwargs)
        if scope is None:
            raise Http404
        language = (get_language() or "en")[:2]
        authority = _authority(request)
        entries = [
            entry_from_event(
                event, authority=authority, language=language, absolute=request.build_absolute_uri
            )
            for event in selectors.feed_events_latest(scope.events)
        ]
        home = request.build_absolute_uri(reverse("web:home"))
        return Subject(scope, entries, home, seen_at)

    def title(self, obj: Subject) -> str:
        return obj.scope.title

    def subtitle(self, obj: Subject) -> str:
        return obj.scope.subtitle

    def link(self, obj: Subject) -> str:
        return obj.scope.page

    def author_name(self) -> str:
        return _("Deputized")

    def author_link(self, obj: Subject) -> str:
        return obj.home

    def feed_copyright(self) -> str:
        return _(
            "Data derived by Deputized from ICE's lists of 287(g) agencies: CC BY 4.0. "
            "Information, not legal advice."
        )

    def feed_extra_kwargs(self, obj: Subject) -> dict[str, Any]:
        return {"empty_updated": obj.seen_at}

    def items(self, obj: Subject) -> list[Entry]:
        return obj.entries

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.summary

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_guid(self, item: Entry) -> str:
        return item.id

    def item_pubdate(self, item: Entry) -> dt.datetime:
        return item.published

    def item_updateddate(self, item: Entry) -> dt.datetime:
        return item.updated

    def item_author_name(self, item: Entry) -> str:
        return _("Deputized")

    def item_extra_kwargs(self, item: Entry) -> dict[str, Any]:
        return {
            "kind": item.kind,
            "kind_label": item.kind_label,
            "status": item.status,
            "status_label": item.status_label,
            "model": item.model,
            "model_label": item.model_label,
        }


def _latest_note() -> str:
    return _(
        "The latest %(count)s changes, newest first, as the change log shows them: a removal "
        "stays suspected until it is confirmed, and a retracted one never happened."
    ) % {"count": selectors.FEED_LENGTH}


class AllChangesFeed(EventFeed):
    def scope(self, **kwargs: str) -> Scope | None:
        return Scope(
            _("Every change to ICE's 287(g) lists"),
            _latest_note(),
            reverse("web:changes"),
            selectors.feed_events_all(),
        )


class StateFeed(EventFeed):
    def scope(self, **kwargs: str) -> Scope | None:
        state = selectors.state_get(code=kwargs["state"])
        if state is None:
            return None
        return Scope(
            _("287(g) changes in %(place)s") % {"place": local_state_name(state)},
            _latest_note(),
            reverse("web:state", kwargs={"state": state.slug}),
            selectors.feed_events_state(state),
        )


class CountyFeed(EventFeed):
    def scope(self, **kwargs: str) -> Scope | None:
        county = selectors.county_get(state=kwargs["state"], slug=kwargs["slug"])
        if county is None:
            return None
        place = f"{local_county_name(county)}, {local_state_name(county.state)}"
        return Scope(
            _("287(g) changes in %(place)s") % {"place": place},
            _(
                "Changes for every agency that polices the county: its sheriff, its towns' "
                "police, regional bodies."
            )
            + " "
            + _latest_note(),
            reverse("web:county", kwargs={"state": county.state.slug, "slug": county.slug}),
            selectors.feed_events_county(county),
        )


class TownFeed(EventFeed):
    def scope(self, **kwargs: str) -> Scope | None:
        town = selectors.town_get(state=kwargs["state"], slug=kwargs["slug"])
        if town is None:
            return None
        place = f"{town.name}, {local_state_name(town.state)}"
        return Scope(
            _("287(g) changes in %(place)s") % {"place": place},
            _(
                "Changes for the agencies whose agreements reach the town: its police and the "
                "county sheriff."
            )
            + " "
            + _latest_note(),
            reverse("web:town", kwargs={"state": town.state.slug, "slug": town.slug}),
            selectors.feed_events_town(town),
        )


class AgencyFeed(EventFeed):
    def scope(self, **kwargs: str) -> Scope | None:
        agency = selectors.agency_get(agency_id=kwargs["agency_id"])
        if agency is None:
            return None
        return Scope(
            _("287(g) changes for %(agency)s (%(state)s)")
            % {"agency": agency.name, "state": agency.state},
            _latest_note(),
            reverse("web:agency", kwargs={"agency_id": agency.id}),
            selectors.feed_events_agency(agency),
        )
