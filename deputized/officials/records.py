"""Officials and meetings as open-data records: one builder each, for the API and the downloads.

Only public facts about public offices: never a correction or its submitter."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from deputized.officials.models import Meeting, Office
from deputized.officials.selectors import holder_of

Record = dict[str, Any]


def _page(key: str) -> str:
    with translation.override("en"):
        return reverse("officials:correct", kwargs={"key": key})


def official_record(office: Office) -> Record:
    """An office read with `selectors.office_list` (prefetched), with its holder and contacts."""
    holder = holder_of(office)
    term = holder.term
    return {
        "key": office.key,
        "role": office.role,
        "name": office.name,
        "county_fips": office.county_id or "",
        "town_geoid": office.municipality_id or "",
        "agency_ori": office.agency_ori,
        "district": office.district,
        "represented_county_fips": sorted(c.fips for c in office.represented_counties.all()),
        "counties_source": office.counties_source,
        "holder": None
        if term is None
        else {
            "name": term.person.name,
            "party": term.person.party,
            "started_on": term.started_on,
            "ends_on": term.ends_on,
            "source": term.source,
            "verified_on": term.verified_on,
        },
        "contacts": [
            {"kind": c.kind, "value": c.value, "source": c.source, "verified_on": c.verified_on}
            for c in holder.contacts
        ],
        "meeting_schedule": office.meeting_schedule,
        "public_comment": office.public_comment,
        "source": office.source,
        "verified_on": office.verified_on,
        "correction_path": _page(office.key),
    }


def meeting_record(meeting: Meeting) -> Record:
    office = meeting.office
    return {
        "id": meeting.pk,
        "office_key": office.key,
        "office_name": office.name,
        "county_fips": office.county_id or "",
        "town_geoid": office.municipality_id or "",
        "starts_at": meeting.starts_at,
        "title": meeting.title,
        "location": meeting.location,
        "agenda_url": meeting.agenda_url,
        "comment_deadline": meeting.comment_deadline,
        "source": meeting.source,
        "verified_on": meeting.verified_on,
    }


CONTACT_COLUMNS = ("email", "phone", "address", "website")
OFFICIAL_FILE_FIELDS = (
    "key",
    "role",
    "name",
    "county_fips",
    "town_geoid",
    "agency_ori",
    "district",
    "represented_county_fips",
    "holder_name",
    "holder_party",
    "holder_started_on",
    "holder_ends_on",
    "holder_source",
    "holder_verified_on",
    *(f"{kind}{part}" for kind in CONTACT_COLUMNS for part in ("", "_source", "_verified_on")),
    "meeting_schedule",
    "public_comment",
    "office_source",
    "office_verified_on",
)
MEETING_FILE_FIELDS = (
    "id",
    "office_key",
    "office_name",
    "county_fips",
    "town_geoid",
    "starts_at",
    "title",
    "location",
    "agenda_url",
    "comment_deadline",
    "meeting_source",
    "verified_on",
)


def official_file_record(office: Office) -> Record:
    """One flat line per office for the downloads (CSV, Parquet, JSON): the API's record with
    the holder and each contact spread over columns."""
    record = official_record(office)
    holder = record["holder"] or {}
    contacts = {c["kind"]: c for c in record["contacts"]}
    flat: Record = {
        "key": record["key"],
        "role": record["role"],
        "name": record["name"],
        "county_fips": record["county_fips"],
        "town_geoid": record["town_geoid"],
        "agency_ori": record["agency_ori"],
        "district": record["district"],
        "represented_county_fips": "|".join(record["represented_county_fips"]),
        "holder_name": holder.get("name", ""),
        "holder_party": holder.get("party", ""),
        "holder_started_on": holder.get("started_on"),
        "holder_ends_on": holder.get("ends_on"),
        "holder_source": holder.get("source", ""),
        "holder_verified_on": holder.get("verified_on"),
    }
    for kind in CONTACT_COLUMNS:
        contact = contacts.get(kind, {})
        flat[kind] = contact.get("value", "")
        flat[f"{kind}_source"] = contact.get("source", "")
        flat[f"{kind}_verified_on"] = contact.get("verified_on")
    flat.update(
        meeting_schedule=record["meeting_schedule"],
        public_comment=record["public_comment"],
        office_source=record["source"],
        office_verified_on=record["verified_on"],
    )
    return flat


def meeting_file_record(meeting: Meeting) -> Record:
    record = meeting_record(meeting)
    record["meeting_source"] = record.pop("source")
    return {field: record[field] for field in MEETING_FILE_FIELDS}
