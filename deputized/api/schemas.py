"""The API's input and output shapes (OpenAPI 3.1 through django-ninja).

Outputs mirror the records of `deputized.opendata.records` field for field (a test checks it);
every field is described in docs/data-dictionary.md (another test checks that).
"""

import datetime as dt
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from ninja import Field, Schema
from pydantic import BeforeValidator, create_model

from deputized.oversight.figures import REPORT_FIGURES

T = TypeVar("T")

STATE = r"^[A-Za-z]{2}$"
COUNTY_FIPS = r"^[0-9]{5}$"
TOWN_GEOID = r"^[0-9]{7}$"
SHA256 = r"^[0-9a-fA-F]{64}$"
AGENCY_ID = r"^[a-z0-9][a-z0-9-]{0,139}$"

ListKind = Literal["participating", "pending"]
Slot = Literal["", "am", "mid", "pm"]
# An agreement's standing (`places.status`): the history's lifecycle, with `suspected_ended` for
# a removal or withdrawal the history suspects and has not confirmed.
AgreementStatus = Literal["pending", "activated", "active", "suspected_ended", "ended", "withdrawn"]
EventKind = Literal[
    "first_seen_in_archive",
    "pending_listed",
    "pending_withdrawn",
    "activated",
    "new_active",
    "removed",
    "relisted",
    "renewed",
    "renamed",
    "holder_corrected",
    "signed_date_changed",
    "moa_posted",
]
EventStatus = Literal["confirmed", "suspected", "retracted"]
Model = Literal["JEM", "WSO", "TFM"]
# A place's or an agency's status (`places.status.Status`), strongest first.
PlaceStatus = Literal["active", "suspected_ended", "pending", "ended", "earlier_only", "none"]
Language = Literal["en", "es"]


def _iso_date(value: object) -> object:
    """Only YYYY-MM-DD: pydantic would also read a number as a Unix time (`since=1.5e-158`)."""
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class Strict(Schema):
    """Query parameters: values are checked (a bad one is a 400); unknown names are ignored."""


# --- inputs ---


class PageQuery(Strict):
    page: int = Field(1, ge=1, le=100_000, description="1-based page number.")
    page_size: int = Field(100, ge=1, le=1000, description="Items per page (at most 1,000).")


class PlaceQuery(Strict):
    state: str | None = Field(None, pattern=STATE, description="Two-letter code, e.g. NC.")
    county: str | None = Field(
        None, pattern=COUNTY_FIPS, description="County FIPS code (5 digits), e.g. 37061."
    )
    town: str | None = Field(
        None, pattern=TOWN_GEOID, description="Town or city Census GEOID (7 digits)."
    )


class AdoptionQuery(Strict):
    state: str | None = Field(None, pattern=STATE, description="Two-letter code, e.g. NC.")
    outcome: Literal["adopted", "considered", "rejected", "tabled"] | None = Field(
        None, description="What the body did."
    )


class EarlierQuery(Strict):
    state: str | None = Field(None, pattern=STATE, description="Two-letter code, e.g. NC.")
    county: str | None = Field(
        None, pattern=COUNTY_FIPS, description="County FIPS code (5 digits), e.g. 37119."
    )


class AgreementQuery(PlaceQuery):
    model: Model | None = Field(None, description="JEM, WSO or TFM.")
    status: AgreementStatus | None = Field(None, description="Current status.")
    as_of: IsoDate | None = Field(
        None,
        description="YYYY-MM-DD: the agreements of the last participating list published on or "
        "before that date, each with the row that listed it.",
    )


class EventQuery(PlaceQuery):
    since: IsoDate | None = Field(None, description="Observed on or after.")
    until: IsoDate | None = Field(None, description="Observed on or before.")
    kind: EventKind | None = None
    status: EventStatus | None = None


class PublicationQuery(Strict):
    list: ListKind | None = Field(None, description="participating or pending.")
    since: IsoDate | None = Field(None, description="Published on or after.")
    until: IsoDate | None = Field(None, description="Published on or before.")


class CountyQuery(Strict):
    state: str | None = Field(None, pattern=STATE, description="Two-letter code, e.g. NC.")


class TownQuery(CountyQuery):
    county: str | None = Field(None, pattern=COUNTY_FIPS, description="County FIPS code.")


OfficialRole = Literal[
    "sheriff",
    "commissioners",
    "commissioner",
    "commissioners_chair",
    "county_manager",
    "county_attorney",
    "clerk_to_board",
    "council",
    "council_member",
    "mayor",
    "town_manager",
    "town_attorney",
    "town_clerk",
    "police_chief",
    "state_house",
    "state_senate",
]


