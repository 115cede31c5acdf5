"""Reads of the history: statuses on any date, counts, events."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from deputized.archive.models import ListKind, Publication, SheetRow
from deputized.history.models import Agreement, ChangeEvent, Listing

if TYPE_CHECKING:
    from deputized.places.models import County

KIND_RANK = {ListKind.PARTICIPATING: 0, ListKind.PENDING: 1}


_ORDER = ("published_on", "slot_rank", "list_kind", "first_seen_at", "id")


def publications_in_history_order(*fields: str) -> list[Publication]:
    """Publication order: date, slot, participating before pending, then first seen. With
    `fields`, only those are loaded (with the order's own), not the headers and warnings."""
    query = Publication.objects.order_by("published_on", "slot_rank", "first_seen_at", "id")
    if fields:
        query = query.only(*fields, *_ORDER)
    publications = list(query)
    return sorted(
        publications,
        key=lambda p: (p.published_on, p.slot_rank, KIND_RANK[p.list_kind], p.first_seen_at, p.id),
    )


def last_publication_on(day: dt.date, kind: str = ListKind.PARTICIPATING) -> Publication | None:
    return (
        Publication.objects.filter(list_kind=kind, published_on__lte=day)
        .order_by("-published_on", "-slot_rank", "-first_seen_at", "-id")
        .first()
    )


def agreements_as_of(day: dt.date, *, state: str | None = None) -> list[tuple[Agreement, dict]]:
    """The agreements ICE listed as participating on a date: those of the last participating list
    published on or before it, each with the row (and file) that shows it."""
    publication = last_publication_on(day)
    if publication is None:
        return []
    listings = Listing.objects.filter(publication=publication).select_related("agreement__agency")
    if state:
        listings = listings.filter(agreement__agency__state=state.upper())
    printed = dict(
        SheetRow.objects.filter(publication=publication).values_list("row", "agency")
    )  # the name as ICE printed it in that list
    seen: dict[str, tuple[Agreement, dict]] = {}
    for listing in listings.order_by("row"):
        seen.setdefault(
            listing.agreement_id,
            (
                listing.agreement,
                {"publication": publication, "row": listing.row, "agency": printed[listing.row]},
            ),
        )
    return list(seen.values())


def events(
    *, state: str | None = None, since: dt.date | None = None, kind: str | None = None
) -> QuerySet[ChangeEvent]:
    query = ChangeEvent.objects.select_related("agency", "agreement", "publication")
    if state:
        query = query.filter(agency__state=state.upper())
    if since:
        query = query.filter(observed_on__gte=since)
    if kind:
        query = query.filter(kind=kind)
    return query.order_by("seq")


def counts_by_model(day: dt.date, *, state: str | None = None) -> Counter[str]:
    return Counter(agreement.model for agreement, _ in agreements_as_of(day, state=state))


def counts_by(day: dt.date, field: str, *, state: str | None = None) -> Counter[str]:
    """Counts of agreements listed on a date by `state`, `county` or `model`."""
    values = {
        "state": lambda a: a.agency.state,
        "county": lambda a: a.county or a.agency.county or "",
        "model": lambda a: a.model,
    }[field]
    return Counter(values(agreement) for agreement, _ in agreements_as_of(day, state=state))


def growth(*, state: str | None = None) -> list[tuple[Publication, Counter[str]]]:
    """Counts by model at the first participating publication of each month."""
    firsts: dict[tuple[int, int], Publication] = {}
    for publication in publications_in_history_order():
        if publication.list_kind == ListKind.PARTICIPATING:
            firsts.setdefault(
                (publication.published_on.year, publication.published_on.month), publication
            )
    result = []
    for publication in firsts.values():
        listings = Listing.objects.filter(publication=publication)
        if state:
            listings = listings.filter(agreement__agency__state=state.upper())
        pairs = set(listings.values_list("agreement__model", "agreement_id"))
        result.append((publication, Counter(model for model, _ in pairs)))
    return result


def event_list(
    *,
    state: str | None = None,
    county: County | None = None,
    kind: str | None = None,
    status: str | None = None,
) -> QuerySet[ChangeEvent]:
    """The change log, newest first, filtered: the site's change list and every feed (the
    archive's baseline is no change)."""
    query = ChangeEvent.objects.changes().select_related("agency", "publication")
    if state:
        query = query.filter(agency__state=state.upper())
    if county is not None:
        query = query.filter(agency__place__counties=county)
    if kind:
        query = query.filter(kind=kind)
    if status:
        query = query.filter(status=status)
    return query.order_by("-seq").distinct()
