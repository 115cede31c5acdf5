"""Corrections from the public: taking one in (rate-limited) and applying one (a curator's click).

Applying writes the office's holder and contacts with the correction's source link and today's
date, as a curator's edit (`curated_at`), so `load_officials` keeps it; every write goes through
django-simple-history with the reviewing curator and the correction as the reason.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from deputized import ratelimit
from deputized.officials.models import BODIES, Contact, Correction, Office, Person, Term


class RateLimited(Exception):
    """Too many corrections from one client this hour."""


class NothingToApply(Exception):
    """The correction names no person, email or phone: a curator edits the office by hand."""


def correction_submit(*, office: Office, client: str, **fields: str) -> Correction:
    key = f"officials:correction:client:{ratelimit.digest(client)}"
    if not ratelimit.hit(key, settings.OFFICIALS["CORRECTION_LIMIT_PER_CLIENT"]):
        raise RateLimited
    return Correction.objects.create(office=office, **fields)


@transaction.atomic
def correction_apply(correction: Correction, *, curator: str) -> None:
    """Make the correction's proposed holder and contacts current, with history."""
    if not (correction.person_name or correction.email or correction.phone):
        raise NothingToApply
    office = correction.office
    now = timezone.now()
    today = timezone.localdate()
    source = correction.source_url
    reason = f"correction {correction.pk} applied by {curator}"
    if correction.person_name and office.role not in BODIES:
        person = Person(
            key=f"{office.key}:{correction.person_name}:{correction.pk}",
            name=correction.person_name,
            source=source,
            curated_at=now,
        )
        person._change_reason = reason
        person.save()
        for term in Term.objects.filter(office=office, ends_on__isnull=True):
            term.ends_on = today - dt.timedelta(days=1)
            term.curated_at = now
            term._change_reason = reason
            term.save()
        term = Term(
            office=office,
            person=person,
            started_on=None,
            source=source,
            verified_on=today,
            curated_at=now,
        )
        term._change_reason = reason
        term.save()
    for kind, value in (
        (Contact.Kind.EMAIL, correction.email),
        (Contact.Kind.PHONE, correction.phone),
    ):
        if not value:
            continue
        contact = Contact.objects.filter(office=office, kind=kind).first() or Contact(
            office=office, kind=kind
        )
        contact.value, contact.source, contact.verified_on, contact.curated_at = (
            value,
            source,
            today,
            now,
        )
        contact._change_reason = reason
        contact.save()
    office.verified_on = today
    office.curated_at = now
    office._change_reason = reason
    office.save()
    correction.status = Correction.Status.APPLIED
    correction.reviewed_by = curator
    correction.reviewed_at = now
    correction.save()


def correction_contacts_purge(*, now: dt.datetime | None = None) -> int:
    """Erase submitters' contacts past the retention period; returns how many."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.OFFICIALS["CONTACT_RETENTION_DAYS"])
    old = Correction.objects.exclude(submitter_contact="").filter(
        Q(reviewed_at__lt=cutoff) | Q(reviewed_at__isnull=True, created_at__lt=cutoff)
    )
    return old.update(submitter_contact="")
