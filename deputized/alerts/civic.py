"""The place's own news, beside ICE's: a meeting of a county board or town council coming within a
week (where 287(g) can be raised), and a body's vote on an oversight measure.

These notices come from curated records (the officials' meetings, the oversight adoptions), not
from the change log, so they have no agency, agreement or ICE list. Each is recorded once, as a
`Notice` whose key names the record and what is announced (a rescheduled meeting, or a measure
first tabled and then adopted, is news again), with a snapshot of what it says in `details`, and
is queued by the same `queue_deliveries` as every alert: to the subscribers who follow the place
and chose the kind (never on by default), since before the notice was seen.

`dispatch_civic` runs at every `deputized deliver` (cron or worker loop, which catches meetings
as they come within the week) and when a curator saves a meeting or an adoption (apps.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from deputized.alerts import kinds
from deputized.alerts.dispatch import queue_deliveries, wake_workers
from deputized.alerts.models import Notice, Subscriber
from deputized.alerts.routing import county_key, town_key
from deputized.officials.models import Meeting
from deputized.oversight.adoptions import measure_title
from deputized.oversight.models import Adoption
from deputized.places.display import local_county_name
from deputized.places.models import County, Municipality

log = logging.getLogger(__name__)

MEETING_AHEAD = dt.timedelta(days=7)  # how far ahead a meeting is announced
VOTE_NEWS = dt.timedelta(days=30)  # a vote recorded later than this after the meeting is not news


@dataclass(frozen=True, slots=True)
class CivicResult:
    notices: int
    deliveries: int


def _place_ref(county: County | None, town: Municipality | None) -> dict[str, str]:
    if town is not None:
        return {"kind": "town", "id": town.geoid}
    if county is not None:
        return {"kind": "county", "id": county.fips}
    return {}


def _topics(ref: dict[str, str]) -> list[str]:
    """A town's body: the town's subscribers. A county's board: the county's, and every town's
    in it (the board decides for the sheriff who polices and jails them all)."""
    if ref.get("kind") == "town":
        return [town_key(ref["id"])]
    if ref.get("kind") == "county":
        towns = Municipality.objects.filter(counties__fips=ref["id"]).distinct()
        return [
            county_key(ref["id"]),
            *(town_key(g) for g in towns.values_list("geoid", flat=True)),
        ]
    return []


def _iso(moment: dt.datetime | dt.date | None) -> str:
    return moment.isoformat() if moment else ""


def meeting_key(meeting: Meeting) -> str:
    return f"{kinds.MEETING}|{meeting.pk}|{meeting.starts_at.isoformat()}"


def vote_key(adoption: Adoption) -> str:
    return f"{kinds.BODY_VOTE}|{adoption.pk}|{adoption.outcome}|{adoption.decided_on.isoformat()}"


def _meeting_notices(now: dt.datetime) -> list[tuple[str, str, dt.date, dict]]:
    meetings = Meeting.objects.filter(
        starts_at__gt=now, starts_at__lte=now + MEETING_AHEAD
    ).select_related("office", "office__county", "office__municipality")
    found = []
    for meeting in meetings:
        ref = _place_ref(meeting.office.county, meeting.office.municipality)
        if not ref:
            continue  # the legislature's sessions are not a local meeting
        details = {
            "meeting": meeting.pk,
            "body": meeting.office.name,
            "title": meeting.title,
            "starts_at": _iso(meeting.starts_at),
            "location": meeting.location,
            "agenda_url": meeting.agenda_url,
            "comment_deadline": _iso(meeting.comment_deadline),
            "public_comment": meeting.office.public_comment,
            "source": meeting.source,
            "verified_on": _iso(meeting.verified_on),
            "place": ref,
        }
        found.append((meeting_key(meeting), kinds.MEETING, timezone.localdate(now), details))
    return found


def _vote_notices(now: dt.datetime) -> list[tuple[str, str, dt.date, dict]]:
    since = timezone.localdate(now) - VOTE_NEWS
    adoptions = Adoption.objects.filter(decided_on__gte=since).select_related(
        "county", "municipality"
    )
    found = []
    for adoption in adoptions:
        ref = _place_ref(adoption.county, adoption.municipality)
        details = {
            "adoption": adoption.pk,
            "measure": adoption.measure,
            "outcome": adoption.outcome,
            "decided_on": _iso(adoption.decided_on),
            "vote": adoption.vote,
            "minutes_url": adoption.minutes_url,
            "summary": adoption.summary,
            "place": ref,
        }
        found.append((vote_key(adoption), kinds.BODY_VOTE, adoption.decided_on, details))
    return found


def dispatch_civic(*, now: dt.datetime | None = None) -> CivicResult:
    """Record the meetings and votes not yet announced, and queue their deliveries; safe to run
    concurrently and repeatedly (a notice's key is unique)."""
    now = now or timezone.now()
    wanted = _meeting_notices(now) + _vote_notices(now)
    if not wanted:
        return CivicResult(0, 0)
    known = set(Notice.objects.filter(key__in=[w[0] for w in wanted]).values_list("key", flat=True))
    audience = Subscriber.objects.filter(status=Subscriber.Status.ACTIVE).exists()
    created = queued = 0
    with transaction.atomic():
        for key, kind, observed_on, details in wanted:
            if key in known:
                continue
            notice, fresh = Notice.objects.get_or_create(
                key=key,
                defaults={
                    "kind": kind,
                    "stage": "confirmed",
                    "event_kind": kind,
                    "event_seq": 0,
                    "agency_id": "",
                    "agreement_id": "",
                    "model": "",
                    "observed_on": observed_on,
                    "publication_id": 0,
                    "details": details,
                    "topics": _topics(details["place"]),
                },
            )
            if not fresh:
                continue
            created += 1
            if audience:
                queued += queue_deliveries(notice, now=now)
        if queued:
            transaction.on_commit(wake_workers)
    return CivicResult(created, queued)


def dispatch_civic_after_save(**_: object) -> None:
    """Receiver of a meeting's or an adoption's save: a curator's record never fails because of
    the alerts (the next `deputized deliver` catches up)."""

    def run() -> None:
        try:
            dispatch_civic()
        except Exception:
            log.exception("alerts: civic dispatch failed; `deputized deliver` will catch up")

    transaction.on_commit(run)


# --- what a civic notice says ---


def _place(ref: dict[str, str]) -> tuple[str, str]:
    """The place's name (in the active language) and its page's path."""
    if ref.get("kind") == "town":
        town = Municipality.objects.filter(pk=ref["id"]).first()
        if town:
            slug = {"state": town.state_id.lower(), "slug": town.slug}
            return town.name, reverse("web:town", kwargs=slug)
    if ref.get("kind") == "county":
        county = County.objects.filter(pk=ref["id"]).first()
        if county:
            slug = {"state": county.state_id.lower(), "slug": county.slug}
            return local_county_name(county), reverse("web:county", kwargs=slug)
    return "", ""


def _when(iso: str) -> str:
    if not iso:
        return ""
    moment = dt.datetime.fromisoformat(iso)
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _day(iso: str) -> str:
    return date_format(dt.date.fromisoformat(iso), "DATE_FORMAT") if iso else ""


OUTCOMES = {
    Adoption.Outcome.ADOPTED: lambda: _("adopted"),
    Adoption.Outcome.CONSIDERED: lambda: _("considered"),
    Adoption.Outcome.REJECTED: lambda: _("rejected"),
    Adoption.Outcome.TABLED: lambda: _("tabled"),
}


def civic_text(notice: Notice, language: str) -> dict[str, object]:
    """The headline, subject, detail lines and source of a civic notice, in `language`, with the
    place's name and page path (made absolute by the caller)."""
    details = notice.details
    with translation.override(language):
        place, path = _place(details.get("place", {}))
        if notice.kind == kinds.MEETING:
            values = {"body": details["body"], "when": _when(details["starts_at"])}
            headline = _("%(body)s meets on %(when)s: a meeting where 287(g) can be raised.") % (
                values
            )
            lines = []
            if details.get("title"):
                lines.append(_("Meeting: %(title)s") % {"title": details["title"]})
            if details.get("location"):
                lines.append(_("Where: %(place)s") % {"place": details["location"]})
            if details.get("comment_deadline"):
                lines.append(
                    _("Sign up to speak or send comments by %(when)s.")
                    % {"when": _when(details["comment_deadline"])}
                )
            elif details.get("public_comment"):
                lines.append(_("How to speak: %(how)s") % {"how": details["public_comment"]})
            if details.get("agenda_url"):
                lines.append(_("Agenda: %(url)s") % {"url": details["agenda_url"]})
            source = _("Source: %(source)s, verified on %(day)s.") % {
                "source": details.get("source", ""),
                "day": _day(details.get("verified_on", "")),
            }
            label = kinds.KIND_LABELS[kinds.MEETING]
        else:
            outcome = OUTCOMES.get(details.get("outcome"), lambda: details.get("outcome", ""))()
            values = {
                "place": place,
                "measure": measure_title(details.get("measure", "")),
                "outcome": outcome,
                "day": _day(details.get("decided_on", "")),
            }
            headline = (
                _("%(place)s: the local body %(outcome)s a 287(g) measure on %(day)s: %(measure)s.")
                % values
            )
            lines = []
            if details.get("vote"):
                lines.append(_("Vote: %(vote)s") % {"vote": details["vote"]})
            if details.get("summary"):
                lines.append(details["summary"])
            source = (
                _("Source: the minutes or adopted text, %(url)s") % {"url": details["minutes_url"]}
                if details.get("minutes_url")
                else _("Source: the adoption record kept by the site's curators.")
            )
            label = kinds.KIND_LABELS[kinds.BODY_VOTE]
        subject = _("287(g) alert: %(place)s — %(what)s") % {"place": place, "what": label}
        return {
            "subject": subject,
            "headline": headline,
            "lines": [str(line) for line in lines],
            "source": str(source),
            "place": place,
            "path": path,
        }
