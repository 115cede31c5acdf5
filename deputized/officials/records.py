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
