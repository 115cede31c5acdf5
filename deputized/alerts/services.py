"""Writes of the alerts app: sign-up and its confirmation, preferences, unsubscribing, bounces and
complaints, STOP/START by text message, and an organizer's consented list."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import ipaddress
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import phonenumbers
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from deputized import ratelimit
from deputized.alerts import confirmations, sms, tokens
from deputized.alerts import kinds as alert_kinds
from deputized.alerts.models import (
    Channel,
    Delivery,
    Mode,
    PendingSignup,
    Subscriber,
    Topic,
    new_secret,
)
from deputized.alerts.selectors import topic_label

log = logging.getLogger(__name__)


class RateLimited(Exception):
    """Too many sign-ups from one client: the page asks to try again later."""


# The mail server or SMS provider did not take the confirmation: nothing is kept, the attempt
# does not count against the limits, and the person is asked to try again.
ConfirmationNotSent = confirmations.ConfirmationNotSent


class ConfirmationLinkUsed(Exception):
    """The link was used already, has expired, or never existed: the person signs up again."""


@dataclass(frozen=True, slots=True)
class SignupRequest:
    channel: str
    address: str  # normalized
    topic: str
    kinds: list[str]
    language: str
    mode: str
    unconfirmed: bool = False
    contact_email: str = ""  # webhooks: where confirmation and failure reports go


# -- addresses ---------------------------------------------------------------------------------


def normalize_email(value: str) -> str:
    value = value.strip().lower()
    validate_email(value)
    return value


# Numbers that can receive a text: a premium-rate, shared-cost or landline number is how SMS
# pumping makes money, and a toll-free one is rarely a person's phone.
SMS_NUMBER_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


def normalize_phone(value: str) -> str:
    """A mobile number, as people write it in the first allowed country or in +E.164 form, in a
    country the operator allows (`ALERTS_SMS_COUNTRIES`, the US by default); E.164."""
    countries = settings.ALERTS["SMS_COUNTRIES"]
    try:
        number = phonenumbers.parse(value, countries[0])
    except phonenumbers.NumberParseException:
        number = None
    if (
        number is None
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) not in SMS_NUMBER_TYPES
    ):
        raise ValidationError(_("Enter a mobile phone number that can receive text messages."))
    if phonenumbers.region_code_for_number(number) not in countries:
        raise ValidationError(
            _("We can only send text messages to numbers from: %(countries)s.")
            % {"countries": ", ".join(countries)}
        )
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def phone_e164(value: str) -> str | None:
    """A number as a provider reports it (an inbound text's sender), whatever its country: a
    STOP must work even from a country the operator no longer allows."""
    try:
        number = phonenumbers.parse(value, settings.ALERTS["SMS_COUNTRIES"][0])
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def normalize_webhook(value: str) -> str:
    """HTTPS to a public host; never a private network address. Plain HTTP only to this machine,
    and only where `WEBHOOK_ALLOW_LOOPBACK` allows it (development, tests). The worker checks
    the resolved address again before each call, and calls that address
    (`webhook.resolve_destination`)."""
    parts = urlsplit(value.strip())
    host = parts.hostname or ""
    try:
        parts.port  # noqa: B018  (raises on a port out of range)
    except ValueError:
        raise ValidationError(_("Enter an https:// address.")) from None
    local = host in {"127.0.0.1", "localhost", "::1"}
    if local and not settings.ALERTS["WEBHOOK_ALLOW_LOOPBACK"]:
        raise ValidationError(_("Enter a public address."))
    if parts.scheme not in {"https", "http"} or not host or (parts.scheme == "http" and not local):
        raise ValidationError(_("Enter an https:// address."))
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is not None and not local and (ip.is_private or ip.is_link_local or ip.is_reserved):
        raise ValidationError(_("Enter a public address."))
    return value.strip()


def normalize_address(channel: str, value: str) -> str:
    if channel == Channel.EMAIL:
        return normalize_email(value)
    if channel == Channel.SMS:
        return normalize_phone(value)
    return normalize_webhook(value)


# -- rate limits -------------------------------------------------------------------------------


# Shared with the other public forms (deputized/ratelimit.py).
_hit = ratelimit.hit
_digest = ratelimit.digest


# -- sign-up -----------------------------------------------------------------------------------


def signup_request(*, request: SignupRequest, client: str) -> None:
    """Keep the request as a pending sign-up and send its confirmation link. The same whatever
    the address's state, so the response and the message never tell whether an address is
    already subscribed. A webhook's link is sent by the worker: the web request never waits on
    a subscriber's server."""
    limits = settings.ALERTS
    by_client = f"alerts:signup:client:{_digest(client)}"
    by_address = f"alerts:signup:address:{_digest(request.address)}"
    if not _hit(by_client, limits["SIGNUP_LIMIT_PER_CLIENT"]):
        raise RateLimited
    if not _hit(by_address, limits["SIGNUP_LIMIT_PER_ADDRESS"]):
        return  # silently: a visible limit here would say the address was used recently
    now = timezone.now()
    pending = PendingSignup.objects.create(
        token_hash=tokens.new_confirm_token()[1],  # replaced when the link is sent
        channel=request.channel,
        address=request.address,
        contact_email=request.contact_email,
        topic=request.topic,
        kinds=alert_kinds.encode(request.kinds),
        language=request.language,
        mode=request.mode,
        unconfirmed=request.unconfirmed,
        expires_at=now + dt.timedelta(hours=limits["CONFIRM_HOURS"]),
        send_due_at=now if request.channel == Channel.WEBHOOK else None,
    )
    if request.channel == Channel.WEBHOOK:
        transaction.on_commit(wake_worker)
        return
    try:
        confirmations.send(pending)
    except ConfirmationNotSent:
        pending.delete()
        for key in (by_client, by_address):  # a failed send is not an attempt
            with contextlib.suppress(ValueError):
                caches["shared"].decr(key)
        raise


def wake_worker() -> None:
    """Tell a background worker there is work. Not with the `immediate` backend, which would do
    that work here, in the web request: the cron run or `deliver --loop` sends it instead."""
    from django_tasks.backends.immediate import ImmediateBackend

    from deputized.alerts.tasks import deliver_outbox

    try:
        if not isinstance(deliver_outbox.get_backend(), ImmediateBackend):
            deliver_outbox.enqueue()
    except Exception:  # the cron run of `deputized deliver` picks it up anyway
        log.exception("alerts: could not queue the delivery task")


def pending_signup_get(*, token: str) -> PendingSignup | None:
    """The sign-up a link confirms, while the link works (unused and unexpired)."""
    return PendingSignup.objects.filter(
        token_hash=tokens.confirm_token_hash(token), expires_at__gt=timezone.now()
    ).first()


@transaction.atomic
def signup_confirm(*, token: str) -> tuple[Subscriber, str]:
    """The owner of the address confirmed: subscribe it (again), with the chosen place. The link
    works once: its pending sign-up is deleted here.
    Returns the subscriber and the topic's key; raises ConfirmationLinkUsed."""
    now = timezone.now()
    pending = pending_signup_get(token=token)
    # Deleting is what claims the link: of two confirmations at once, one deletes the row.
    if pending is None or not PendingSignup.objects.filter(pk=pending.pk).delete()[0]:
        raise ConfirmationLinkUsed
    # The same request asked for again left other links: they are spent too. (Another
    # place's link stays good: someone may sign up for two counties at once.)
    PendingSignup.objects.filter(
        channel=pending.channel, address=pending.address, topic=pending.topic
    ).delete()
    label = topic_label(pending.topic)
    if label is None:
        raise ConfirmationLinkUsed
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        channel=pending.channel,
        address=pending.address,
        defaults={"confirmed_at": now, "kinds": pending.kinds},
    )
    if not created and subscriber.status != Subscriber.Status.ACTIVE:
        # Back after leaving: only what happens from now on.
        subscriber.confirmed_at = now
        subscriber.status_changed_at = now
    subscriber.status = Subscriber.Status.ACTIVE
    subscriber.kinds = pending.kinds
    subscriber.language = pending.language
    subscriber.mode = pending.mode
    subscriber.unconfirmed = pending.unconfirmed
    subscriber.contact_email = pending.contact_email
    subscriber.consecutive_failures = 0
    subscriber.source = "form"
    subscriber.consent = f"confirmed by link (double opt-in) on {now:%Y-%m-%d}"
    subscriber.consent_by = ""
    subscriber.save()
    Topic.objects.get_or_create(subscriber=subscriber, key=pending.topic, defaults={"label": label})
    return subscriber, pending.topic


