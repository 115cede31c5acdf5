"""Load the shared officials directory (`REFERENCE_DATA_DIR/nc/officials/`, see its README).

Idempotent and keyed by the files' stable ids: a second run with the same files changes nothing.
A row a curator edited (`curated_at`) after the file's "as of" date is kept as the curator left
it: the files predate the edit, so they cannot know better. Every write goes through
django-simple-history with the file as the change reason, so each fact's history names its source.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from deputized.officials.models import Contact, Office, Person, Role, Term
from deputized.places.models import County, Municipality

# The day each source was taken (the directory's README): what "as of" shows on the pages.
LEGISLATORS_AS_OF = dt.date(2026, 8, 5)  # Open States snapshot
SHERIFFS_AS_OF = dt.date(2026, 4, 8)  # NCSA directory, taken after its 2026-04-08 chart
CONTACTS_AS_OF = dt.date(2026, 5, 27)  # 287(g) Watch's scraped profiles (earliest used version)
DIRECTORY_AS_OF = dt.date(2026, 12, 4)  # the directory's build (places, empty columns)

# The offices every county and town has, whoever holds them: unknown ones are shown as unknown
# and invite a correction, rather than disappear.
COUNTY_OFFICES = (
    (Role.COMMISSIONERS, "commissioners", "{county} Board of Commissioners"),
    (Role.COUNTY_MANAGER, "manager", "{county} Manager"),
    (Role.COUNTY_ATTORNEY, "attorney", "{county} Attorney"),
    (Role.CLERK_TO_BOARD, "clerk", "Clerk to the {county} Board of Commissioners"),
)
TOWN_OFFICES = (
    (Role.COUNCIL, "council", "{town} {kind} Council"),
    (Role.MAYOR, "mayor", "Mayor of {town}"),
    (Role.TOWN_MANAGER, "manager", "{town} {kind} Manager"),
    (Role.TOWN_ATTORNEY, "attorney", "{town} {kind} Attorney"),
    (Role.TOWN_CLERK, "clerk", "{town} {kind} Clerk"),
)


Rows = list[dict[str, str]]


class OfficialsDataMissing(Exception):
    """The shared officials directory is not where the settings say."""


@dataclass
class LoadResult:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)  # curators' newer edits left alone
    ended: int = 0  # terms ended because the files name someone else

    def lines(self) -> list[str]:
        names = sorted({*self.created, *self.updated, *self.kept})
        lines = [
            f"{name}: {self.created[name]} created, {self.updated[name]} updated, "
            f"{self.kept[name]} kept as curators edited them"
            for name in names
        ]
        lines.append(f"terms ended: {self.ended}")
        return lines

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()) or self.ended)


def officials_dir() -> Path:
    return Path(settings.REFERENCE_DATA_DIR) / "nc" / "officials"


def _rows(name: str) -> list[dict[str, str]]:
    path = officials_dir() / name
    if not path.exists():
        raise OfficialsDataMissing(f"{path}: not found (set REFERENCE_DATA_DIR)")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _kept(row: Model, as_of: dt.date) -> bool:
    curated = getattr(row, "curated_at", None)
    return curated is not None and curated.date() >= as_of


class _Sync:
    """Creates and updates the rows of one model by key, in bulk, with history."""

    def __init__(self, model: type[Model], key: str, result: LoadResult, reason: str) -> None:
        self.model, self.key, self.result, self.reason = model, key, result, reason
        self.name = model._meta.verbose_name_plural
        self.new: dict[Any, Model] = {}
        self.changed: dict[Any, Model] = {}
        self.fields: set[str] = set()

    def put(
        self, existing: dict[Any, Model], key: Any, values: dict[str, Any], as_of: dt.date
    ) -> None:
        row = existing.get(key)
        if row is None:
            if key not in self.new:
                self.new[key] = self.model(**values)
            return
        if _kept(row, as_of):
            self.result.kept[self.name] += 1
            return
        diff = {f: v for f, v in values.items() if getattr(row, f) != v}
        if diff:
            for f, v in diff.items():
                setattr(row, f, v)
            self.fields |= set(diff)
            self.changed[key] = row

    def save(self) -> list[Model]:
        created = []
        if self.new:
            for row in self.new.values():
                row._change_reason = self.reason
            created = bulk_create_with_history(
                list(self.new.values()), self.model, default_change_reason=self.reason
            )
            self.result.created[self.name] += len(self.new)
        if self.changed:
            bulk_update_with_history(
                list(self.changed.values()),
                self.model,
                sorted(self.fields),
                default_change_reason=self.reason,
            )
            self.result.updated[self.name] += len(self.changed)
        return created


def load_officials() -> LoadResult:
    """Load every file of the directory; returns what changed."""
    result = LoadResult()
    sheriffs = _rows("nc_sheriffs.csv")
    legislators = _rows("nc_state_legislators.csv")
    crosswalk = _rows("nc_legislative_district_counties.csv")
    towns = _rows("nc_municipal_governments.csv")
    mayors = {row["official_id"]: row for row in _rows("nc_mayors.csv")}
    counties = {c.fips: c for c in County.objects.filter(state_id="NC")}
    municipalities = {m.geoid: m for m in Municipality.objects.filter(state_id="NC")}
    # A town the places tables do not know (none in the 2020 universe) has no page to show it.
    towns = [row for row in towns if row["place_geoid"] in municipalities]
    if not counties:
        raise OfficialsDataMissing("No NC counties: run `deputized load_places` first.")
    reason = f"load_officials from {officials_dir()}"
    with transaction.atomic():
        offices = _load_offices(result, reason, sheriffs, legislators, towns, counties)
        _load_holders(result, reason, offices, sheriffs, legislators, towns, mayors)
        _load_contacts(result, reason, offices, sheriffs, legislators, mayors)
        _load_crosswalk(offices, crosswalk, counties)
    return result


def _office_values(
    sheriffs: list[dict[str, str]],
    legislators: list[dict[str, str]],
    towns: list[dict[str, str]],
    counties: dict[str, County],
) -> Iterable[tuple[str, dict[str, Any], dt.date]]:
    for row in sheriffs:
        county = counties[row["county_fips"]]
        yield (
            row["sheriff_id"],
            {
                "role": Role.SHERIFF,
                "name": row["agency_name"],
                "county_id": county.fips,
                "agency_ori": row["sheriff_ori"],
                "source": row["name_email_source"],
            },
            SHERIFFS_AS_OF,
        )
        for role, suffix, name in COUNTY_OFFICES:
            yield (
                f"nc-county-{county.fips}-{suffix}",
                {
                    "role": role,
                    "name": name.format(county=county.full_name),
                    "county_id": county.fips,
                },
                DIRECTORY_AS_OF,
            )
    for row in legislators:
        house = row["chamber"] == "House"
        yield (
            f"nc-{'house' if house else 'senate'}-{row['district']}",
            {
                "role": Role.STATE_HOUSE if house else Role.STATE_SENATE,
                "name": f"NC {'House' if house else 'Senate'} District {row['district']}",
                "district": row["district"],
                "source": row["source"],
            },
            LEGISLATORS_AS_OF,
        )
    for row in towns:
        geoid, town, kind = row["place_geoid"], row["name"], row["muni_type"].title()
        for role, suffix, name in TOWN_OFFICES:
            yield (
                f"nc-place-{geoid}-{suffix}",
                {
                    "role": role,
                    "name": name.format(town=town, kind=kind),
                    "municipality_id": geoid,
                },
                DIRECTORY_AS_OF,
            )
        if row["police_ori"]:
            yield (
                f"nc-place-{geoid}-police-chief",
                {
                    "role": Role.POLICE_CHIEF,
                    "name": f"{town} Police Department",
                    "municipality_id": geoid,
                    "agency_ori": row["police_ori"],
                },
                DIRECTORY_AS_OF,
            )


def _load_offices(
    result: LoadResult,
    reason: str,
    sheriffs: Rows,
    legislators: Rows,
    towns: Rows,
    counties: dict[str, County],
) -> dict[str, Office]:
    sync = _Sync(Office, "key", result, reason)
    existing = {o.key: o for o in Office.objects.all()}
    for key, values, as_of in _office_values(sheriffs, legislators, towns, counties):
        values.setdefault("source", f"nc/officials directory ({DIRECTORY_AS_OF.isoformat()})")
        sync.put(existing, key, {"key": key, **values}, as_of)
    sync.save()
    return {o.key: o for o in Office.objects.all()}


def _load_holders(
    result: LoadResult,
    reason: str,
    offices: dict[str, Office],
    sheriffs: Rows,
    legislators: Rows,
    towns: Rows,
    mayors: dict[str, dict[str, str]],
) -> None:
    """People and their current terms; a term whose office the files give to someone else ends
    on the file's date (unless a curator's newer edit holds it)."""
    holders: list[tuple[str, str, dict[str, Any], dict[str, Any], dt.date]] = []
    for row in sheriffs:
        person_key = f"{row['sheriff_id']}:{row['sheriff_name']}"
        holders.append(
            (
                row["sheriff_id"],
                person_key,
                {"name": row["sheriff_name"], "source": row["name_email_source"]},
                {"source": row["name_email_source"], "verified_on": SHERIFFS_AS_OF},
                SHERIFFS_AS_OF,
            )
        )
    for row in legislators:
        key = f"nc-{'house' if row['chamber'] == 'House' else 'senate'}-{row['district']}"
        holders.append(
            (
                key,
                row["official_id"],
                {"name": row["name"], "party": row["party"], "source": row["source"]},
                {
                    "source": row["source"],
                    "verified_on": LEGISLATORS_AS_OF,
                    "started_on": dt.date.fromisoformat(row["role_start_date"])
                    if row["role_start_date"]
                    else None,
                },
                LEGISLATORS_AS_OF,
            )
        )
    for row in towns:
        mayor = mayors.get(row["mayor_official_id"])
        if mayor:
            holders.append(
                (
                    f"nc-place-{row['place_geoid']}-mayor",
                    mayor["official_id"],
                    {"name": mayor["name"], "source": mayor["source"]},
                    {
                        "source": mayor["source"],
                        "verified_on": LEGISLATORS_AS_OF,
                        "ends_on": dt.date.fromisoformat(mayor["term_end_date"])
                        if mayor["term_end_date"]
                        else None,
                    },
                    LEGISLATORS_AS_OF,
                )
            )
    people_sync = _Sync(Person, "key", result, reason)
    people = {p.key: p for p in Person.objects.all()}
    for _office, person_key, values, _term, as_of in holders:
        people_sync.put(people, person_key, {"key": person_key, **values}, as_of)
    people_sync.save()
    people = {p.key: p for p in Person.objects.all()}

    today = dt.date.today()
    current: dict[int, list[Term]] = {}
    for term in Term.objects.select_related("person").filter(ends_on__isnull=True):
        current.setdefault(term.office_id, []).append(term)
    for term in Term.objects.select_related("person").filter(ends_on__gte=today):
        current.setdefault(term.office_id, []).append(term)
    terms = {(t.office_id, t.person_id): t for t in Term.objects.all()}
    term_sync = _Sync(Term, "office/person", result, reason)
    ending: list[Term] = []
    for office_key, person_key, _person, values, as_of in holders:
        office, person = offices[office_key], people[person_key]
        others = [t for t in current.get(office.pk, []) if t.person_id != person.pk]
        if any(_kept(t, as_of) for t in others):
            result.kept[Term._meta.verbose_name_plural] += 1
            continue  # a curator named someone newer than the file knows of
        for term in others:
            term.ends_on = as_of
            term._change_reason = reason
            ending.append(term)
        term_sync.put(
            terms,
            (office.pk, person.pk),
            {"office_id": office.pk, "person_id": person.pk, **values},
            as_of,
        )
    if ending:
        bulk_update_with_history(ending, Term, ["ends_on"], default_change_reason=reason)
        result.ended += len(ending)
    term_sync.save()


def _load_contacts(
    result: LoadResult,
    reason: str,
    offices: dict[str, Office],
    sheriffs: Rows,
    legislators: Rows,
    mayors: dict[str, dict[str, str]],
) -> None:
    wanted: list[tuple[str, str, str, str, dt.date]] = []
    for row in sheriffs:
        key = row["sheriff_id"]
        contact = row["contact_source"] or row["name_email_source"]
        wanted += [
            (
                key,
                Contact.Kind.EMAIL,
                row["sheriff_email"],
                row["name_email_source"],
                SHERIFFS_AS_OF,
            ),
            (key, Contact.Kind.PHONE, row["office_phone"], contact, CONTACTS_AS_OF),
            (key, Contact.Kind.ADDRESS, row["office_address"], contact, CONTACTS_AS_OF),
            (key, Contact.Kind.WEBSITE, row["website"], contact, CONTACTS_AS_OF),
        ]
    for row in legislators:
        key = f"nc-{'house' if row['chamber'] == 'House' else 'senate'}-{row['district']}"
        wanted += [
            (key, Contact.Kind.EMAIL, row["email"], row["source"], LEGISLATORS_AS_OF),
            (key, Contact.Kind.PHONE, row["capitol_phone"], row["source"], LEGISLATORS_AS_OF),
            (key, Contact.Kind.ADDRESS, row["capitol_address"], row["source"], LEGISLATORS_AS_OF),
            (
                key,
                Contact.Kind.WEBSITE,
                row["ncleg_biography_url"],
                row["source"],
                LEGISLATORS_AS_OF,
            ),
        ]
    for mayor in mayors.values():
        key = f"nc-place-{mayor['place_geoid']}-mayor"
        if key not in offices:
            continue
        for kind, column in (
            (Contact.Kind.EMAIL, "email"),
            (Contact.Kind.PHONE, "phone"),
            (Contact.Kind.ADDRESS, "address"),
            (Contact.Kind.WEBSITE, "website"),
        ):
            wanted.append((key, kind, mayor[column], mayor["source"], LEGISLATORS_AS_OF))
    sync = _Sync(Contact, "office/kind", result, reason)
    existing = {(c.office_id, c.kind): c for c in Contact.objects.all()}
    for office_key, kind, value, source, as_of in wanted:
        if not value.strip():
            continue  # a gap in the files: shown as unknown, never as an empty contact
        office = offices[office_key]
        values = {
            "office_id": office.pk,
            "kind": kind,
            "value": value.strip(),
            "source": source,
            "verified_on": as_of,
        }
        sync.put(existing, (office.pk, kind), values, as_of)
    sync.save()


def _load_crosswalk(
    offices: dict[str, Office], crosswalk: Rows, counties: dict[str, County]
) -> None:
    """The counties each legislative district covers (incomplete: see the README)."""
    by_office: dict[str, set[str]] = {}
    sources: dict[str, set[str]] = {}
    for row in crosswalk:
        key = f"nc-{row['chamber'].lower()}-{row['district']}"
        by_office.setdefault(key, set()).add(row["county_fips"])
        sources.setdefault(key, set()).add(row["counties_source"])
    through = Office.represented_counties.through
    existing = set(through.objects.values_list("office_id", "county_id"))
    wanted = {
        (offices[key].pk, fips)
        for key, fipses in by_office.items()
        for fips in fipses
        if key in offices and fips in counties
    }
    through.objects.bulk_create(
        [through(office_id=o, county_id=c) for o, c in sorted(wanted - existing)]
    )
    stale = existing - wanted
    for office_id, county_id in stale:
        through.objects.filter(office_id=office_id, county_id=county_id).delete()
    for key, found in sources.items():
        text = "; ".join(sorted(found))
        Office.objects.filter(key=key).exclude(counties_source=text).update(counties_source=text)
