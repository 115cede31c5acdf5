"""From the change log to the outbox: notices for events that became sendable, and one delivery
per subscriber who follows them.

Run after every history update (`history_updated`) and at the start of `deputized deliver`. It
looks at events past the high-water mark (`Cursor.last_seq`) and at every removal (a removal is
created `suspected` and confirmed publications later, under the same seq), and records each
event-and-stage once as a `Notice` whose key does not depend on seq, so a replay that renumbers
events finds every notice already there and queues nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone

from deputized.alerts import kinds
from deputized.alerts.models import Cursor, Delivery, Mode, Notice, Subscriber
from deputized.alerts.routing import agency_topics
from deputized.history.models import ChangeEvent

log = logging.getLogger(__name__)

# Event kinds whose status can change after they were first seen.
LATE_KINDS = ("removed", "pending_withdrawn")


@dataclass(frozen=True, slots=True)
class DispatchResult:
    notices: int
    deliveries: int
    baseline: bool


def notice_key(event: ChangeEvent, stage: str) -> str:
    return f"{event.kind}|{event.agreement_id}|{event.publication_id}|{stage}"


def next_digest_at(now: dt.datetime) -> dt.datetime:
    """The next time the daily digests go out (ALERTS["DIGEST_HOUR"], local time)."""
    local = timezone.localtime(now)
    due = local.replace(hour=settings.ALERTS["DIGEST_HOUR"], minute=0, second=0, microsecond=0)
    return due if due > local else due + dt.timedelta(days=1)


def queue_deliveries(notice: Notice, *, now: dt.datetime | None = None) -> int:
    """One delivery per active subscriber following one of the notice's topics since before the
    notice was seen, and wanting its kind: a single INSERT … SELECT, duplicates ignored."""
    now = now or timezone.now()
    subscribers = Subscriber.objects.filter(
        status=Subscriber.Status.ACTIVE,
        confirmed_at__lte=notice.created_at,
        topics__key__in=notice.topics,
        topics__created_at__lte=notice.created_at,
    )
    if notice.kind == kinds.MAYBE_ENDED:
        subscribers = subscribers.filter(unconfirmed=True)
    else:
        subscribers = subscribers.filter(kinds__contains=f",{notice.kind},")
    select, params = subscribers.values("id", "mode").distinct().query.sql_with_params()
    adapt = connection.ops.adapt_datetimefield_value
    table = connection.ops.quote_name(Delivery._meta.db_table)
    # WHERE 1=1 keeps SQLite from reading ON CONFLICT as part of a join.
    sql = (
        f"INSERT INTO {table} (subscriber_id, notice_id, mode, status, due_at, attempts, "
        "claimed_by, last_error, created_at) "
        f"SELECT s.id, %s, s.mode, %s, CASE WHEN s.mode = %s THEN %s ELSE %s END, 0, '', '', %s "
        f"FROM ({select}) s WHERE 1=1 "
        "ON CONFLICT (subscriber_id, notice_id) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                notice.pk,
                Delivery.Status.QUEUED,
                Mode.DIGEST,
                adapt(next_digest_at(now)),
                adapt(now),
                adapt(now),
                *params,
            ],
        )
        return max(cursor.rowcount, 0)


def _candidates(cursor: Cursor, full: bool):
    events = ChangeEvent.objects.select_related("agency").order_by("seq")
    if full:
        return events
    return events.filter(Q(seq__gt=cursor.last_seq) | Q(kind__in=LATE_KINDS))


def _retract() -> None:
    """Early word of a removal that turned out false is never sent: a suspected notice whose
    event was retracted (or vanished in a replay) is marked, and its queued deliveries skipped.
    Two queries whatever the number of notices (this runs on every ingest)."""
    waiting = list(
        Notice.objects.filter(stage="suspected", retracted=False).values_list(
            "pk", "event_kind", "agreement_id", "publication_id"
        )
    )
    if not waiting:
        return
    standing = set(
        ChangeEvent.objects.filter(kind__in=LATE_KINDS)
        .exclude(status=ChangeEvent.Status.RETRACTED)
        .values_list("kind", "agreement_id", "publication_id")
    )
    gone = [pk for pk, *event in waiting if tuple(event) not in standing]
    if gone:
        Notice.objects.filter(pk__in=gone).update(retracted=True)
        Delivery.objects.filter(notice_id__in=gone, status=Delivery.Status.QUEUED).update(
            status=Delivery.Status.SKIPPED, last_error="retracted: the agreement came back"
        )


def dispatch(*, full: bool = False) -> DispatchResult:
    """Record new notices and queue their deliveries; safe to run concurrently and repeatedly."""
    now = timezone.now()
    with transaction.atomic():
        Cursor.objects.get_or_create(pk=1)
        cursor = Cursor.objects.select_for_update().get(pk=1)  # one dispatcher at a time
        # Alerts started on a history that already exists: what is there is the baseline, told
        # to nobody (subscribers hear of changes from the moment they subscribe).
        baseline = cursor.last_seq == 0 and not Notice.objects.exists()
        baseline = baseline and ChangeEvent.objects.exists()
        # Nobody to tell: record the notices (so later subscribers never get them) and skip
        # routing and queueing, which cost queries per notice.
        audience = (
            not baseline and Subscriber.objects.filter(status=Subscriber.Status.ACTIVE).exists()
        )
        events = list(_candidates(cursor, full or baseline))
        wanted: dict[str, tuple[ChangeEvent, str, str]] = {}
        for event in events:
            found = kinds.alert_kind(event.kind, event.status, event.details or {})
            if found:
                wanted[notice_key(event, found[1])] = (event, *found)
        known = (
            set(Notice.objects.filter(key__in=list(wanted)).values_list("key", flat=True))
            if len(wanted) < 5000
            else set(Notice.objects.values_list("key", flat=True))
        )
        created = Notice.objects.bulk_create(
            [
                Notice(
                    key=key,
                    kind=kind,
                    stage=stage,
                    event_kind=event.kind,
                    event_seq=event.seq,
                    agency_id=event.agency_id,
                    agreement_id=event.agreement_id,
                    model=event.model,
                    signed=event.signed,
                    observed_on=event.observed_on,
                    confirmed_on=event.confirmed_on,
                    publication_id=event.publication_id,
                    row=event.row,
                    details=event.details or {},
                    topics=agency_topics(event.agency_id, event.agency.state) if audience else [],
                    baseline=baseline,
                )
                for key, (event, kind, stage) in wanted.items()
                if key not in known
            ],
            batch_size=1000,
        )
        queued = 0
        if audience:
            for notice in Notice.objects.filter(key__in=[n.key for n in created]):
                queued += queue_deliveries(notice, now=now)
        _retract()
        top = ChangeEvent.objects.aggregate(top=Max("seq"))["top"] or 0
        cursor.last_seq = max(cursor.last_seq, top) if not full else top
        cursor.save(update_fields=["last_seq", "updated_at"])
        if queued:
            transaction.on_commit(_wake_workers)
    return DispatchResult(len(created), queued, baseline)


def _wake_workers() -> None:
    from deputized.alerts.tasks import deliver_outbox

    try:
        deliver_outbox.enqueue()
    except Exception:  # the cron run of `deputized deliver` picks them up anyway
        log.exception("alerts: could not queue the delivery task")


def dispatch_after_history(*, result: object = None, **_: object) -> None:
    """Receiver of `history.signals.history_updated`: never lets alerts break an ingest."""
    try:
        outcome = dispatch(full=getattr(result, "mode", "") == "replay")
    except Exception:
        log.exception("alerts: dispatch failed; `deputized deliver` will catch up")
        return
    if outcome.notices:
        log.info(
            "alerts: %s new notices, %s deliveries queued%s",
            outcome.notices,
            outcome.deliveries,
            " (baseline)" if outcome.baseline else "",
        )
