"""Sending a pending sign-up's confirmation link (models.PendingSignup).

Email and text confirmations go to the site's own providers and are sent by the web request, so
the form can say at once when the provider refused (nothing is then kept). A webhook's
confirmation goes to the subscriber's own server, which may be slow or hang: it is sent by the
worker (`process_outbox`, `deputized deliver`, the background task), never by the web request,
with the outbox's backoff and lease.
"""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from deputized.alerts import outbox, sms, tokens, webhook
from deputized.alerts.content import absolute
from deputized.alerts.models import Channel, PendingSignup
from deputized.alerts.selectors import topic_label

log = logging.getLogger(__name__)


class ConfirmationNotSent(Exception):
    """The mail server, SMS provider or webhook endpoint did not take the confirmation."""


def send(pending: PendingSignup) -> None:
    """Send a new link for `pending`: a fresh token, whose digest replaces the earlier one."""
    token, digest = tokens.new_confirm_token()
    PendingSignup.objects.filter(pk=pending.pk).update(token_hash=digest)
    pending.token_hash = digest
    with translation.override(pending.language):
        label = topic_label(pending.topic) or pending.topic
        url = absolute(reverse("alerts:confirm", args=[token]))
        if pending.channel == Channel.WEBHOOK:
            _send_webhook(pending, url, label)
        elif pending.channel == Channel.SMS:
            _send_sms(pending, url, label)
        else:
            _send_email(pending, url, label)


def _send_email(pending: PendingSignup, url: str, label: str) -> None:
    context = {"confirm_url": url, "topic": label, "channel": pending.channel}
    subject = _("Confirm your 287(g) alerts for %(topic)s") % {"topic": label}
    text = render_to_string("alerts/email/confirm.txt", context)
    html = render_to_string("alerts/email/confirm.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [pending.address])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as exc:  # smtplib's errors included; never the address in the log
        log.warning("alerts: a confirmation email could not be sent (%s)", type(exc).__name__)
        raise ConfirmationNotSent from exc


def _send_sms(pending: PendingSignup, url: str, label: str) -> None:
    context = {"confirm_url": url, "topic": label, "channel": pending.channel}
    text = render_to_string("alerts/sms/confirm.txt", context).strip()
    try:
        sms.send_sms(pending.address, text)
    except sms.SMSError as exc:
        log.warning("alerts: a confirmation text could not be sent (%s)", exc)
        raise ConfirmationNotSent from exc


def _send_webhook(pending: PendingSignup, url: str, label: str) -> None:
    """The link goes to the endpoint itself: whoever can read its calls owns it. Sent to the
    contact email instead, it would let anyone take over a webhook whose URL they know (and
    read its secret); the contact email only receives failure reports."""
    body = {
        "type": "deputized.confirm",
        "confirm_url": url,
        "topic": label,
        "language": pending.language,
    }
    try:
        webhook.post(
            pending.address,
            body,
            secret=None,
            delivery_id="confirm",
            allow_loopback=settings.ALERTS["WEBHOOK_ALLOW_LOOPBACK"],
        )
    except webhook.WebhookError as exc:
        log.warning("alerts: webhook confirmation #%s not delivered (%s)", pending.pk, exc)
        raise ConfirmationNotSent from exc


def _claim(pending_id: int, now: dt.datetime) -> bool:
    """Take one due confirmation (False when another worker took it first): the same lease as
    the outbox's, so a worker that dies mid-call leaves it to the next one."""
    lease = dt.timedelta(seconds=settings.ALERTS["LEASE_SECONDS"])
    free = Q(send_claimed_at__isnull=True) | Q(send_claimed_at__lt=now - lease)
    taken = PendingSignup.objects.filter(free, pk=pending_id, send_due_at__lte=now).update(
        send_claimed_at=now, send_attempts=F("send_attempts") + 1
    )
    return taken == 1


def send_due_webhook_confirmations(*, limit: int = 50) -> int:
    """The worker's part: send the webhook confirmations that are due; returns how many were
    sent. A failure is retried with the outbox's backoff, then given up (the sign-up expires and
    is purged; the person can sign up again once the endpoint answers)."""
    now = timezone.now()
    due = list(
        PendingSignup.objects.filter(
            channel=Channel.WEBHOOK, send_due_at__lte=now, expires_at__gt=now
        )
        .order_by("send_due_at", "id")
        .values_list("id", "address")[:limit]
    )
    sent = 0
    failed_hosts: set[str] = set()
    for pending_id, address in due:
        host = urlsplit(address).netloc.lower()  # the server: host and port
        if host in failed_hosts:
            # One call per unanswering server and pass: many sign-ups for one slow endpoint
            # (the review's attack) would each hold the worker for the whole deadline.
            PendingSignup.objects.filter(pk=pending_id, send_claimed_at__isnull=True).update(
                send_due_at=now + dt.timedelta(seconds=outbox.BACKOFF[0])
            )
            continue
        if not _claim(pending_id, now):
            continue
        pending = PendingSignup.objects.get(pk=pending_id)
        try:
            send(pending)
        except ConfirmationNotSent:
            failed_hosts.add(host)
            attempts = pending.send_attempts
            retry = attempts < settings.ALERTS["CONFIRM_ATTEMPTS"]
            wait = outbox.BACKOFF[min(attempts, len(outbox.BACKOFF)) - 1]
            PendingSignup.objects.filter(pk=pending_id).update(
                send_claimed_at=None,
                send_due_at=timezone.now() + dt.timedelta(seconds=wait) if retry else None,
            )
            continue
        PendingSignup.objects.filter(pk=pending_id).update(send_claimed_at=None, send_due_at=None)
        sent += 1
    return sent
