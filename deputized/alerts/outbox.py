"""The outbox's state changes: claim with a lease, mark sent, retry with backoff, give up.

A worker claims a batch (status `claimed`, `claimed_at`, one more attempt) in a short transaction;
on PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED` lets several workers claim side by side without
waiting on each other (on SQLite, write transactions are serialized anyway). Each delivery is then
sent and, right after the provider accepts it, marked `sent` in its own transaction. A worker that
dies leaves its claimed rows behind; once the lease (`ALERTS["LEASE_SECONDS"]`) has run out,
another worker claims them again. So nothing is lost, and nothing marked sent is sent again; the
one window for a repeat is a crash between the provider's acceptance and that commit (a few
milliseconds), which is why every message carries a stable id (Message-ID, X-Deputized-Delivery).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from deputized.alerts.models import Delivery, Mode, Subscriber

# Seconds to wait before attempt 2, 3, …: a minute, five, half an hour, two hours, twelve.
BACKOFF = [60, 300, 1800, 7200, 43200]


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.ALERTS["LEASE_SECONDS"])


def _due(now: dt.datetime) -> Q:
    queued = Q(status=Delivery.Status.QUEUED, due_at__lte=now)
    abandoned = Q(status=Delivery.Status.CLAIMED, claimed_at__lt=now - _lease())
    return queued | abandoned


def _claim(ids: list[int], worker: str, now: dt.datetime) -> None:
    Delivery.objects.filter(id__in=ids).update(
        status=Delivery.Status.CLAIMED,
        claimed_at=now,
        claimed_by=worker,
        attempts=F("attempts") + 1,
    )


def claim_immediate(*, worker: str, limit: int) -> list[int]:
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            Delivery.objects.filter(_due(now), mode=Mode.IMMEDIATE)
            .order_by("due_at", "id")
            .select_for_update(skip_locked=True)
            .values_list("id", flat=True)[:limit]
        )
        _claim(ids, worker, now)
    return ids


def claim_digests(*, worker: str, subscribers: int, force: bool = False) -> dict[int, list[int]]:
    """Every due digest delivery of up to `subscribers` subscribers, grouped by subscriber
    (one message each). `force` sends digests now, whatever their due time (tests, operators)."""
    now = timezone.now()
    due = (Q(status=Delivery.Status.QUEUED) | _due(now)) if force else _due(now)
    waiting = list(
        Delivery.objects.filter(due, mode=Mode.DIGEST)
        .order_by("subscriber_id")
        .values_list("subscriber_id", flat=True)
        .distinct()[:subscribers]
    )
    groups: dict[int, list[int]] = {}
    for subscriber_id in waiting:
        with transaction.atomic():
            ids = list(
                Delivery.objects.filter(due, mode=Mode.DIGEST, subscriber_id=subscriber_id)
                .order_by("id")
                .select_for_update(skip_locked=True)
                .values_list("id", flat=True)
            )
            _claim(ids, worker, now)
        if ids:
            groups[subscriber_id] = ids
    return groups


def renew(ids: list[int], *, worker: str) -> list[int]:
    """Those of `ids` this worker still holds, their lease started again. A slow provider can
    keep a worker busy past its lease; another worker may have claimed the rest since, and
    sends them itself. One statement when, as nearly always, all are still held."""
    held = Delivery.objects.filter(id__in=ids, status=Delivery.Status.CLAIMED, claimed_by=worker)
    if held.update(claimed_at=timezone.now()) == len(ids):
        return list(ids)
    return list(held.values_list("id", flat=True))


def mark_sent(ids: list[int], *, worker: str) -> None:
    """Right after the provider accepted the message: from here on it is never sent again."""
    now = timezone.now()
    with transaction.atomic():
        Delivery.objects.filter(
            id__in=ids, status=Delivery.Status.CLAIMED, claimed_by=worker
        ).update(status=Delivery.Status.SENT, sent_at=now, last_error="")


def mark_skipped(ids: list[int], reason: str) -> None:
    Delivery.objects.filter(id__in=ids).exclude(status=Delivery.Status.SENT).update(
        status=Delivery.Status.SKIPPED, last_error=reason[:300]
    )


def mark_failed(ids: list[int], error: str, *, worker: str) -> bool:
    """Back in the queue with backoff, or failed for good after the last attempt.
    Returns True when at least one of them gave up."""
    now = timezone.now()
    gave_up = False
    with transaction.atomic():
        held = Delivery.objects.filter(
            id__in=ids, status=Delivery.Status.CLAIMED, claimed_by=worker
        )
        for delivery in held:
            delivery.last_error = error[:300]
            if delivery.attempts >= settings.ALERTS["MAX_ATTEMPTS"]:
                delivery.status = Delivery.Status.FAILED
                gave_up = True
            else:
                wait = BACKOFF[min(delivery.attempts, len(BACKOFF)) - 1]
                delivery.status = Delivery.Status.QUEUED
                delivery.due_at = now + dt.timedelta(seconds=wait)
            delivery.save(update_fields=["status", "due_at", "last_error"])
    return gave_up


def give_up_exhausted() -> int:
    """Abandoned claims that have used every attempt: failed, not retried forever."""
    now = timezone.now()
    return Delivery.objects.filter(
        status=Delivery.Status.CLAIMED,
        claimed_at__lt=now - _lease(),
        attempts__gte=settings.ALERTS["MAX_ATTEMPTS"],
    ).update(status=Delivery.Status.FAILED, last_error="abandoned by its worker too often")


def record_success(subscriber: Subscriber) -> None:
    if subscriber.consecutive_failures:
        Subscriber.objects.filter(pk=subscriber.pk).update(consecutive_failures=0)
        subscriber.consecutive_failures = 0


def record_failure(subscriber: Subscriber) -> bool:
    """Count a failed attempt; True when the subscriber has just reached the disable threshold."""
    Subscriber.objects.filter(pk=subscriber.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    subscriber.refresh_from_db(fields=["consecutive_failures", "status"])
    return (
        subscriber.status == Subscriber.Status.ACTIVE
        and subscriber.consecutive_failures >= settings.ALERTS["DISABLE_AFTER_FAILURES"]
    )
