"""Writes of the alerts app: sign-up and its confirmation, preferences, unsubscribing, bounces and
complaints, STOP/START by text message, and an organizer's consented list."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import ipaddress
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from deputized.alerts import kinds as alert_kinds
from deputized.alerts import sms, tokens, webhook
from deputized.alerts.content import absolute
from deputized.alerts.models import Channel, Delivery, Mode, Subscriber, Topic, new_secret
from deputized.alerts.selectors import topic_label

log = logging.getLogger(__name__)


class RateLimited(Exception):
    """Too many sign-ups from one client: the page asks to try again later."""


class ConfirmationNotSent(Exception):
    """The mail server or SMS provider did not take the confirmation: nothing is stored, the
    attempt does not count against the limits, and the person is asked to try again."""


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


def normalize_phone(value: str) -> str:
    """US numbers as people write them, or any number in +E.164 form."""
    digits = re.sub(r"\D", "", value)
    if value.strip().startswith("+") and 8 <= len(digits) <= 15:
        return "+" + digits
    if len(digits) == 10:
        return "+1" + digits
    if len(digits) == 11 and digits.startswith("1"):
        return "+" + digits
    raise ValidationError(_("Enter a phone number that can receive text messages."))


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


def _hit(key: str, limit: int) -> bool:
    """Count one attempt in the current hour; True while within the limit."""
    cache.add(key, 0, 3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3600)
        count = 1
    return count <= limit


def _digest(value: str) -> str:
    # Cache keys hold a digest, never the address itself.
    return hashlib.sha256(value.encode()).hexdigest()[:32]


# -- sign-up -----------------------------------------------------------------------------------


def signup_request(*, request: SignupRequest, client: str) -> None:
    """Send a confirmation link; store nothing. The same whatever the address's state, so the
    response and the message never tell whether an address is already subscribed."""
    limits = settings.ALERTS
    by_client = f"alerts:signup:client:{_digest(client)}"
    by_address = f"alerts:signup:address:{_digest(request.address)}"
    if not _hit(by_client, limits["SIGNUP_LIMIT_PER_CLIENT"]):
        raise RateLimited
    if not _hit(by_address, limits["SIGNUP_LIMIT_PER_ADDRESS"]):
        return  # silently: a visible limit here would say the address was used recently
    try:
        _send_confirmation(request)
    except ConfirmationNotSent:
        for key in (by_client, by_address):  # a failed send is not an attempt
            with contextlib.suppress(ValueError):
                cache.decr(key)
        raise


def _send_confirmation(request: SignupRequest) -> None:
    """The confirmation link, signed, carrying the whole request: nothing is stored until it is
    followed. Raises ConfirmationNotSent when the mail server or SMS provider refuses it."""
    payload = {
        "c": request.channel,
        "a": request.address,
        "t": request.topic,
        "k": request.kinds,
        "l": request.language,
        "m": request.mode,
        "u": request.unconfirmed,
        "e": request.contact_email,
    }
    token = tokens.confirm_token(payload)
    with translation.override(request.language):
        label = topic_label(request.topic) or request.topic
        url = absolute(reverse("alerts:confirm", args=[token]))
        context = {"confirm_url": url, "topic": label, "channel": request.channel}
        if request.channel == Channel.WEBHOOK:
            _confirm_webhook(request, url, label)
            return
        if request.channel == Channel.SMS:
            text = render_to_string("alerts/sms/confirm.txt", context).strip()
            try:
                sms.send_sms(request.address, text)
            except sms.SMSError as exc:
                log.warning("alerts: a confirmation text could not be sent (%s)", exc)
                raise ConfirmationNotSent from exc
            return
        subject = _("Confirm your 287(g) alerts for %(topic)s") % {"topic": label}
        text = render_to_string("alerts/email/confirm.txt", context)
        html = render_to_string("alerts/email/confirm.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [request.address])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as exc:  # smtplib's errors included; never the address in the log
        log.warning("alerts: a confirmation email could not be sent (%s)", type(exc).__name__)
        raise ConfirmationNotSent from exc


def _confirm_webhook(request: SignupRequest, url: str, label: str) -> None:
    """The link goes to the endpoint itself: whoever can read its calls owns it. Sent to the
    contact email instead, it would let anyone take over a webhook whose URL they know (and
    read its secret); the contact email only receives failure reports."""
    body = {
        "type": "deputized.confirm",
        "confirm_url": url,
        "topic": label,
        "language": request.language,
    }
    try:
        webhook.post(
            request.address,
            body,
            secret=None,
            delivery_id="confirm",
            allow_loopback=settings.ALERTS["WEBHOOK_ALLOW_LOOPBACK"],
        )
    except webhook.WebhookError as exc:
        log.warning("alerts: a webhook confirmation could not be delivered (%s)", exc)
        raise ConfirmationNotSent from exc


@transaction.atomic
def signup_confirm(*, payload: dict) -> Subscriber:
    """The owner of the address confirmed: subscribe it (again), with the chosen place."""
    now = timezone.now()
    label = topic_label(payload["t"])
    if label is None:
        raise ValidationError("unknown topic")
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        channel=payload["c"],
        address=payload["a"],
        defaults={"confirmed_at": now, "kinds": alert_kinds.encode(payload["k"])},
    )
    if not created and subscriber.status != Subscriber.Status.ACTIVE:
        # Back after leaving: only what happens from now on.
        subscriber.confirmed_at = now
        subscriber.status_changed_at = now
    subscriber.status = Subscriber.Status.ACTIVE
    subscriber.kinds = alert_kinds.encode(payload["k"])
    subscriber.language = payload["l"]
    subscriber.mode = payload["m"]
    subscriber.unconfirmed = bool(payload["u"])
    subscriber.contact_email = payload.get("e", "")
    subscriber.consecutive_failures = 0
    subscriber.save()
    Topic.objects.get_or_create(subscriber=subscriber, key=payload["t"], defaults={"label": label})
    return subscriber


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
    try:
        number = normalize_phone(phone)
    except ValidationError:
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


def subscribers_import(
    *,
    rows: Iterable[dict[str, str]],
    topic: str,
    kinds: list[str] | None = None,
    language: str = "en",
    mode: str = Mode.IMMEDIATE,
) -> ImportReport:
    """An organizer's list of people who agreed to receive alerts (a `consent` column, e.g. the
    date and where they signed): added as confirmed subscribers, without a confirmation round."""
    label = topic_label(topic)
    if label is None:
        raise ValidationError(f"unknown topic {topic!r}")
    report = ImportReport()
    now = timezone.now()
    for row in rows:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        channel = Channel.SMS if row.get("phone") and not row.get("email") else Channel.EMAIL
        raw = row.get("email") or row.get("phone") or ""
        if not row.get("consent") or not raw:
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


def read_csv(path: str) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))
