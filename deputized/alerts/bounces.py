"""Bounces and complaints: the mail provider says an address is gone or its owner objected, and
email alerts to it stop (`services.bounce_record`).

They arrive through django-anymail's tracking webhooks (`/anymail/<provider>/tracking/`, mounted
in deputized/urls.py): Amazon SES through SNS, and every other provider anymail supports, each
checked by anymail's own webhook authentication (`ANYMAIL_WEBHOOK_SECRET`, HTTP basic auth).
`record_tracking_event` receives anymail's normalized event. Notifications kept in a file are
read by `deputized alerts_bounces` (`parse_bounces`).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from anymail.signals import AnymailTrackingEvent, EventType

from deputized.alerts.services import bounce_record

log = logging.getLogger(__name__)

# What stops alerts, and as what: a bounce marks the subscriber bounced, a complaint or an
# unsubscribe at the provider (its own list-unsubscribe, a suppression) unsubscribed.
_KINDS = {
    EventType.BOUNCED: "bounce",
    EventType.COMPLAINED: "complaint",
    EventType.UNSUBSCRIBED: "complaint",
}


def _transient(event: AnymailTrackingEvent) -> bool:
    """A bounce that the next message may get past: Amazon SES's Transient and Undetermined
    bounces, Postmark's SoftBounce (anymail reports both as `bounced`; other providers report
    theirs as `deferred`, which is not acted on)."""
    esp = event.esp_event if isinstance(event.esp_event, dict) else {}
    ses_bounce = esp.get("bounce")
    if isinstance(ses_bounce, dict) and ses_bounce.get("bounceType") != "Permanent":
        return True
    return esp.get("Type") == "SoftBounce"


def record_tracking_event(
    sender: object, event: AnymailTrackingEvent, esp_name: str, **_: Any
) -> None:
    """anymail's `tracking` signal: act on bounces, complaints and unsubscribes; ignore the rest
    (deliveries, opens, deferrals)."""
    kind = _KINDS.get(event.event_type)
    if kind is None or not event.recipient or (kind == "bounce" and _transient(event)):
        return
    stopped = bounce_record(email=event.recipient, kind=kind)
    # The provider and the kind, never the address.
    log.info(
        "alerts: %s %s from %s stopped %s subscription(s)", kind, event.event_id, esp_name, stopped
    )


def parse_bounces(data: object) -> list[tuple[str, str]]:
    """(kind, address) pairs from a stored notification: `{"type": "bounce"|"complaint",
    "email": …}`, a list of those, or an Amazon SES notification (in its SNS envelope or not).
    Transient bounces are left out (the next message may get through)."""
    items = data if isinstance(data, list) else [data]
    found: list[tuple[str, str]] = []
    for item in items:
        if not isinstance(item, dict):
            raise ValueError
        if "Message" in item and isinstance(item["Message"], str):  # SNS envelope
            item = json.loads(item["Message"])
        kind = str(item.get("type") or item.get("notificationType") or "").lower()
        if kind == "bounce" and "bounce" in item:
            if item["bounce"].get("bounceType") != "Permanent":
                continue
            found += [("bounce", r["emailAddress"]) for r in item["bounce"]["bouncedRecipients"]]
        elif kind == "complaint" and "complaint" in item:
            found += [
                ("complaint", r["emailAddress"]) for r in item["complaint"]["complainedRecipients"]
            ]
        elif kind in {"bounce", "complaint"} and item.get("email"):
            found.append((kind, str(item["email"])))
        else:
            raise ValueError
    return found