def preferences_update(
    *,
    subscriber: Subscriber,
    kinds: list[str],
    language: str,
    mode: str,
    unconfirmed: bool,
    remove_topics: Iterable[int] = (),
) -> None:
    subscriber.kinds = alert_kinds.encode(kinds)
    subscriber.language = language
    subscriber.mode = mode
    subscriber.unconfirmed = unconfirmed
    subscriber.save(update_fields=["kinds", "language", "mode", "unconfirmed"])
    Topic.objects.filter(subscriber=subscriber, pk__in=list(remove_topics)).delete()


def webhook_secret_rotate(*, subscriber: Subscriber) -> str:
    """A new signing secret for a webhook, in force at once: the next call is signed with it and
    never again with the old one. (Links to manage the subscription carry a digest of the secret,
    tokens.py: those sent before stop working too.) Returns the new secret."""
    if subscriber.channel != Channel.WEBHOOK:
        raise ValidationError("only a webhook has a signing secret")
    subscriber.secret = new_secret()
    subscriber.save(update_fields=["secret"])
    return subscriber.secret


def unsubscribe(*, subscriber: Subscriber, status: str = Subscriber.Status.UNSUBSCRIBED) -> None:
    """Stop at once: nothing queued for the subscriber is sent."""
    now = timezone.now()
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk).update(status=status, status_changed_at=now)
        Delivery.objects.filter(subscriber=subscriber, status=Delivery.Status.QUEUED).update(
            status=Delivery.Status.SKIPPED, last_error=f"subscriber {status}"
        )
    subscriber.status = status


