"""The tracker's services: follow a request (email confirmed by a signed link), change its
status, and the reminders the task worker sends once each (follow-up, then mediation notice).

The next steps (`../shared/docs/nc-policy.md` §6): a follow-up after 10 business days citing
"as promptly as possible" (G.S. 132-6(a)); if the request is denied or still unanswered 10
business days later, a mediation notice (G.S. 7A-38.3E; G.S. 132-9 for the court). Business days
skip weekends and NC state holidays (holidays.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from deputized import ratelimit
from deputized.records.holidays import add_business_days
from deputized.records.models import CLOSED_STATUSES, RequestStatus, TrackedRequest

log = logging.getLogger(__name__)

BUSINESS_DAYS = 10
SALT = "records.tracker"
LINK_MAX_AGE = 60 * 60 * 24 * 365  # a manage link works for a year
TRACK_LIMIT_PER_CLIENT = 10  # per hour


class RateLimited(Exception):
    pass


def due_dates(sent_on: dt.date) -> tuple[dt.date, dt.date]:
    follow_up = add_business_days(sent_on, BUSINESS_DAYS)
    return follow_up, add_business_days(follow_up, BUSINESS_DAYS)


def manage_token(tracked: TrackedRequest) -> str:
    return signing.dumps({"r": tracked.public_id}, salt=SALT)


def from_token(token: str) -> TrackedRequest | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return TrackedRequest.objects.filter(public_id=data.get("r", "")).first()


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send(tracked: TrackedRequest, subject: str, body: str) -> None:
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [tracked.email]).send()


def request_track(
    *, agency_id: str, email: str, sent_on: dt.date, is_public: bool, client: str, language: str
) -> TrackedRequest:
    """Save the request unconfirmed and mail the confirmation link (the manage page)."""
    if not ratelimit.hit(f"records-track:{ratelimit.digest(client)}", TRACK_LIMIT_PER_CLIENT):
        raise RateLimited
    follow_up, mediation = due_dates(sent_on)
    with transaction.atomic():
        tracked = TrackedRequest.objects.create(
            public_id=secrets.token_urlsafe(12),
            agency_id=agency_id,
            email=email,
            is_public=is_public,
            sent_on=sent_on,
            status_on=sent_on,
            follow_up_due=follow_up,
            mediation_due=mediation,
        )
    with translation.override(language):
        link = _site(reverse("records:manage", kwargs={"token": manage_token(tracked)}))
    _send(
        tracked,
        "Confirm: follow your public records request",
        "Open this link to confirm your email and follow your request "
        f"(you can change its status there):\n\n{link}\n\n"
        "If you did not ask for this, ignore this message: nothing is kept unconfirmed for "
        "longer than 7 days.",
    )
    log.info("records request tracked (request %s)", tracked.pk)  # never the email
    return tracked


def request_confirm(tracked: TrackedRequest) -> None:
    if tracked.confirmed_at is None:
        tracked.confirmed_at = timezone.now()
        tracked.save(update_fields=["confirmed_at", "updated_at"])


def request_status_set(
    tracked: TrackedRequest, *, status: str, on: dt.date, is_public: bool
) -> None:
    tracked.status = RequestStatus(status)
    tracked.status_on = on
    tracked.is_public = is_public
    # Only these: a reminder the worker marked meanwhile is never undone.
    tracked.save(update_fields=["status", "status_on", "is_public", "updated_at"])


def next_step(tracked: TrackedRequest, today: dt.date) -> str:
    """`follow_up`, `mediation` or `none`: what the requester may do next."""
    if tracked.status in CLOSED_STATUSES:
        return "none"
    if tracked.status == RequestStatus.DENIED or today >= tracked.mediation_due:
        return "mediation"
    return "follow_up"


FOLLOW_UP = """Re: Public records request of {sent_on}

Dear Records Custodian:

On {sent_on} I sent a request under the North Carolina Public Records Act, N.C. Gen. Stat.
§ 132-1 et seq. G.S. 132-6(a) requires public records to be made available as promptly as
possible. Please tell me when I may expect the records, or send those that are ready now.

Sincerely,
[Your name]"""

MEDIATION = """Re: Public records request of {sent_on}: mediation

Dear Records Custodian:

My request of {sent_on} under N.C. Gen. Stat. § 132-1 et seq. has not been fulfilled. Before
seeking an order under G.S. 132-9, I ask for mediation under G.S. 7A-38.3E, which requires the
parties to a public records dispute to attempt mediation. Please let me know whether the
agency will release the records, or agree to a mediator.

Sincerely,
[Your name]"""


def reminders_send(today: dt.date | None = None) -> int:
    """Mail each confirmed request's due reminder, once: the follow-up when it is due, then the
    mediation notice when that is due (or the request was denied). Each row is marked in the
    same transaction that claims it, so two workers never send the same reminder."""
    today = today or timezone.localdate()
    sent = 0
    open_ = TrackedRequest.objects.filter(confirmed_at__isnull=False).exclude(
        status__in=CLOSED_STATUSES
    )
    for pk in open_.filter(
        follow_up_due__lte=today, follow_up_reminded_at__isnull=True
    ).values_list("pk", flat=True):
        sent += _remind(pk, "follow_up_reminded_at", "follow-up", FOLLOW_UP, today)
    due = open_.filter(mediation_reminded_at__isnull=True).filter(
        Q(status=RequestStatus.DENIED) | Q(mediation_due__lte=today)
    )
    for pk in due.values_list("pk", flat=True):
        sent += _remind(pk, "mediation_reminded_at", "mediation notice", MEDIATION, today)
    return sent


def _remind(pk: int, field: str, what: str, template: str, today: dt.date) -> int:
    with transaction.atomic():
        claimed = TrackedRequest.objects.filter(pk=pk, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
        if not claimed:
            return 0
        tracked = TrackedRequest.objects.get(pk=pk)
        link = _site(reverse("records:manage", kwargs={"token": manage_token(tracked)}))
        body = (
            f"Your public records request to the agency {tracked.agency_id}, sent on "
            f"{tracked.sent_on.isoformat()}, is due a {what} (today: {today.isoformat()}). "
            "Here is a draft to send:\n\n"
            + template.format(sent_on=tracked.sent_on.isoformat())
            + f"\n\nUpdate the request's status: {link}\n"
        )
        _send(tracked, f"Your records request: time for the {what}", body)
    log.info("records reminder sent (%s, request %s)", what, pk)
    return 1
