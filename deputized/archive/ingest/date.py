"""Stage 3: gather the evidence for a file's publication date and apply the dating rules."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from deputized.archive.dating import Dated, Evidence, date_publication
from deputized.archive.ingest.read import Candidate
from deputized.archive.models import ListKind, Publication


def partner_of(candidate: Candidate, list_kind: str) -> Publication | None:
    """The participating list published with a pending list: same date digits, same slot."""
    if list_kind != ListKind.PENDING or not candidate.name.digits:
        return None
    return (
        Publication.objects.filter(
            list_kind=ListKind.PARTICIPATING,
            date_in_name=candidate.name.digits,
            slot=candidate.name.slot,
        )
        .order_by("first_seen_at", "id")
        .first()
    )


class _Occupied:
    """The (date, slot) pairs other files of the list hold, asked of the database only if a
    name needs repairing: almost every name's own date stands, and the question grows with the
    archive (one query of every publication of the list, per file ingested)."""

    def __init__(self, list_kind: str, sha256: str) -> None:
        self.list_kind, self.sha256 = list_kind, sha256

    @cached_property
    def pairs(self) -> frozenset[tuple[dt.date, str]]:
        return frozenset(
            Publication.objects.filter(list_kind=self.list_kind)
            .exclude(sha256=self.sha256)
            .values_list("published_on", "slot")
        )

    def __contains__(self, pair: object) -> bool:
        return pair in self.pairs


def date_candidate(
    candidate: Candidate,
    *,
    list_kind: str,
    signing_dates: tuple[dt.date, ...],
    today: dt.date,
) -> Dated | None:
    """Date a file from its name, checked against its content and the archive around it."""
    partner = partner_of(candidate, list_kind)
    evidence = Evidence(
        list_kind=list_kind,
        today=today,
        signing_dates=signing_dates,
        seen_on=candidate.seen_on,
        partner=Dated(partner.published_on, partner.slot, partner.dating_rule) if partner else None,
        partner_name=partner.file_name if partner else "",
        occupied=_Occupied(list_kind, candidate.sha256),
    )
    return date_publication(candidate.name, evidence)