class OfficialQuery(Strict):
    county: str | None = Field(
        None,
        pattern=COUNTY_FIPS,
        description="County FIPS code: its offices and the legislators whose district covers it.",
    )
    town: str | None = Field(None, pattern=TOWN_GEOID, description="Town or city Census GEOID.")
    agency: str | None = Field(
        None,
        pattern=r"^[A-Z]{2}[0-9A-Z]{7}$",
        description="FBI ORI of a sheriff's office or police.",
    )
    role: OfficialRole | None = Field(None, description="One role, e.g. sheriff.")


class MeetingQuery(Strict):
    county: str | None = Field(None, pattern=COUNTY_FIPS, description="County FIPS code.")
    town: str | None = Field(None, pattern=TOWN_GEOID, description="Town or city Census GEOID.")
    since: IsoDate | None = Field(None, description="Meetings on or after this date.")


class LanguageQuery(Strict):
    lang: Language = Field("en", description="Language of the officials' measures: en or es.")


# --- outputs ---


class Source(Schema):
    published_on: dt.date
    slot: Slot
    list: ListKind
    file_name: str
    sha256: str
    row: int | None


class AgencyOut(Schema):
    id: str
    state: str
    name: str
    spellings: list[str]
    county: str
    agency_type: str
    first_seen_on: dt.date
    first_seen_in_archive: bool
    place_scope: str
    place_county_fips: str | None
    place_counties_fips: list[str]
    place_municipality_geoid: str | None


class GrowthOut(Schema):
    """Active agreements by model on the first participating list of one month."""

    scope: str = Field(description="US (every state and territory) or NC.")
    month: str = Field(description="YYYY-MM.")
    jem: int
    wso: int
    tfm: int
    total: int
    source: Source = Field(description="The list counted: the month's first participating list.")


class GrowthQuery(Strict):
    scope: Literal["US", "NC"] = Field("US", description="US (the country) or NC.")


class AdoptionOut(Schema):
    """What a local body did with an oversight measure, from its minutes."""

    place_type: Literal["county", "town"]
    county_fips: str
    town_geoid: str | None
    place_name: str
    state: str
    measure: str
    outcome: Literal["adopted", "considered", "rejected", "tabled"]
    decided_on: dt.date
    vote: str
    minutes_url: str
    summary: str
    copy_path: str | None


class ActivityReportQuery(Strict):
    agency: str | None = Field(
        None,
        pattern=AGENCY_ID,
        description="An agency id, e.g. nc-alamance-county-sheriffs-office.",
    )


class _ActivityReportBase(Schema):
    """A quarter of an agency's 287(g) activity and cost report, as a local body received it."""

    agency_id: str
    year: int
    quarter: int = Field(ge=1, le=4)
    received_by_type: Literal["county", "town"] | None
    received_by_fips: str | None
    received_by_geoid: str | None
    received_by_name: str | None
    received_on: dt.date
    source_url: str
    copy_path: str | None
    note: str


# The figures, one optional count each (null: not in the report), named as in REPORT_FIGURES.
ActivityReportOut = create_model(
    "ActivityReportOut",
    __base__=_ActivityReportBase,
    __doc__=_ActivityReportBase.__doc__,
    **{
        field: (int | None, Field(None, ge=0, description=label))
        for field, label, _group in REPORT_FIGURES
    },
)


class EarlierOut(Schema):
    """An agreement before 2021, from ICE fact sheets and reports (not ICE's spreadsheets)."""

    agreement_id: str
    state: str
    agency: str
    agency_type: str
    county_name: str
    county_fips: str
    ori: str
    model_as_named: str
    model_mapped: str
    signed_date: dt.date
    signed_date_note: str
    signed_source: str
    signed_quote: str
    later_moa_dates: str
    later_moa_source: str
    last_listed_ice: str
    first_unlisted_ice: str
    ended_date: str
    ended_date_precision: str
    how_ended: str
    ended_source: str
    ended_quote: str
    on_ice_list_2021_01_13: str
    other_sources: str
    notes: str
    agency_id: str | None


class AgreementOut(Schema):
    id: str
    agency_id: str
    agency_name: str
    name_in_source: str
    state: str
    county: str
    model: str
    signed: dt.date | None
    status: AgreementStatus
    first_listed_on: dt.date
    first_seen_in_archive: bool
    last_listed_on: dt.date
    moa_url: str
    addendum_url: str
    source: Source


class AgencyDetailOut(AgencyOut):
    agreements: list[AgreementOut]


class EventOut(Schema):
    seq: int
    kind: EventKind
    status: EventStatus
    observed_on: dt.date
    confirmed_on: dt.date | None
    agency_id: str
    agency_name: str
    state: str
    agreement_id: str
    model: str
    signed: dt.date | None
    details: dict[str, Any]
    source: Source


