"""Deciding when a file was published, from ICE's file name checked against the file's content.

ICE's names are often wrong: `01062025pm` for 6 January 2026, `08022025pm` for 2 September 2025,
`090022025am` with a stray digit, `11114025am` garbled. The rules, in order:

1. A converted web-archive roster is dated by its capture time.
2. The name's date stands when it is a real date that the content does not contradict: a list
   cannot be published before the agreements it shows were signed (at least two rows must say so,
   so that one mistyped SIGNED cell cannot move a publication), nor after the day it was fetched.
3. A pending list published together with a participating list (same date digits and slot) takes
   the participating list's date, since only the participating list carries the evidence.
4. Otherwise the digits are repaired: the candidates are the dates one edit away (one digit changed,
   two neighbours swapped, a stray digit dropped), then two edits away, that the content allows and
   that no other distinct file of the same list already occupies. The one nearest the evidence wins:
   the latest signing date in the file, else the day it was fetched, else simply the earliest.
5. A name with no date at all takes the day the file was fetched, if known; otherwise the file
   cannot be dated and is refused (a curator can pass the date explicitly).

Nothing here is keyed to particular file names or dates.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Container, Iterator
from dataclasses import dataclass, field

from deputized.sheets.filenames import IceFileName, date_from_digits

# ICE's 287(g) program began in 1996; no list can be older than that.
EARLIEST_PLAUSIBLE = dt.date(1996, 1, 1)
# How many rows signed after a date it takes to rule that date out.
CONTRADICTING_ROWS = 2


@dataclass(frozen=True, slots=True)
class Dated:
    published_on: dt.date
    slot: str
    rule: str = ""  # empty when the name's own date stands


@dataclass(frozen=True, slots=True)
class Evidence:
    list_kind: str
    today: dt.date
    signing_dates: tuple[dt.date, ...] = ()  # every SIGNED date in the file
    seen_on: dt.date | None = None  # the day the file was fetched live, when known
    partner: Dated | None = None  # the participating list published with this pending list
    partner_name: str = ""
    # (date, slot) pairs other files of the list hold: only asked when the name needs repairing
    occupied: Container[tuple[dt.date, str]] = field(default_factory=frozenset)
    # The signing dates in order, so that a repair's hundred candidate dates are each checked
    # by bisection rather than by a pass over every row.
    _ascending: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_ascending", tuple(sorted(self.signing_dates)))

    @property
    def upper(self) -> dt.date:
        return self.seen_on or self.today + dt.timedelta(days=1)

    def signed_after(self, day: dt.date) -> int:
        return len(self._ascending) - bisect.bisect_right(self._ascending, day)

    def allows(self, day: dt.date) -> bool:
        if not EARLIEST_PLAUSIBLE <= day <= self.upper:
            return False
        return self.signed_after(day) < CONTRADICTING_ROWS


def _edits(digits: str) -> Iterator[str]:
    """Every digit string one edit away: a digit changed, neighbours swapped, a digit dropped."""
    for i, old in enumerate(digits):
        for new in "0123456789":
            if new != old:
                yield digits[:i] + new + digits[i + 1 :]
    for i in range(len(digits) - 1):
        yield digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
    for i in range(len(digits)):
        yield digits[:i] + digits[i + 1 :]


def repair_candidates(digits: str, max_edits: int = 2) -> list[tuple[int, dt.date]]:
    """(edits, date) for every real date within `max_edits` edits of the digits."""
    found: dict[dt.date, int] = {}
    frontier = {digits}
    seen = {digits}
    for distance in range(1, max_edits + 1):
        next_frontier: set[str] = set()
        for text in frontier:
            for candidate in _edits(text):
                if candidate in seen:
                    continue
                seen.add(candidate)
                next_frontier.add(candidate)
                day = date_from_digits(candidate)
                if day is not None and day not in found:
                    found[day] = distance
        frontier = next_frontier
    return sorted((d, day) for day, d in found.items())


def _why_not(name_date: dt.date | None, evidence: Evidence, digits: str) -> str:
    if name_date is None:
        return f"the digits {digits} are not a date"
    after = evidence.signed_after(name_date)
    if after >= CONTRADICTING_ROWS:
        return (
            f"{after} rows of the file were signed after {name_date} "
            f"(the latest on {max(evidence.signing_dates)})"
        )
    if name_date > evidence.upper:
        if evidence.seen_on:
            return f"{name_date} is after the file was fetched ({evidence.seen_on})"
        return f"{name_date} is in the future"
    return f"{name_date} is not plausible"


def date_publication(name: IceFileName, evidence: Evidence) -> Dated | None:
    """The publication date and slot of one file, or None when nothing allows a date."""
    if name.capture is not None:
        return Dated(name.capture.date(), "", "dated by its web-archive capture")
    if not name.digits:
        if evidence.seen_on:
            return Dated(
                evidence.seen_on, name.slot, "no date in ICE's name: the day it was fetched"
            )
        return None
    name_date = name.name_date
    partner = evidence.partner
    if partner is not None and partner.published_on != name_date:
        return Dated(
            partner.published_on,
            name.slot,
            f"ICE's name says {name.digits}; published with {evidence.partner_name}, "
            f"whose content dates both to {partner.published_on}",
        )
    if name_date is not None and evidence.allows(name_date):
        return Dated(name_date, name.slot)
    reason = _why_not(name_date, evidence, name.digits)
    for edits, day in _best_repairs(name.digits, evidence, name.slot):
        plural = "s" if edits > 1 else ""
        return Dated(
            day,
            name.slot,
            f"ICE's name says {name.digits}, but {reason}; read as {day}, the date "
            f"{edits} digit edit{plural} away that best fits the content",
        )
    return None


def _best_repairs(digits: str, evidence: Evidence, slot: str) -> list[tuple[int, dt.date]]:
    candidates = [
        (edits, day)
        for edits, day in repair_candidates(digits)
        if evidence.allows(day) and (day, slot) not in evidence.occupied
    ]
    if not candidates:
        return []
    fewest = min(edits for edits, _ in candidates)
    anchor = max(evidence.signing_dates, default=None) or evidence.seen_on
    if anchor is None:
        return sorted((e, d) for e, d in candidates if e == fewest)[:1]
    return sorted(
        ((e, d) for e, d in candidates if e == fewest),
        key=lambda item: (abs((item[1] - anchor).days), item[1]),
    )[:1]
