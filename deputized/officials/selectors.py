"""Who decides in a place, and how to reach them: for other apps (the site, the API, letters,
records requests, campaigns) to use. Every answer carries its sources and dates.

`who_decides(county=…)` or `who_decides(municipality=…)` reads every office it needs in one query
and their current holders, contacts and next meetings in three more (prefetched).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from deputized.officials.decisions import DECISIONS, ENTRIES
from deputized.officials.models import LEGISLATIVE, Contact, Meeting, Office, Person, Role, Term
from deputized.oversight.jurisdiction import Addressee, Body, Text
from deputized.places.models import County, Municipality

# Offices unverified for longer than this are listed for curators (admin) as due a check.
STALE_AFTER = dt.timedelta(days=183)

# Where each addressee of the oversight rules sits: the role of its office, at county or town.
ADDRESSEE_ROLES: dict[Addressee, tuple[Role, str]] = {
    Addressee.SHERIFF: (Role.SHERIFF, "county"),
    Addressee.COMMISSIONERS: (Role.COMMISSIONERS, "county"),
    Addressee.COUNTY_ATTORNEY: (Role.COUNTY_ATTORNEY, "county"),
    Addressee.COUNCIL: (Role.COUNCIL, "town"),
    Addressee.TOWN_ATTORNEY: (Role.TOWN_ATTORNEY, "town"),
    Addressee.POLICE: (Role.POLICE_CHIEF, "town"),
}
MEMBER_ROLES = {
    Role.COMMISSIONERS: (Role.COMMISSIONERS_CHAIR, Role.COMMISSIONER),
    Role.COUNCIL: (Role.MAYOR, Role.COUNCIL_MEMBER),
}


ROLE_LABELS = dict(Role.choices)


@dataclass(frozen=True, slots=True)
class Holder:
    """An office and, where known, who holds it now and how to reach it."""

    office: Office
    term: Term | None
    contacts: tuple[Contact, ...]
    next_meeting: Meeting | None = None
    members: tuple[Holder, ...] = ()

    @property
    def role_label(self) -> str:
        # A dict lookup: the model's get_role_display hashes every lazy choice on each call.
        return str(ROLE_LABELS[self.office.role])

    @property
    def person(self) -> Person | None:
        return self.term.person if self.term else None

    @property
    def is_body(self) -> bool:
        return self.office.role in {Role.COMMISSIONERS, Role.COUNCIL}

    @property
    def known(self) -> bool:
        """Someone (or, for a body, a way to reach it) is on record."""
        if self.is_body:
            return bool(self.contacts or self.members or self.office.meeting_schedule)
        return self.term is not None

    @property
    def verified_on(self) -> dt.date | None:
        """The oldest date behind what is shown: the page never looks fresher than its data."""
        dates = [c.verified_on for c in self.contacts]
        if self.term:
            dates.append(self.term.verified_on)
        if self.office.verified_on:
            dates.append(self.office.verified_on)
        return min(dates) if dates else None

    def contact(self, kind: str) -> Contact | None:
        return next((c for c in self.contacts if c.kind == kind), None)


@dataclass(frozen=True, slots=True)
class DecisionHolders:
    key: str
    title: Text
    entry: str  # the oversight entry behind it (a measure, or the limit saying nobody here can)
    entry_title: Text
    held: bool
    holders: tuple[Holder, ...]
    # Offices an earlier decision already showed in full: named again with a link to them.
    repeated: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class WhoDecides:
    body: Body
    decisions: tuple[DecisionHolders, ...]
    legislators: tuple[Holder, ...]
    # Every county's list may miss members: 28 districts have no county list in any source.
    legislators_incomplete: bool = True
    missing_chambers: tuple[str, ...] = field(default_factory=tuple)  # no member found at all

    @property
    def as_of(self) -> dt.date | None:
        dates = [
            h.verified_on for d in self.decisions for h in d.holders if h.known and h.verified_on
        ] + [h.verified_on for h in self.legislators if h.verified_on]
        return min(dates) if dates else None


def _offices() -> QuerySet[Office]:
    today = timezone.localdate()
    current = Term.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    upcoming = Meeting.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at")
    return Office.objects.prefetch_related(
        Prefetch("terms", queryset=current.select_related("person"), to_attr="current_terms"),
        Prefetch("contacts", to_attr="all_contacts"),
        Prefetch("meetings", queryset=upcoming, to_attr="upcoming_meetings"),
    )


def _holder(office: Office, members: Iterable[Holder] = ()) -> Holder:
    terms = sorted(office.current_terms, key=lambda t: t.started_on or dt.date.min, reverse=True)
    return Holder(
        office=office,
        term=terms[0] if terms else None,
        contacts=tuple(office.all_contacts),
        next_meeting=office.upcoming_meetings[0] if office.upcoming_meetings else None,
        members=tuple(members),
    )


def _legislators(offices: Iterable[Office], counties: set[str]) -> list[Holder]:
    chosen = [o for o in offices if o.role in LEGISLATIVE and o.crosswalk & counties]
    chosen.sort(key=lambda o: (o.role != Role.STATE_SENATE, int(o.district or 0)))
    return [_holder(o) for o in chosen]


def who_decides(
    *, county: County | None = None, municipality: Municipality | None = None
) -> WhoDecides:
    """For a county or a town: who holds each decision, and the legislators (from the district
    crosswalk, incomplete)."""
    if (county is None) == (municipality is None):
        raise ValueError("give exactly one of county or municipality")
    if municipality is not None:
        county = municipality.primary_county
        counties = {fips for fips in municipality.counties.values_list("fips", flat=True)}
        body = Body.MUNICIPALITY_POLICE if municipality.police_ori else Body.MUNICIPALITY_NO_POLICE
    else:
        counties = {county.fips}
        body = Body.COUNTY
    counties.add(county.fips)
    # The district crosswalk first (a small table, on its index): then one query on primary
    # keys and foreign keys, with no join and no DISTINCT, keeps the county page fast.
    crosswalk: dict[int, set[str]] = {}
    for office_id, fips in Office.represented_counties.through.objects.filter(
        county_id__in=counties
    ).values_list("office_id", "county_id"):
        crosswalk.setdefault(office_id, set()).add(fips)
    where = Q(county=county) | Q(pk__in=list(crosswalk))
    if municipality is not None:
        where |= Q(municipality=municipality)
    offices = list(_offices().filter(where))
    for office in offices:
        office.crosswalk = crosswalk.get(office.pk, set())
    by_role: dict[tuple[Role, str], Office] = {}
    for office in offices:
        scope = "town" if office.municipality_id else "county"
        by_role.setdefault((office.role, scope), office)
    legislators = _legislators(offices, counties)

    def holders_for(addressee: Addressee) -> list[Holder]:
        if addressee is Addressee.LEGISLATORS:
            return legislators
        role, scope = ADDRESSEE_ROLES[addressee]
        office = by_role.get((role, scope))
        if office is None:
            return []
        members = [
            _holder(o)
            for o in offices
            if o.role in MEMBER_ROLES.get(role, ())
            and (o.municipality_id if scope == "town" else not o.municipality_id)
            and o.current_terms
        ]
        return [_holder(office, members)]

    decisions = []
    shown: set[int] = set()
    for decision in DECISIONS:
        rule = decision.rules[body]
        holders: list[Holder] = []
        for addressee in rule.addressees():
            for holder in holders_for(addressee):
                if holder.office.pk not in {h.office.pk for h in holders}:
                    holders.append(holder)
        decisions.append(
            DecisionHolders(
                key=decision.key,
                title=decision.title,
                entry=rule.entry,
                entry_title=ENTRIES[rule.entry].title,
                held=rule.held,
                holders=tuple(holders),
                repeated=frozenset(h.office.pk for h in holders) & shown,
            )
        )
        shown.update(h.office.pk for h in holders)
    chambers = {h.office.role for h in legislators}
    missing = tuple(
        label
        for role, label in ((Role.STATE_HOUSE, "house"), (Role.STATE_SENATE, "senate"))
        if role not in chambers
    )
    return WhoDecides(body, tuple(decisions), tuple(legislators), True, missing)


def legislators_for_county(county: County) -> list[Holder]:
    """The members whose district covers the county, as far as the crosswalk knows."""
    offices = list(_offices().filter(role__in=LEGISLATIVE, represented_counties=county).distinct())
    for office in offices:
        office.crosswalk = {county.fips}
    return _legislators(offices, {county.fips})


def head_of_agency(ori: str) -> Holder | None:
    """The sheriff or police chief heading the agency with this FBI ORI (None: no office known)."""
    if not ori:
        return None
    office = _offices().filter(agency_ori=ori, role__in=[Role.SHERIFF, Role.POLICE_CHIEF]).first()
    return _holder(office) if office else None


def records_custodian(ori: str) -> Holder | None:
    """Who answers a public records request to the agency: its head, the custodian of its
    records under G.S. 132-2."""
    return head_of_agency(ori)


def office_list(
    *,
    county: str | None = None,
    town: str | None = None,
    agency: str | None = None,
    role: str | None = None,
) -> QuerySet[Office]:
    """Offices for the API and downloads, filtered by county FIPS (including the legislators
    whose district covers it), town GEOID, agency ORI and role."""
    offices = _offices().prefetch_related("represented_counties").order_by("key")
    if county:
        offices = offices.filter(Q(county_id=county) | Q(represented_counties=county)).distinct()
    if town:
        offices = offices.filter(municipality_id=town)
    if agency:
        offices = offices.filter(agency_ori=agency)
    if role:
        offices = offices.filter(role=role)
    return offices


def holder_of(office: Office) -> Holder:
    """A holder for one office read with `office_list` (prefetched)."""
    return _holder(office)


def offices_due_a_check() -> QuerySet[Office]:
    """Offices with no current holder, or not verified in six months, for curators (by county)."""
    today = timezone.localdate()
    current = Term.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    stale = today - STALE_AFTER
    return (
        Office.objects.exclude(role__in=[Role.COMMISSIONERS, Role.COUNCIL])
        .filter(
            ~Q(pk__in=current.values("office"))
            | Q(pk__in=current.filter(verified_on__lt=stale).values("office"))
        )
        .order_by("county__name", "municipality__name", "role")
    )


def meeting_list(
    *, county: str | None = None, town: str | None = None, since: dt.date | None = None
) -> QuerySet[Meeting]:
    """Meetings of a county's or town's boards, oldest first (for the API, downloads and the
    calendar feeds)."""
    meetings = Meeting.objects.select_related("office").order_by("starts_at", "pk")
    if county:
        meetings = meetings.filter(office__county_id=county)
    if town:
        meetings = meetings.filter(office__municipality_id=town)
    if since:
        meetings = meetings.filter(starts_at__date__gte=since)
    return meetings