def bounce_record(*, email: str, kind: str) -> int:
    """A hard bounce or a complaint ends email alerts to that address. Returns how many
    subscriptions stopped (0 when the address is unknown: nothing to tell anyone)."""
    try:
        address = normalize_email(email)
    except ValidationError:
        return 0
    stopped = 0
    for subscriber in Subscriber.objects.filter(
        channel=Channel.EMAIL, address=address, status=Subscriber.Status.ACTIVE
    ):
        status = Subscriber.Status.BOUNCED if kind == "bounce" else Subscriber.Status.UNSUBSCRIBED
        unsubscribe(subscriber=subscriber, status=status)
        stopped += 1
    # Webhook subscribers whose reports bounce keep their webhook, without the reports.
    Subscriber.objects.filter(channel=Channel.WEBHOOK, contact_email=address).update(
        contact_email=""
    )
    return stopped


def sms_inbound(*, phone: str, body: str) -> str | None:
    """STOP and START by text message. Returns the reply to send, if any."""
    word = body.strip().upper()
    number = phone_e164(phone)
    if number is None:
        return None
    subscriber = Subscriber.objects.filter(channel=Channel.SMS, address=number).first()
    if subscriber is None:
        return None
    if word in sms.STOP_WORDS:
        unsubscribe(subscriber=subscriber)
        return None  # carriers and Twilio send their own STOP confirmation
    if word in sms.START_WORDS and subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        now = timezone.now()
        Subscriber.objects.filter(pk=subscriber.pk).update(
            status=Subscriber.Status.ACTIVE, confirmed_at=now, status_changed_at=now
        )
        with translation.override(subscriber.language):
            return _("Deputized: your 287(g) alerts are back on. Reply STOP to stop.")
    return None


