"""An organizer's CSV of a board or council (or any county or town office), imported as a
curator's edit: checked whole first, so one bad row refuses the file, naming the row and the
reason, and nothing is stored.

Columns (header row required, UTF-8, any order; docs/officials.md):
- `place`: county FIPS (5 digits, e.g. 37001) or town Census GEOID (7 digits, e.g. 3710620);
- `role`: a county role (`commissioner`, `commissioners_chair`, `county_manager`,
  `county_attorney`, `clerk_to_board`, `sheriff`) for a county, a town role (`council_member`,
  `mayor`, `town_manager`, `town_attorney`, `town_clerk`, `police_chief`) for a town, or the body
  itself (`commissioners`, `council`: its public email, phone, schedule);
- `name`: the person (required, except for a body);
- `seat`: for `commissioner` and `council_member`, the seat (`District 2`, `At-large`); empty:
  one seat per name;
- `email`, `phone`, `meeting_schedule` (bodies only): optional;
- `source_url`: an https link where the fact can be checked (required);
- `verified_on`: the day it was checked, YYYY-MM-DD, not in the future (required).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from deputized.community.phones import tel_uri
from deputized.officials.models import BODIES, Contact, Office, Person, Role, Term
from deputized.places.models import County, Municipality

REQUIRED = ("place", "role", "source_url", "verified_on")
COLUMNS = (*REQUIRED, "name", "seat", "email", "phone", "meeting_schedule")
COUNTY_ROLES = {
    Role.SHERIFF: "sheriff",
    Role.COMMISSIONERS: "commissioners",
    Role.COMMISSIONER: None,
    Role.COMMISSIONERS_CHAIR: "commissioners-chair",
    Role.COUNTY_MANAGER: "manager",
    Role.COUNTY_ATTORNEY: "attorney",
    Role.CLERK_TO_BOARD: "clerk",
}
TOWN_ROLES = {
    Role.COUNCIL: "council",
    Role.COUNCIL_MEMBER: None,
    Role.MAYOR: "mayor",
    Role.TOWN_MANAGER: "manager",
    Role.TOWN_ATTORNEY: "attorney",
    Role.TOWN_CLERK: "clerk",
    Role.POLICE_CHIEF: "police-chief",
}
SEATS = {Role.COMMISSIONER: "commissioner", Role.COUNCIL_MEMBER: "council-member"}
MAX_ROWS = 2000


class ImportRefused(Exception):
    """The file was refused whole; `errors` names each bad row and why."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    office_key: str
    role: Role
    name: str
    county: County | None
    town: Municipality | None
    office_name: str
    email: str
    phone: str
    schedule: str
    source: str
    verified_on: dt.date


def _office_key(role: Role, county: County | None, town: Municipality | None, seat: str) -> str:
    base = f"nc-county-{county.fips}" if county else f"nc-place-{town.geoid}"
    if role == Role.SHERIFF:
        return f"nc-sheriff-{county.fips}"
    suffix = COUNTY_ROLES.get(role) if county else TOWN_ROLES.get(role)
    return f"{base}-{suffix}" if suffix else f"{base}-{SEATS[role]}-{slugify(seat)[:30]}"


def _check(number: int, raw: dict[str, str], today: dt.date) -> Row:
    value = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    for column in REQUIRED:
        if not value[column]:
            raise ValueError(f"{column} is empty")
    place = value["place"]
    county = town = None
    if len(place) == 5 and place.isdigit():
        county = County.objects.filter(fips=place, state_id="NC").first()
    elif len(place) == 7 and place.isdigit():
        town = Municipality.objects.filter(geoid=place, state_id="NC").first()
    if county is None and town is None:
        raise ValueError(f"place {place!r} is not an NC county FIPS or town GEOID")
    roles = COUNTY_ROLES if county else TOWN_ROLES
    try:
        role = Role(value["role"])
    except ValueError:
        role = None
    if role not in roles:
        raise ValueError(
            f"role {value['role']!r} is not one of {', '.join(sorted(roles))} for a "
            f"{'county' if county else 'town'}"
        )
    if role not in BODIES and not value["name"]:
        raise ValueError("name is empty")
    if role in SEATS and not (value["seat"] or value["name"]):
        raise ValueError("seat is empty")
    try:
        URLValidator(schemes=["https", "http"])(value["source_url"])
    except ValidationError:
        raise ValueError(f"source_url {value['source_url']!r} is not a link") from None
    try:
        verified_on = dt.date.fromisoformat(value["verified_on"])
    except ValueError:
        raise ValueError(f"verified_on {value['verified_on']!r} is not YYYY-MM-DD") from None
    if verified_on > today:
        raise ValueError(f"verified_on {verified_on} is in the future")
    if value["email"]:
        try:
            validate_email(value["email"])
        except ValidationError:
            raise ValueError(f"email {value['email']!r} is not an email address") from None
    if value["phone"] and not tel_uri(value["phone"]):
        raise ValueError(f"phone {value['phone']!r} is not a US phone number")
    if value["meeting_schedule"] and role not in BODIES:
        raise ValueError("meeting_schedule is for a board or council (role commissioners/council)")
    seat = value["seat"] or value["name"]
    where = county.full_name if county else town.name
    with translation.override("en"):  # office names are kept in English, as the directory's
        label = str(Role(role).label)
    office_name = f"{where} {label}" + (f" ({seat})" if role in SEATS else "")
    return Row(
        number=number,
        office_key=_office_key(role, county, town, seat),
        role=role,
        name=value["name"],
        county=county,
        town=town,
        office_name=office_name,
        email=value["email"],
        phone=value["phone"],
        schedule=value["meeting_schedule"],
        source=value["source_url"],
        verified_on=verified_on,
    )


