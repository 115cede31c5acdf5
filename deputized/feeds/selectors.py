"""Which change events each feed lists.

Every feed starts from the change log's own selector (`history.selectors.event_list`), so a feed and
the change log of the same scope cannot disagree: the same events, in the same order, suspected and
retracted ones included and marked, as the change log shows them. A feed keeps the newest
`FEED_LENGTH`, the change log's first page.
"""

from __future__ import annotations

from django.db.models import QuerySet

from deputized.history.models import Agency, ChangeEvent
from deputized.history.selectors import event_list
from deputized.places.models import County, Municipality, State
from deputized.places.selectors import town_agencies

FEED_LENGTH = 50  # the change log's page size


def feed_events_latest(events: QuerySet[ChangeEvent]) -> list[ChangeEvent]:
    """The newest events of a scope, with what an entry names (the agency's place) in one query."""
    return list(
        events.select_related(
            "agency__place__state",
            "agency__place__county__state",
            "agency__place__municipality__state",
        )[:FEED_LENGTH]
    )


def feed_events_all() -> QuerySet[ChangeEvent]:
    return event_list()


def feed_events_state(state: State) -> QuerySet[ChangeEvent]:
    return event_list(state=state.code)


def feed_events_county(county: County) -> QuerySet[ChangeEvent]:
    return event_list(county=county)


def feed_events_town(town: Municipality) -> QuerySet[ChangeEvent]:
    """A town's changes are those of the agencies whose agreements reach it: its own police
    department when ICE lists it, and the county sheriff (`places.selectors.town_agencies`, the
    rule of the town page and of the town's alerts)."""
    return event_list().filter(agency_id__in=[p.agency_id for p in town_agencies(town)])


def feed_events_agency(agency: Agency) -> QuerySet[ChangeEvent]:
    return event_list().filter(agency=agency)


def state_get(*, code: str) -> State | None:
    return State.objects.filter(code=code.upper()).exclude(code="").first()


def county_get(*, state: str, slug: str) -> County | None:
    return County.objects.select_related("state").filter(state_id=state.upper(), slug=slug).first()


def town_get(*, state: str, slug: str) -> Municipality | None:
    return (
        Municipality.objects.select_related("primary_county", "state")
        .filter(state_id=state.upper(), slug=slug)
        .first()
    )


def agency_get(*, agency_id: str) -> Agency | None:
    return Agency.objects.filter(id=agency_id).first()
