"""Reads for the pages, the API and the documents: a county's jail contracts, an agency's
liability record, its jail (for the records request)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from deputized.history.models import Agency
from deputized.officials.models import Role
from deputized.officials.selectors import holder_of, office_list, records_custodian
from deputized.places.models import AgencyPlace, County
from deputized.records.charts import adp_chart
from deputized.records.letters import Addressee, Letter, request_letter
from deputized.records.models import Facility, FacilityReport, LiabilityEntry, RateObservation

DAYS_PER_YEAR = 365
# ICE's types under which a local jail holds ICE detainees by contract.
CONTRACT_TYPES = frozenset({"IGSA", "DIGSA", "USMS IGA"})


@dataclass(frozen=True)
class RateMoney:
    """A published rate and what it means per year at the facility's latest ADP:
    ADP × rate × 365, each input shown."""

    rate: RateObservation
    adp: float | None

    @property
    def per_year(self) -> Decimal | None:
        if self.adp is None or self.rate.rate_usd_per_detainee_day is None:
            return None
        value = Decimal(str(self.adp)) * self.rate.rate_usd_per_detainee_day * DAYS_PER_YEAR
        return value.quantize(Decimal("1"))


@dataclass(frozen=True)
class Jail:
    facility: Facility
    reports: tuple[FacilityReport, ...]  # flagged rows left out
    flagged: tuple[FacilityReport, ...]
    money: tuple[RateMoney, ...]
    chart: SafeString
    agency_id: str | None = None  # the sheriff's agency, when ICE lists it: its records request

    @property
    def holds_by_contract(self) -> bool:
        return self.facility.type_detailed in CONTRACT_TYPES


def facility_list(*, county: str | None = None) -> QuerySet[Facility]:
    facilities = Facility.objects.select_related("county").order_by("facility_id")
    if county:
        facilities = facilities.filter(county_id=county)
    return facilities


def _jail(facility: Facility) -> Jail:
    reports = list(facility.reports.all())
    kept = tuple(r for r in reports if not r.data_quality_flag and r.adp is not None)
    flagged = tuple(r for r in reports if r.data_quality_flag)
    money = tuple(RateMoney(rate, facility.latest_reported_adp) for rate in facility.rates.all())
    chart = adp_chart(
        [(r.archived_copy_date, r.adp) for r in kept],
        html_id=f"adp-{facility.facility_id}",
        title=_("ICE detainees held on an average day, %(name)s") % {"name": facility.name},
        description=_(
            "Average daily population in each of %(n)s ICE reports from %(first)s to %(last)s; "
            "highest %(top)s."
        )
        % {
            "n": len(kept),
            "first": kept[0].archived_copy_date.isoformat() if kept else "",
            "last": kept[-1].archived_copy_date.isoformat() if kept else "",
            "top": max((r.adp for r in kept), default=0),
        },
    )
    agency_id = None
    if facility.operator_sheriff_ori:
        agency_id = (
            AgencyPlace.objects.filter(ori=facility.operator_sheriff_ori)
            .values_list("agency_id", flat=True)
            .order_by("agency_id")
            .first()
        )
    return Jail(facility, kept, flagged, money, chart, agency_id)


def county_jails(county: County) -> list[Jail]:
    """The county's facilities in ICE's detention statistics, each with its history."""
    facilities = facility_list(county=county.fips).prefetch_related("reports", "rates")
    return [_jail(f) for f in facilities]


def agency_jail(*, county_fips: str | None, ori: str) -> Facility | None:
    """The jail the agency runs that holds ICE detainees under a contract (IGSA, USMS IGA), from
    the detention data: by the sheriff's ORI."""
    if not ori:
        return None
    return (
        Facility.objects.filter(operator_sheriff_ori=ori, type_detailed__in=CONTRACT_TYPES)
        .order_by("-last_data_pull_date", "facility_id")
        .first()
    )


def liability_for(agency_id: str) -> QuerySet[LiabilityEntry]:
    return LiabilityEntry.objects.filter(agency_id=agency_id).order_by("-date", "pk")


ACTIVE_STATUSES = ("active", "activated", "pending")


def _addressee(holder: Any) -> Addressee:
    with translation.override("en"):
        role = holder.role_label
    email = holder.contact("email")
    phone = holder.contact("phone")
    return Addressee(
        office=f"{role}, {holder.office.name}" if holder.office.name != role else role,
        person=holder.person.name if holder.person else "",
        email=email.value if email else "",
        phone=phone.value if phone else "",
        source=holder.term.source if holder.term else holder.office.source,
    )


@dataclass(frozen=True)
class RequestContext:
    letter: Letter
    jail: Facility | None
    custodian_known: bool


def agency_request(agency: Agency, *, day: dt.date) -> RequestContext:
    """The request for the agency: its models (agreements in force or pending, else every one
    it ever had), whether it heads a county jail holding ICE detainees by contract, its records
    custodian (the sheriff or police chief, G.S. 132-2) and who gets copies for money records
    (the county manager, or the town clerk)."""
    place = AgencyPlace.objects.filter(agency=agency).first()
    ori = place.ori if place else ""
    agreements = agency.agreements.all()
    models = {a.model for a in agreements if a.status in ACTIVE_STATUSES} or {
        a.model for a in agreements
    }
    sheriff = bool(ori) and County.objects.filter(sheriff_ori=ori).exists()
    jail = agency_jail(county_fips=place.county_id if place else None, ori=ori)
    custodian = records_custodian(ori)
    clerks: list[Any] = []
    if place and place.municipality_id and not sheriff:
        clerks = list(office_list(town=place.municipality_id, role=Role.TOWN_CLERK)[:1])
    elif place and place.county_id:
        clerks = list(office_list(county=place.county_id, role=Role.COUNTY_MANAGER)[:1])
    copies = [_addressee(holder_of(office)) for office in clerks]
    letter = request_letter(
        agency_name=agency.name,
        models=models,
        sheriff=sheriff or (place is not None and place.scope == "county"),
        jail_name=jail.name if jail else "",
        to=_addressee(custodian) if custodian else None,
        copies=copies,
        day=day,
    )
    return RequestContext(letter=letter, jail=jail, custodian_known=custodian is not None)