def read_rows(data: bytes) -> list[Row]:
    """Every row checked; raises ImportRefused naming every bad row (row 1 is the header)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(["the file is not UTF-8 text"]) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportRefused([f"row 1 (header): missing column(s) {', '.join(missing)}"])
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise ImportRefused([f"row 1 (header): unknown column(s) {', '.join(unknown)}"])
    reader.fieldnames = header
    today = timezone.localdate()
    rows, errors, seen = [], [], {}
    try:
        for number, raw in enumerate(reader, start=2):
            if number > MAX_ROWS + 1:
                raise ImportRefused([f"more than {MAX_ROWS} rows: split the file"])
            if None in raw:
                errors.append(f"row {number}: more cells than columns")
                continue
            try:
                row = _check(number, raw, today)
            except ValueError as exc:
                errors.append(f"row {number}: {exc}")
                continue
            if row.office_key in seen:
                errors.append(f"row {number}: same office as row {seen[row.office_key]}")
                continue
            seen[row.office_key] = number
            rows.append(row)
    except csv.Error as exc:
        errors.append(f"row {reader.line_num}: not valid CSV ({exc})")
    if errors:
        raise ImportRefused(errors)
    if not rows:
        raise ImportRefused(["the file has no rows"])
    return rows


@transaction.atomic
def import_rows(rows: list[Row], *, by: str) -> dict[str, int]:
    """Store checked rows as a curator's edit (history with `by` and the source)."""
    now = timezone.now()
    counts = {"offices created": 0, "holders set": 0, "contacts set": 0}
    for row in rows:
        reason = f"import_officials row {row.number} by {by}: {row.source}"
        office = Office.objects.filter(key=row.office_key).first()
        if office is None:
            office = Office(
                key=row.office_key,
                role=row.role,
                name=row.office_name,
                county=row.county,
                municipality=row.town,
            )
            counts["offices created"] += 1
        if row.schedule:
            office.meeting_schedule = row.schedule
        office.source, office.verified_on, office.curated_at = row.source, row.verified_on, now
        office._change_reason = reason
        office.save()
        if row.name and row.role not in BODIES:
            _set_holder(office, row, now, reason)
            counts["holders set"] += 1
        for kind, value in ((Contact.Kind.EMAIL, row.email), (Contact.Kind.PHONE, row.phone)):
            if value:
                contact = Contact.objects.filter(office=office, kind=kind).first() or Contact(
                    office=office, kind=kind
                )
                contact.value, contact.source = value, row.source
                contact.verified_on, contact.curated_at = row.verified_on, now
                contact._change_reason = reason
                contact.save()
                counts["contacts set"] += 1
    return counts


def _set_holder(office: Office, row: Row, now: dt.datetime, reason: str) -> None:
    current = Term.objects.filter(office=office, ends_on__isnull=True).select_related("person")
    same = [t for t in current if t.person.name == row.name]
    for term in current:
        if term not in same:
            term.ends_on, term.curated_at = row.verified_on, now
            term._change_reason = reason
            term.save()
    if same:
        term = same[0]
    else:
        person = Person(
            key=f"{office.key}:{row.name}"[:80], name=row.name, source=row.source, curated_at=now
        )
        if Person.objects.filter(key=person.key).exists():
            person = Person.objects.get(key=person.key)
        else:
            person._change_reason = reason
            person.save()
        term = Term(office=office, person=person)
    term.source, term.verified_on, term.curated_at = row.source, row.verified_on, now
    term._change_reason = reason
    term.save()