class RepublicationOut(Schema):
    file_name: str
    published_on: dt.date
    slot: Slot


class PublicationOut(Schema):
    sha256: str
    sequence: int
    list: ListKind
    published_on: dt.date
    slot: Slot
    file_name: str
    date_in_name: str
    dating_rule: str
    size: int
    row_count: int
    first_seen_at: dt.datetime
    republications: list[RepublicationOut]
    file_path: str


class RowOut(Schema):
    state: str
    agency: str
    agency_type: str
    county: str
    model: str
    signed: dt.date | None
    signed_as_printed: str
    moa_url: str
    addendum_url: str
    repeats_row: int | None
    agreement_id: str | None
    source: Source


class AgreementBrief(Schema):
    id: str
    model: str
    signed: dt.date | None
    status: AgreementStatus


class PlaceAgencyOut(Schema):
    agency_id: str
    name: str
    scope: str
    status: PlaceStatus
    agreements: list[AgreementBrief]


class CitationOut(Schema):
    label: str
    url: str


class BillOut(Schema):
    key: str
    label: str
    name: str
    status: str
    source: str
    url: str
    checked_on: dt.date


class GuidanceItem(Schema):
    key: str
    title: str
    text: str
    basis: str
    recommendation: CitationOut | None
    question: str
    ask: str
    checked_on: dt.date | None
    citations: list[CitationOut]
    bills: list[BillOut]
    addressed_to: list[str]


class GuidanceOut(Schema):
    body: str
    status: str
    models: list[str]
    pending_models: list[str]
    who: str
    urgency: str | None
    measures: list[GuidanceItem]
    limits: list[GuidanceItem]
    state_duties: list[GuidanceItem]
    disclaimer: str


class CountyOut(Schema):
    fips: str
    state: str
    name: str
    full_name: str
    slug: str
    status: PlaceStatus
    models: list[str]
    page_path: str


class CountyDetailOut(CountyOut):
    agencies: list[PlaceAgencyOut]
    guidance: GuidanceOut | None


class TownOut(Schema):
    geoid: str
    state: str
    name: str
    full_name: str
    kind: str
    slug: str
    county_fips: str
    own_police: bool
    page_path: str


class PolicedByOut(Schema):
    name: str
    ori: str
    own_police: bool


class TownDetailOut(TownOut):
    policed_by: PolicedByOut
    agencies: list[PlaceAgencyOut]
    guidance: GuidanceOut | None


class HolderOut(Schema):
    name: str
    party: str
    started_on: dt.date | None
    ends_on: dt.date | None
    source: str
    verified_on: dt.date


class ContactOut(Schema):
    kind: Literal["email", "phone", "address", "website", "comment"]
    value: str
    source: str
    verified_on: dt.date


class OfficialOut(Schema):
    key: str
    role: OfficialRole
    name: str
    county_fips: str
    town_geoid: str
    agency_ori: str
    district: str
    represented_county_fips: list[str]
    counties_source: str
    holder: HolderOut | None
    contacts: list[ContactOut]
    meeting_schedule: str
    public_comment: str
    source: str
    verified_on: dt.date | None
    correction_path: str


class MeetingOut(Schema):
    id: int
    office_key: str
    office_name: str
    county_fips: str
    town_geoid: str
    starts_at: dt.datetime
    title: str
    location: str
    agenda_url: str
    comment_deadline: dt.datetime | None
    source: str
    verified_on: dt.date


class Page(Schema, Generic[T]):
    count: int = Field(description="Items matching the filters, on every page.")
    page: int
    page_size: int
    pages: int
    items: list[T]


class ErrorDetail(Schema):
    parameter: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorDetail] = []


class AgencyPage(Page[AgencyOut]):
    pass


class AgreementPage(Page[AgreementOut]):
    pass


class EarlierPage(Page[EarlierOut]):
    pass


class AdoptionPage(Page[AdoptionOut]):
    pass


class ActivityReportPage(Page[ActivityReportOut]):
    pass


class StopsMeasureQuery(Strict):
    agency: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="The agency's name as the traffic-stop data spells it.",
    )


class StopsMeasurePage(Page[dict[str, Any]]):
    pass


class GrowthPage(Page[GrowthOut]):
    pass


class EventPage(Page[EventOut]):
    pass


class PublicationPage(Page[PublicationOut]):
    pass


class RowPage(Page[RowOut]):
    pass


class CountyPage(Page[CountyOut]):
    pass


class TownPage(Page[TownOut]):
    pass


class OfficialPage(Page[OfficialOut]):
    pass


class MeetingPage(Page[MeetingOut]):
    pass