@dataclass(slots=True)
class ImportReport:
    added: int = 0
    already: int = 0
    refused: int = 0


CONSENT_MAX = Subscriber._meta.get_field("consent").max_length


def subscribers_import(
    *,
    rows: Iterable[dict[str, str]],
    topic: str,
    consent_by: str,
    kinds: list[str] | None = None,
    language: str = "en",
    mode: str = Mode.IMMEDIATE,
) -> ImportReport:
    """An organizer's list of people who agreed to receive alerts (a `consent` column, e.g. the
    date and where they signed): added as confirmed subscribers, without a confirmation round.
    The consent is kept with each: the row's note (how and when) and who recorded it
    (`consent_by`, the organizer). A note longer than the field is refused, not cut."""
    if not consent_by.strip():
        raise ValidationError("say who collected the consent (the organizer)")
    label = topic_label(topic)
    if label is None:
        raise ValidationError(f"unknown topic {topic!r}")
    report = ImportReport()
    now = timezone.now()
    for row in rows:
        if None in row:  # more fields than the header (an unquoted comma): refused, not guessed
            report.refused += 1
            continue
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        channel = Channel.SMS if row.get("phone") and not row.get("email") else Channel.EMAIL
        raw = row.get("email") or row.get("phone") or ""
        if not row.get("consent") or not raw or len(row["consent"]) > CONSENT_MAX:
            report.refused += 1
            continue
        try:
            address = normalize_address(channel, raw)
        except ValidationError:
            report.refused += 1
            continue
        lang = row.get("language", "")[:2].lower() or language
        with transaction.atomic():
            subscriber, created = Subscriber.objects.get_or_create(
                channel=channel,
                address=address,
                defaults={
                    "confirmed_at": now,
                    "kinds": alert_kinds.encode(kinds or alert_kinds.DEFAULT_KINDS),
                    "language": lang if lang in {"en", "es"} else language,
                    "mode": mode,
                    "source": "csv",
                    "consent": row["consent"],
                    "consent_by": consent_by.strip()[:100],
                },
            )
            if not created and subscriber.status != Subscriber.Status.ACTIVE:
                report.already += 1  # someone who left is not signed up again by a list
                continue
            _, new_topic = Topic.objects.get_or_create(
                subscriber=subscriber, key=topic, defaults={"label": label}
            )
        if created or new_topic:
            report.added += 1
        else:
            report.already += 1
    return report


@dataclass(frozen=True, slots=True)
class PurgeReport:
    erased: int
    pending_deleted: int


ERASED_PREFIX = "erased:"


def subscribers_purge(*, now: dt.datetime | None = None) -> PurgeReport:
    """The retention rule: `ALERTS["RETENTION_DAYS"]` after a subscriber unsubscribed or
    bounced, erase what could name them (address, contact email, consent note) and rotate the
    secret (their old links stop working). The row stays, with its status, place, preferences
    and deliveries, so counts stay true. Expired, never-confirmed sign-ups are deleted."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.ALERTS["RETENTION_DAYS"])
    gone = Q(status_changed_at__lt=cutoff) | Q(
        status_changed_at__isnull=True, created_at__lt=cutoff
    )
    erased = 0
    leavers = Subscriber.objects.filter(
        gone, status__in=[Subscriber.Status.UNSUBSCRIBED, Subscriber.Status.BOUNCED]
    ).exclude(address__startswith=ERASED_PREFIX)
    for pk in leavers.values_list("pk", flat=True).iterator():
        erased += Subscriber.objects.filter(pk=pk).update(
            address=f"{ERASED_PREFIX}{pk}",  # unique per channel, and names nobody
            contact_email="",
            consent="",
            consent_by="",
            secret=new_secret(),
        )
    pending = PendingSignup.objects.filter(expires_at__lte=now).delete()[0]
    return PurgeReport(erased=erased, pending_deleted=pending)


def read_csv(path: str) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))
