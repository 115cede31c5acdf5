"""The confirmed removals, each beside what most resembles it on the lists that followed, for a
curator to review (`deputized report removals`).

A removal is true when the agreement is gone from ICE's list. It is false when the agreement goes
on under another spelling, holder name or state, which the engine's identity rules should have
seen (docs/history.md). For each confirmed removal this looks at the next lists of the same kind
after the agreement's last listing, for rows of the same model that are:
- `same_moa`: linked to the same MOA or addendum file, whatever the holder's name;
- `state_corrected`: the same name and signing date, in another state;
- `respelled`: the same state and signing date, under a close name (`_close`);
- `same_county`: another holder of the same county (COUNTY cell, else the name's), the same
  state and signing date (a board of commissioners' row that becomes its sheriff's);
- `same_date`: any other row of the same state and signing date, the weakest hint;
(the last four only for an agreement that first appeared on that list: one listed before is
another agreement)
and, anywhere later in the archive, an agreement of the same agency and model with another
signing date (`re_signed`). A removal with none of these is `no_candidate`: most likely true.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import dataclass

from deputized.archive.models import Publication, SheetRow
from deputized.history.models import Agreement, ChangeEvent, Listing
from deputized.history.names import (
    county_key,
    distinctive,
    moa_file,
    name_key,
    ratio_at_least,
)
from deputized.history.selectors import publications_in_history_order

REASONS = (
    "same_moa",
    "state_corrected",
    "respelled",
    "same_county",
    "same_date",
    "re_signed",
    "no_candidate",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    reason: str
    file_name: str  # the list it is on, and its row there
    published_on: dt.date
    row: int | None
    state: str
    agency: str
    model: str
    signed: dt.date | None
    similarity: float  # of the keyed names, 0 to 1
    agreement_id: str  # what the history made of it


@dataclass(frozen=True, slots=True)
class RemovalReview:
    seq: int
    observed_on: dt.date
    confirmed_on: dt.date | None
    agreement_id: str
    state: str
    agency: str
    model: str
    signed: dt.date | None
    last_file: str  # the last list that showed it, and its row there
    last_row: int
    moa_file: str
    candidates: tuple[Candidate, ...]

    @property
    def reason(self) -> str:
        """The strongest candidate's reason (`REASONS` order), or `no_candidate`."""
        found = {c.reason for c in self.candidates}
        return next((r for r in REASONS if r in found), "no_candidate")


def _similarity(a: str, b: str) -> float:
    return round(difflib.SequenceMatcher(None, name_key(a), name_key(b)).ratio(), 2)


def removals_review(*, lists_after: int = 2) -> list[RemovalReview]:
    """Every confirmed removal, in the order they arose, with its candidates."""
    order = publications_in_history_order("list_kind", "published_on", "file_name")
    position = {p.id: i for i, p in enumerate(order)}
    by_kind: dict[str, list[Publication]] = defaultdict(list)
    for publication in order:
        by_kind[publication.list_kind].append(publication)
    removals = (
        ChangeEvent.objects.filter(kind=ChangeEvent.Kind.REMOVED, status="confirmed")
        .select_related("agreement__agency")
        .order_by("seq")
    )
    return [_review(event, order, position, by_kind, lists_after) for event in removals]


def _review(
    event: ChangeEvent,
    order: list[Publication],
    position: dict[int, int],
    by_kind: dict[str, list[Publication]],
    lists_after: int,
) -> RemovalReview:
    agreement = event.agreement
    agency = agreement.agency
    # The agreement keeps the last publication that listed it, and its row there.
    last = order[position[agreement.publication_id]]
    sheet_row = SheetRow.objects.filter(publication=last, row=agreement.row).first()
    last_moa = moa_file(sheet_row.moa_url) if sheet_row else ""
    same_kind = by_kind[last.list_kind]
    start = same_kind.index(last) + 1
    candidates: list[Candidate] = []
    for publication in same_kind[start : start + lists_after]:
        candidates += _candidates_on(publication, agreement, agency.name, last_moa)
    candidates += _re_signings(agreement)
    return RemovalReview(
        seq=event.seq,
        observed_on=event.observed_on,
        confirmed_on=event.confirmed_on,
        agreement_id=agreement.id,
        state=agency.state,
        agency=agency.name,
        model=agreement.model,
        signed=agreement.signed,
        last_file=last.file_name,
        last_row=agreement.row,
        moa_file=last_moa,
        candidates=tuple(candidates),
    )


def _candidates_on(
    publication: Publication, agreement: Agreement, name: str, last_moa: str
) -> list[Candidate]:
    listed = dict(
        Listing.objects.filter(publication=publication).values_list("row", "agreement_id")
    )
    first_listed = dict(
        Agreement.objects.filter(id__in=set(listed.values())).values_list("id", "first_listed_on")
    )
    found = []
    rows = SheetRow.objects.filter(publication=publication, model=agreement.model).order_by("row")
    for row in rows:
        other = listed.get(row.row, "")
        if other == agreement.id:
            continue  # the agreement itself, back
        # What continues an agreement appears when it goes; an agreement listed before it went
        # is another one (except under the same MOA file, which the curator should see).
        appeared = other in first_listed and first_listed[other] > agreement.last_listed_on
        reason = _reason(row, agreement, name, last_moa, appeared)
        if reason:
            found.append(
                Candidate(
                    reason=reason,
                    file_name=publication.file_name,
                    published_on=publication.published_on,
                    row=row.row,
                    state=row.state,
                    agency=row.agency,
                    model=row.model,
                    signed=row.signed,
                    similarity=_similarity(name, row.agency),
                    agreement_id=other,
                )
            )
    return sorted(found, key=lambda c: (REASONS.index(c.reason), -c.similarity, c.row or 0))


def _reason(row: SheetRow, agreement: Agreement, name: str, last_moa: str, appeared: bool) -> str:
    if last_moa and moa_file(row.moa_url) == last_moa:
        return "same_moa"
    if not appeared or row.signed != agreement.signed:
        return ""
    old, new = name_key(name), name_key(row.agency)
    if row.state != agreement.agency.state:
        # Many counties share a name across states: the whole name must be the same.
        return "state_corrected" if distinctive(old) == distinctive(new) else ""
    if _close(old, new):
        return "respelled"
    county = county_key(agreement.county) or county_key(name)
    if county and county == (county_key(row.county) or county_key(row.agency)):
        return "same_county"
    return "same_date"


def _close(old: str, new: str) -> bool:
    """Whether two keyed names of one state may be one holder: what tells agencies apart
    ("Pettis", "Indian River Shores") is the same, contained in the other, or nearly the same."""
    a, b = set(distinctive(old).split()), set(distinctive(new).split())
    if not (a and b):
        return False
    return a <= b or b <= a or ratio_at_least(" ".join(sorted(a)), " ".join(sorted(b)), 0.8)


def _re_signings(agreement: Agreement) -> list[Candidate]:
    """Agreements of the same agency and model first listed after this one's last day, under
    another signing date: the agency signed again."""
    later = Agreement.objects.filter(
        agency_id=agreement.agency_id,
        model=agreement.model,
        first_listed_on__gte=agreement.last_listed_on,
    ).exclude(pk=agreement.pk)
    return [
        Candidate(
            reason="re_signed",
            file_name="",
            published_on=other.first_listed_on,
            row=None,
            state=agreement.agency.state,
            agency=agreement.agency.name,
            model=other.model,
            signed=other.signed,
            similarity=1.0,
            agreement_id=other.id,
        )
        for other in later.order_by("first_listed_on")
        if other.signed is not None and other.signed != agreement.signed  # not a pending listing
    ]
