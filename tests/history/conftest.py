"""Helpers for the history tests; the whole real archive is the session's `archive` database
(tests/conftest.py)."""

from __future__ import annotations

from deputized.history.models import Agency, ChangeEvent


def agency_events(state: str, name: str, kind: str | None = None) -> list[ChangeEvent]:
    """Events of the agencies of a state whose spellings contain `name`."""
    ids = [
        a.id
        for a in Agency.objects.filter(state=state)
        if any(name.lower() in s.lower() for s in a.spellings)
    ]
    query = ChangeEvent.objects.filter(agency_id__in=ids).select_related("publication")
    if kind:
        query = query.filter(kind=kind)
    return list(query.order_by("seq"))


def summary(events: list[ChangeEvent]) -> list[tuple]:
    return [(e.kind, e.status, str(e.observed_on), e.model) for e in events]
