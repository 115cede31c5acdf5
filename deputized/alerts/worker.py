"""Sending what the outbox holds, by channel: the body of `deputized deliver` and of the
background task. See outbox.py for the claim/lease and what a crash can and cannot do."""

from __future__ import annotations

import contextlib
import logging
import math
import os
import smtplib
import socket
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from deputized.alerts import confirmations, outbox, sms, tokens, webhook
from deputized.alerts.content import NoticeContent, absolute, digest_hotlines, notice_content
from deputized.alerts.models import Channel, Delivery, Subscriber

log = logging.getLogger(__name__)


@dataclass(slots=True)
class DeliverStats:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    messages: int = 0
    errors: list[str] = field(default_factory=list)


def worker_name() -> str:
    """Unique per Sender, also between threads of one process: claims are checked against it."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def subscriber_links(subscriber: Subscriber) -> dict[str, str]:
    with translation.override(subscriber.language):
        manage = reverse("alerts:manage", args=[tokens.subscriber_token(subscriber)])
        unsubscribe = reverse(
            "alerts:unsubscribe",
            args=[tokens.subscriber_token(subscriber, salt=tokens.UNSUBSCRIBE_SALT)],
        )
    return {"manage_url": absolute(manage), "unsubscribe_url": absolute(unsubscribe)}


def _domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "localhost"


def build_email(
    subscriber: Subscriber, contents: list[NoticeContent], delivery_id: int
) -> EmailMultiAlternatives:
    links = subscriber_links(subscriber)
    with translation.override(subscriber.language):
        context = {
            "items": contents,
            "digest": len(contents) > 1,
            "hotlines": digest_hotlines(contents),
            **links,
        }
        subject = (
            contents[0].subject
            if len(contents) == 1
            else _("287(g) alerts: %(n)s changes") % {"n": len(contents)}
        )
        text = render_to_string("alerts/email/alert.txt", context)
        html = render_to_string("alerts/email/alert.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.address],
        headers={
            # RFC 8058: one POST to this URL unsubscribes, no login, no confirmation page.
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # Stable across retries, so a receiver can drop the rare repeat (see outbox.py).
            "Message-ID": f"<alert-{delivery_id}@{_domain()}>",
            "X-Deputized-Delivery": str(delivery_id),
            "Content-Language": subscriber.language,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def build_sms(subscriber: Subscriber, contents: list[NoticeContent]) -> str:
    """Every change, or as many as fit in one message (`sms.MAX_BODY_CHARS`, Twilio's limit) and
    then how many more, with a link to the site's list of changes. A long digest is our doing:
    it must never fail, nor get a subscriber disabled."""
    with translation.override(subscriber.language):
        context = {**subscriber_links(subscriber), "changes_url": absolute(reverse("web:changes"))}

        def render(shown: int) -> str:
            items = {"items": contents[:shown], "more": len(contents) - shown}
            return render_to_string("alerts/sms/alert.txt", {**context, **items}).strip()

        text = render(len(contents))
        if len(text) <= sms.MAX_BODY_CHARS:
            return text
        # The most changes that fit: the length grows with the number shown, so bisect.
        fits, too_many = 0, len(contents)
        while too_many - fits > 1:
            middle = (fits + too_many) // 2
            fits, too_many = (
                (middle, too_many) if len(render(middle)) <= sms.MAX_BODY_CHARS else (fits, middle)
            )
        return render(fits)[: sms.MAX_BODY_CHARS]  # cut only if not even the link fits


def build_payload(subscriber: Subscriber, contents: list[NoticeContent], delivery_id: int) -> dict:
    return {
        "type": "deputized.alert",
        "delivery": str(delivery_id),
        "language": subscriber.language,
        "alerts": [c.as_json() for c in contents],
    }


class Sender:
    """One worker's pass over the outbox: channels opened once, content built once per notice
    and language."""

    def __init__(self, *, worker: str | None = None, batch: int = 50) -> None:
        self.worker = worker or worker_name()
        self.batch = batch
        self.stats = DeliverStats()
        self._contents: dict[tuple[int, str], NoticeContent] = {}
        self._claimed = -math.inf  # when this worker's current batch was claimed (monotonic)
        self._mail: BaseEmailBackend | None = None
        self._stopped: set[int] = set()  # subscribers disabled during this pass

    def content(self, delivery: Delivery, language: str) -> NoticeContent:
        key = (delivery.notice_id, language)
        if key not in self._contents:
            self._contents[key] = notice_content(delivery.notice, language)
        return self._contents[key]

    def mail_connection(self) -> BaseEmailBackend:
        if self._mail is None:
            self._mail = get_connection(fail_silently=False)
            self._mail.open()
        return self._mail

    def close(self) -> None:
        if self._mail is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._mail.close()
            self._mail = None

    def send(self, subscriber: Subscriber, deliveries: list[Delivery]) -> None:
        ids = [d.pk for d in deliveries]
        if subscriber.status != Subscriber.Status.ACTIVE or subscriber.pk in self._stopped:
            outbox.mark_skipped(ids, f"subscriber {subscriber.status}")
            self.stats.skipped += len(ids)
            return
        live = [d for d in deliveries if not d.notice.retracted]
        if len(live) < len(deliveries):
            outbox.mark_skipped([d.pk for d in deliveries if d.notice.retracted], "retracted")
            self.stats.skipped += len(deliveries) - len(live)
        if time.monotonic() - self._claimed > settings.ALERTS["LEASE_SECONDS"] / 2:
            # Past half its lease, a batch's claim may have run out: keep only what is still
            # this worker's (nobody else can have taken a delivery before its lease ran out).
            mine = set(outbox.renew([d.pk for d in live], worker=self.worker))
            live = [d for d in live if d.pk in mine]
        if not live:
            return
        ids = [d.pk for d in live]
        try:
            contents = [self.content(d, subscriber.language) for d in live]
            if subscriber.channel == Channel.EMAIL:
                sent = self.mail_connection().send_messages(
                    [build_email(subscriber, contents, ids[0])]
                )
                if sent != 1:
                    raise smtplib.SMTPException("the server did not accept the message")
            elif subscriber.channel == Channel.SMS:
                sms.send_sms(subscriber.address, build_sms(subscriber, contents))
            else:
                webhook.post(
                    subscriber.address,
                    build_payload(subscriber, contents, ids[0]),
                    secret=subscriber.secret,
                    delivery_id=str(ids[0]),
                    allow_loopback=settings.ALERTS["WEBHOOK_ALLOW_LOOPBACK"],
                )
        except Exception as exc:  # whatever a provider or a message does, the worker goes on
            self._failed(subscriber, ids, exc)
            return
        outbox.mark_sent(ids, worker=self.worker)  # at once: a repeat needs a crash before this
        outbox.record_success(subscriber)
        self.stats.sent += len(ids)
        self.stats.messages += 1

    def _failed(self, subscriber: Subscriber, ids: list[int], exc: Exception) -> None:
        # The error's type and code, never its text (SMTP replies can quote the address).
        code = getattr(exc, "smtp_code", "")
        reason = f"{subscriber.channel}: {type(exc).__name__} {code}".rstrip()
        if isinstance(exc, sms.SMSError | webhook.WebhookError):
            reason = f"{subscriber.channel}: {exc}"
        if isinstance(exc, smtplib.SMTPServerDisconnected | OSError):
            self.close()  # reconnect for the next message
        outbox.mark_failed(ids, reason, worker=self.worker)
        self.stats.failed += len(ids)
        self.stats.errors.append(reason)
        log.warning("alerts: delivery %s failed (%s)", ids[0], reason)
        if outbox.record_failure(subscriber) and subscriber.channel != Channel.EMAIL:
            disable(subscriber, reason)
            self._stopped.add(subscriber.pk)

    def run_immediate(self) -> int:
        self._claimed = time.monotonic()
        ids = outbox.claim_immediate(worker=self.worker, limit=self.batch)
        rows = Delivery.objects.filter(id__in=ids).select_related("subscriber", "notice")
        for delivery in sorted(rows, key=lambda d: d.pk):
            self.send(delivery.subscriber, [delivery])
        return len(ids)

    def run_digests(self, *, force: bool = False) -> int:
        self._claimed = time.monotonic()
        groups = outbox.claim_digests(worker=self.worker, subscribers=self.batch, force=force)
        for ids in groups.values():
            rows = list(
                Delivery.objects.filter(id__in=ids)
                .select_related("subscriber", "notice")
                .order_by("notice__observed_on", "id")
            )
            if rows:
                self.send(rows[0].subscriber, rows)
        return sum(len(ids) for ids in groups.values())


def disable(subscriber: Subscriber, reason: str) -> None:
    """Too many failures in a row: stop, and tell the subscriber by email."""
    from django.utils import timezone

    Subscriber.objects.filter(pk=subscriber.pk).update(
        status=Subscriber.Status.DISABLED, status_changed_at=timezone.now()
    )
    subscriber.status = Subscriber.Status.DISABLED
    Delivery.objects.filter(subscriber=subscriber, status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.SKIPPED, last_error="subscriber disabled after failures"
    )
    recipient = subscriber.contact_email or (
        subscriber.address if subscriber.channel == Channel.EMAIL else ""
    )
    if not recipient:
        return
    # A webhook's contact email was never confirmed (anyone could have typed it): its report
    # carries no link to the manage page, which shows the webhook's secret.
    links = subscriber_links(subscriber) if recipient == subscriber.address else {}
    with translation.override(subscriber.language):
        context = {"subscriber": subscriber, "reason": reason, **links}
        subject = _("Your 287(g) alerts were paused after repeated failures")
        body = render_to_string("alerts/email/disabled.txt", context)
    try:
        EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient]).send()
    except (smtplib.SMTPException, OSError):
        log.warning("alerts: could not report a disabled subscription (#%s)", subscriber.pk)


def process_outbox(
    *, batch: int = 50, digests: bool = True, force_digests: bool = False, worker: str | None = None
) -> DeliverStats:
    """Send every due delivery, batch after batch, until none is left; return what happened."""
    sender = Sender(worker=worker, batch=batch)
    try:
        outbox.give_up_exhausted()
        while sender.run_immediate():
            pass
        if digests:
            while sender.run_digests(force=force_digests):
                pass
        # Webhook sign-ups' confirmation calls (never made by the web request), after the
        # alerts: a crowd of slow sign-up endpoints must not hold back subscribers' alerts.
        confirmations.send_due_webhook_confirmations(limit=batch)
    finally:
        sender.close()
    return sender.stats
