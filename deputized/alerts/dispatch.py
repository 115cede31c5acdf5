"""From the change log to the outbox: notices for events that became sendable, and one delivery
per subscriber who follows them.

Run after every history update (`history_updated`) and at the start of `deputized deliver`. It
looks at events past the high-water mark (`Cursor.last_seq`) and at every removal (a removal is
created `suspected` and confirmed publications later, under the same seq), and records each
event-and-stage once as a `Notice` whose key does not depend on seq, so a replay that renumbers
events finds every notice already there and queues nothing twice. A replay that gives old
events new keys (an older file added, a reviewed alias) is caught by the horizon: after a
replay, only events from publications the history had not processed at the last dispatch are
news. An agency's events wait until the places app has placed it, so that they reach its
county's and town's subscribers too.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from deputized.alerts import kinds
from deputized.alerts.models import Cursor, Delivery, Mode, Notice, Subscriber
from deputized.alerts.routing import agency_topics
from deputized.bulk import bulk_write
from deputized.history.models import ChangeEvent, Checkpoint
from deputized.places.models import AgencyPlace, County

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


def _candidates(cursor: Cursor, full: bool, *, agency: bool, publication: bool):
    """The events to look at, with their agency (for routing) and publication (for the
    horizon) joined only when they will be read: the baseline of a whole history (about 4,400
    events, routed to nobody) needs neither."""
    events = ChangeEvent.objects.order_by("seq")
    related = [
        name for name, wanted in (("agency", agency), ("publication", publication)) if wanted
    ]
    if related:
        events = events.select_related(*related)
    if full:
        return events
    return events.filter(Q(seq__gt=cursor.last_seq) | Q(kind__in=LATE_KINDS))


def _placed_agencies() -> set[str] | None:
    """The agencies the places app has placed, or None before places are loaded (then nothing
    waits). An agency's first events wait for its place: routed before it, they would reach
    its state's subscribers but not its county's or town's, and a notice is routed only once."""
    if not County.objects.exists():
        return None
    return set(AgencyPlace.objects.values_list("agency_id", flat=True))


Rank = tuple[dt.date, int]


def _history_horizon() -> Rank | None:
    """The last publication the history has processed (its date and slot rank)."""
    checkpoint = Checkpoint.objects.select_related("publication").first()
    if checkpoint is None:
        return None
    return checkpoint.publication.published_on, checkpoint.publication.slot_rank


def _is_news(event: ChangeEvent, stage: str, horizon: Rank) -> bool:
    """After a replay, whether an event comes from a publication the history had not processed
    at the last dispatch. A replay can give old events new keys (an older file added to the
    archive, a reviewed alias merging two agencies): they are old news, told to nobody. A
    removal is news when it was confirmed after the horizon (its date is all that is kept; on
    the horizon's own day it counts as old, so that nothing is ever told twice)."""
    if stage == "confirmed" and event.kind in LATE_KINDS and event.confirmed_on:
        return event.confirmed_on > horizon[0]
    return (event.publication.published_on, event.publication.slot_rank) > horizon


def _next_seq(cursor: Cursor, events: list[ChangeEvent], held: list[int], full: bool) -> int:
    """The new high-water mark: the last seq looked at (not the table's maximum, which may have
    grown meanwhile), kept below any event that waits for its agency's place."""
    looked = max((e.seq for e in events), default=cursor.last_seq)
    waiting = [seq for seq in held if full or seq > cursor.last_seq]
    mark = min(looked, min(waiting) - 1) if waiting else looked
    return mark if full else max(cursor.last_seq, mark)


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


# Notice's columns as `_notice` gives them; `retracted` keeps its default (False).
_NOTICE_FIELDS = (
    "key",
    "kind",
    "stage",
    "event_kind",
    "event_seq",
    "agency_id",
    "agreement_id",
    "model",
    "signed",
    "observed_on",
    "confirmed_on",
    "publication_id",
    "row",
    "details",
    "topics",
    "baseline",
    "retracted",
    "created_at",
)


def _notice(
    event: ChangeEvent,
    key: str,
    kind: str,
    stage: str,
    *,
    topics: list[str],
    baseline: bool,
    created_at: dt.datetime,
) -> tuple[object, ...]:
    """A new notice's values in the order of `_NOTICE_FIELDS`."""
    return (
        key,
        kind,
        stage,
        event.kind,
        event.seq,
        event.agency_id,
        event.agreement_id,
        event.model,
        event.signed,
        event.observed_on,
        event.confirmed_on,
        event.publication_id,
        event.row,
        event.details or {},
        topics,
        baseline,
        False,
        created_at,
    )


def dispatch(*, full: bool = False) -> DispatchResult:
    """Record new notices and queue their deliveries; safe to run concurrently and repeatedly.
    `full` (after a replay) looks at every event, not only those past the cursor."""
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
        placed = _placed_agencies() if audience else None
        horizon = None
        if full and not baseline and cursor.horizon_on:
            horizon = (cursor.horizon_on, cursor.horizon_rank)
        events = list(
            _candidates(cursor, full or baseline, agency=audience, publication=horizon is not None)
        )
        wanted: dict[str, tuple[ChangeEvent, str, str]] = {}
        held: list[int] = []
        for event in events:
            found = kinds.alert_kind(event.kind, event.status, event.details or {})
            if not found:
                continue
            if placed is not None and event.agency_id not in placed:
                held.append(event.seq)
                continue
            wanted[notice_key(event, found[1])] = (event, *found)
        known = (
            set(Notice.objects.filter(key__in=list(wanted)).values_list("key", flat=True))
            if len(wanted) < 5000
            else set(Notice.objects.values_list("key", flat=True))
        )
        created_at = timezone.now()
        fresh = [
            _notice(
                event,
                key,
                kind,
                stage,
                topics=agency_topics(event.agency_id, event.agency.state) if audience else [],
                baseline=baseline or (horizon is not None and not _is_news(event, stage, horizon)),
                created_at=created_at,
            )
            for key, (event, kind, stage) in wanted.items()
            if key not in known
        ]
        # One statement: bulk_create's model instances cost more than the write (2,926 notices
        # on the first ingest of the archive).
        bulk_write(Notice, _NOTICE_FIELDS, fresh)
        queued = 0
        if audience:
            news = [values[0] for values in fresh if not values[_BASELINE]]
            for notice in Notice.objects.filter(key__in=news):
                queued += queue_deliveries(notice, now=now)
        _retract()
        cursor.last_seq = _next_seq(cursor, events, held, full or baseline)
        latest = _history_horizon()
        if latest:
            cursor.horizon_on, cursor.horizon_rank = latest
        cursor.save(update_fields=["last_seq", "horizon_on", "horizon_rank", "updated_at"])
        if queued:
            transaction.on_commit(wake_workers)
    return DispatchResult(len(fresh), queued, baseline)


_BASELINE = _NOTICE_FIELDS.index("baseline")


def wake_workers() -> None:
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
