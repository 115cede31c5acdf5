"""How long each of ICE's lists has gone unchanged, and whether that is longer than ICE's rhythm.

ICE stopped publishing its pending list after 2026-02-27 while the participating list went on; a
page that says "0 pending" must say since when. A list has *not changed since* the date of its
latest publication: republished identical bytes are not publications (docs/history.md). It is
measured against the newest date the archive holds of any of ICE's lists (a publication or a
republication), not the clock: the archive knows what ICE published up to then, and a site whose
fetch stopped must not call ICE's lists stale.

The rule, from the archive's real rhythm (docs/operations.md, "Stale lists"): since 2025-04-28,
when both lists were captured every day, the longest ICE went without changing either list while
still publishing it was 17 days (2025-12-12 to 2025-12-29, over the holidays); the median is one
day. A list unchanged for more than `STALE_AFTER_DAYS` (30, nearly twice that) while the archive
holds newer files is stale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max

from deputized.archive.models import ListKind, Publication, Republication

STALE_AFTER_DAYS = 30


@dataclass(frozen=True, slots=True)
class ListFreshness:
    kind: str  # ListKind
    changed_on: dt.date  # its latest publication
    as_of: dt.date  # the newest date the archive holds of any list

    @property
    def days(self) -> int:
        return (self.as_of - self.changed_on).days

    @property
    def stale(self) -> bool:
        return self.days > STALE_AFTER_DAYS


def list_freshness() -> list[ListFreshness]:
    """Each list the archive holds, participating first, with the date it last changed."""
    changed = dict(
        Publication.objects.values("list_kind")
        .annotate(latest=Max("published_on"))
        .values_list("list_kind", "latest")
    )
    if not changed:
        return []
    republished = Republication.objects.aggregate(latest=Max("published_on"))["latest"]
    as_of = max([*changed.values(), *([republished] if republished else [])])
    return [
        ListFreshness(kind, changed[kind], as_of)
        for kind in (ListKind.PARTICIPATING, ListKind.PENDING)
        if kind in changed
    ]


def stale_lists() -> list[ListFreshness]:
    """The lists unchanged for longer than ICE's usual rhythm (see the module docstring)."""
    return [freshness for freshness in list_freshness() if freshness.stale]
