"""/api/v1/facilities, /api/v1/records-requests and /api/v1/agencies/{agency_id}/cost: NC jail
contracts (ICE detention facilities, their report history and published rates), the public
records requests their requesters made public (reviewed by a curator; never an email), with
their released responses, and the cost model's inputs and outputs per agency."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from deputized.api.errors import ERRORS, NotFoundError
from deputized.api.pages import page_of
from deputized.api.schemas import AGENCY_ID, COUNTY_FIPS, Page, PageQuery, Strict
from deputized.api.selectors import Lazy
from deputized.history.models import Agency
from deputized.records import costs, responses
from deputized.records.models import Facility, ResponseDocument, TrackedRequest
from deputized.records.selectors import facility_list

router = Router(tags=["records"])

FACILITY_ID = r"^[a-z0-9][a-z0-9-]{0,119}$"


class FacilityQuery(Strict):
    county: str | None = Field(
        None, pattern=COUNTY_FIPS, description="County FIPS code (5 digits), e.g. 37001."
    )


class FacilityOut(Schema):
    """An NC facility in ICE's detention statistics (2019–2026) or ICE's 2017 facility list."""

    facility_id: str
    name: str
    city: str
    county_fips: str | None
    type_detailed: str = Field(description="ICE's latest type code: IGSA, USMS IGA, BOP …")
    latest_reported_adp: float | None = Field(description="Flagged report rows left out.")
    max_reported_adp: float | None
    latest_guaranteed_minimum: float | None
    last_data_pull_date: dt.date | None
    per_diem_rate_2017: str = Field(description="ICE's Nov 2017 list, as printed.")
    source: str


class ReportOut(Schema):
    ice_report_file: str
    archived_copy_date: dt.date
    data_pull_date: dt.date | None
    type_detailed: str
    adp: float | None
    guaranteed_minimum: float | None
    data_quality_flag: str = Field(description="Set: left out of every figure.")


class RateOut(Schema):
    agreement: str
    rate_usd_per_detainee_day: str | None
    guaranteed_minimum_beds: str
    contract_value_usd: str | None
    as_of: str
    quote: str
    source_url: str
    note: str


class FacilityDetailOut(FacilityOut):
    reports: list[ReportOut]
    rates: list[RateOut]


class FacilityPage(Page[FacilityOut]):
    pass


def _facility(f: Facility) -> dict[str, Any]:
    return {
        "facility_id": f.facility_id,
        "name": f.name,
        "city": f.city,
        "county_fips": f.county_id,
        "type_detailed": f.type_detailed,
        "latest_reported_adp": f.latest_reported_adp,
        "max_reported_adp": f.max_reported_adp,
        "latest_guaranteed_minimum": f.latest_guaranteed_minimum,
        "last_data_pull_date": f.last_data_pull_date,
        "per_diem_rate_2017": f.per_diem_rate_2017,
        "source": f.source,
    }


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@router.get("/facilities", response={200: FacilityPage, **ERRORS}, summary="List facilities")
def facility_list_view(
    request: HttpRequest, filters: Query[FacilityQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """NC facilities that held ICE detainees, with ICE's type and their latest figures; filter
    by county."""
    return page_of(Lazy(facility_list(county=filters.county), _facility), paging)


@router.get(
    "/facilities/{facility_id}",
    response={200: FacilityDetailOut, **ERRORS},
    summary="One facility",
)
def facility_detail(
    request: HttpRequest, facility_id: str = Path(..., pattern=FACILITY_ID)
) -> dict[str, Any]:
    """A facility with every archived ICE report that lists it (flagged rows marked) and the
    published contract rates with their quotes."""
    facility = Facility.objects.filter(pk=facility_id).first()
    if facility is None:
        raise NotFoundError(f"no facility {facility_id!r}")
    return {
        **_facility(facility),
        "reports": [
            {
                "ice_report_file": r.ice_report_file,
                "archived_copy_date": r.archived_copy_date,
                "data_pull_date": r.data_pull_date,
                "type_detailed": r.type_detailed,
                "adp": r.adp,
                "guaranteed_minimum": r.guaranteed_minimum,
                "data_quality_flag": r.data_quality_flag,
            }
            for r in facility.reports.all()
        ],
        "rates": [
            {
                "agreement": r.agreement,
                "rate_usd_per_detainee_day": _money(r.rate_usd_per_detainee_day),
                "guaranteed_minimum_beds": r.guaranteed_minimum_beds,
                "contract_value_usd": _money(r.contract_value_usd),
                "as_of": r.as_of,
                "quote": r.quote,
                "source_url": r.source_url,
                "note": r.note,
            }
            for r in facility.rates.all()
        ],
    }


class RequestQuery(Strict):
    agency: str | None = Field(None, pattern=AGENCY_ID, description="An agency's id.")


class ResponseOut(Schema):
    id: int
    title: str
    kind: str
    received_on: dt.date
    source: str
    file_path: str = Field(description="Where to download it (a path on this site).")


class RecordsRequestOut(Schema):
    """A request its requester made public, checked by a curator. No personal data."""

    id: str
    agency_id: str
    sent_on: dt.date
    status: Literal[
        "sent", "acknowledged", "fee_estimate", "partial", "complete", "denied", "no_response"
    ]
    status_on: dt.date
    follow_up_due: dt.date
    mediation_due: dt.date
    responses: list[ResponseOut]


class RecordsRequestPage(Page[RecordsRequestOut]):
    pass


def _response(doc: ResponseDocument) -> dict[str, Any]:
    return {
        "id": doc.pk,
        "title": doc.title,
        "kind": doc.kind,
        "received_on": doc.received_on,
        "source": doc.source,
        "file_path": f"/en/records/responses/{doc.pk}/file",
    }


def _request(tracked: TrackedRequest) -> dict[str, Any]:
    public = responses.public_responses().filter(request=tracked)
    return {
        "id": tracked.public_id,
        "agency_id": tracked.agency_id,
        "sent_on": tracked.sent_on,
        "status": tracked.status,
        "status_on": tracked.status_on,
        "follow_up_due": tracked.follow_up_due,
        "mediation_due": tracked.mediation_due,
        "responses": [_response(d) for d in public],
    }


@router.get(
    "/records-requests",
    response={200: RecordsRequestPage, **ERRORS},
    summary="List public records requests",
)
def records_request_list(
    request: HttpRequest, filters: Query[RequestQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """Public records requests their requesters chose to make public, confirmed and reviewed by
    a curator, newest first, with their status, next-step dates and released responses."""
    tracked = TrackedRequest.objects.filter(
        is_public=True, reviewed=True, confirmed_at__isnull=False
    ).defer("email")
    if filters.agency:
        tracked = tracked.filter(agency_id=filters.agency)
    return page_of(Lazy(tracked.order_by("-sent_on", "pk"), _request), paging)


class CostQuery(Strict):
    officers: int = Field(0, ge=0, le=5000, description="287(g)-trained officers (entered).")
    salary: float = Field(0, ge=0, le=1_000_000, description="Annual salary per officer, USD.")
    benefits_percent: float = Field(0, ge=0, le=200, description="Benefits, % of salary.")
    overtime: float = Field(0, ge=0, le=1_000_000, description="Overtime per officer per year.")
    tier: Literal["none", "70", "80", "90"] = Field("none", description="Award tier.")
    budget: float | None = Field(None, ge=1, le=1e11, description="The agency's budget, USD.")


class CostOut(Schema):
    """The cost model: every input (all entered: assumptions) and every output, with the rules'
    sources. Money as decimal strings."""

    agency_id: str
    inputs: dict[str, str | int | None]
    overtime_reimbursed_per_officer: str
    reimbursement_per_officer: str
    reimbursement_per_year: str
    awards_per_year: str
    awards_range: list[str]
    equipment_once_at_most: str
    from_ice_per_year: str
    budget_share_percent: str | None
    rules: dict[str, str]


def _decimal(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


@router.get(
    "/agencies/{agency_id}/cost",
    response={200: CostOut, **ERRORS},
    summary="An agency's reimbursement estimate",
)
def agency_cost(
    request: HttpRequest,
    filters: Query[CostQuery],
    agency_id: str = Path(..., pattern=AGENCY_ID),
) -> dict[str, Any]:
    """What ICE's 2025 program would pay the agency under its published rules, from the inputs
    given (salary, benefits, overtime, trained officers, award tier, budget)."""
    if not Agency.objects.filter(pk=agency_id).exists():
        raise NotFoundError(f"no agency {agency_id!r}")
    budget = _decimal(filters.budget) if filters.budget is not None else None
    e = costs.estimate(
        officers=filters.officers,
        salary=_decimal(filters.salary),
        benefits_rate=_decimal(filters.benefits_percent) / 100,
        overtime=_decimal(filters.overtime),
        tier=filters.tier,
        budget=budget,
    )
    return {
        "agency_id": agency_id,
        "inputs": {
            "officers": e.officers,
            "salary": str(e.salary),
            "benefits_percent": str(_decimal(filters.benefits_percent)),
            "overtime": str(e.overtime),
            "tier": e.tier,
            "budget": _money(budget),
        },
        "overtime_reimbursed_per_officer": str(e.overtime_reimbursed),
        "reimbursement_per_officer": str(e.per_officer),
        "reimbursement_per_year": str(e.per_year),
        "awards_per_year": str(e.awards),
        "awards_range": [str(e.awards_low), str(e.awards_high)],
        "equipment_once_at_most": str(e.equipment),
        "from_ice_per_year": str(e.from_ice),
        "budget_share_percent": _money(e.share),
        "rules": {"reimbursement_and_awards": costs.DHS_RELEASE, "equipment": costs.FOP_STATEMENT},
    }
