"""Subscribers, what they follow, and the outbox of deliveries.

Nothing here points at the history's tables with a foreign key: a replay rebuilds those, while a
notice and its deliveries must outlive it (that is what makes a replay send nothing twice).
Personal data is kept to the minimum needed to deliver: one address, a language, preferences.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Channel(models.TextChoices):
    EMAIL = "email", _("email")
    SMS = "sms", _("text message (SMS)")
    WEBHOOK = "webhook", _("webhook (for developers)")


class Mode(models.TextChoices):
    IMMEDIATE = "immediate", _("as soon as it happens")
    DIGEST = "digest", _("once a day, in one message")


class Subscriber(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
        DISABLED = "disabled", _("disabled after failures")
        BOUNCED = "bounced", _("bounced or complained")

    channel = models.CharField(max_length=8, choices=Channel.choices)
    address = models.CharField(
        max_length=500, help_text="Email (lower case), phone (E.164) or webhook URL."
    )
    contact_email = models.EmailField(
        blank=True, help_text="Webhooks only: where failures are reported."
    )
    language = models.CharField(max_length=2, default="en")
    mode = models.CharField(max_length=9, choices=Mode.choices, default=Mode.IMMEDIATE)
    kinds = models.CharField(max_length=200, help_text="Alert kinds, stored as ,a,b,")
    unconfirmed = models.BooleanField(
        default=False, help_text="Also told when an agreement may have ended (not yet confirmed)."
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    secret = models.CharField(
        max_length=64,
        default=new_secret,
        help_text="Signs webhook payloads; changing it revokes every link sent before.",
    )
    source = models.CharField(max_length=10, default="form", help_text="form or csv (organizer)")
    consent = models.CharField(
        max_length=300,
        blank=True,
        help_text="How and when the person agreed: the organizer's note for a list (csv), "
        "else the site's double opt-in.",
    )
    consent_by = models.CharField(
        max_length=100, blank=True, help_text="Who recorded the consent (the organizer, csv only)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(help_text="Double opt-in completed (or consented CSV).")
    status_changed_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "address"], name="one_subscriber_per_address"
            )
        ]
        indexes = [models.Index(fields=["status", "kinds"])]

    def __str__(self) -> str:
        # Never the address: admin lists and logs show the id only.
        return f"{self.get_channel_display()} subscriber #{self.pk}"


class PendingSignup(models.Model):
    """A sign-up waiting for its owner to follow the confirmation link (see tokens.py).

    The link carries a random token; only its digest is stored, so the table cannot be read back
    into links. The row is deleted when the link is used (a link works once) and purged after it
    expires (`deputized alerts_purge`). A webhook's confirmation is sent by the worker, never by
    the web request: `send_due_at` says it is waiting (null once sent, or given up).
    Each sending draws a new token, so a link that may have half-arrived stops working.
    """

    token_hash = models.CharField(
        max_length=64,
        unique=True,
        help_text="SHA-256 of the link's token (of a discarded one until the link is sent).",
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    address = models.CharField(max_length=500)
    contact_email = models.EmailField(blank=True)
    topic = models.CharField(max_length=160)
    kinds = models.CharField(max_length=200, help_text="Alert kinds, stored as ,a,b,")
    language = models.CharField(max_length=2, default="en")
    mode = models.CharField(max_length=9, choices=Mode.choices, default=Mode.IMMEDIATE)
    unconfirmed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    send_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    send_attempts = models.PositiveSmallIntegerField(default=0)
    send_claimed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"pending {self.channel} sign-up #{self.pk}"


class Topic(models.Model):
    """What a subscriber follows: `state:NC`, `county:37061`, `town:3704540` or `agency:<id>`."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="topics")
    key = models.CharField(max_length=160)
    label = models.CharField(max_length=200, help_text="The place or agency's name when chosen.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "key"], name="one_topic_per_key")
        ]
        indexes = [models.Index(fields=["key", "subscriber"])]

    def __str__(self) -> str:
        return self.key


class Cursor(models.Model):
    """How far the dispatch has looked (one row): the last event seq, and the last publication
    the history had processed then (its date and slot rank), the horizon of what is news."""

    last_seq = models.PositiveIntegerField(default=0)
    horizon_on = models.DateField(null=True, blank=True)
    horizon_rank = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"events up to seq {self.last_seq}"


class Notice(models.Model):
    """One thing to announce: a change event at one stage (confirmed, or suspected for the
    subscribers who want early word), copied from the history when it was first seen."""

    key = models.CharField(
        max_length=400, unique=True, help_text="event kind | agreement | publication | stage"
    )
    kind = models.CharField(max_length=20, help_text="Alert kind (deputized/alerts/kinds.py).")
    stage = models.CharField(max_length=10)
    event_kind = models.CharField(max_length=20)
    event_seq = models.PositiveIntegerField(help_text="At the time it was seen; replays renumber.")
    agency_id = models.CharField(max_length=140)
    agreement_id = models.CharField(max_length=200)
    model = models.CharField(max_length=3)
    signed = models.DateField(null=True, blank=True)
    observed_on = models.DateField()
    confirmed_on = models.DateField(null=True, blank=True)
    publication_id = models.PositiveIntegerField()
    row = models.PositiveIntegerField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)
    topics = models.JSONField(default=list, help_text="Topic keys it was routed to.")
    baseline = models.BooleanField(
        default=False, help_text="Seen when alerts started: recorded, sent to nobody."
    )
    retracted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.key


class Delivery(models.Model):
    """The outbox: one row per subscriber and notice (unique), so each is sent at most once after
    it is marked sent; see outbox.py for the claim and lease."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        CLAIMED = "claimed", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("not sent")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    mode = models.CharField(max_length=9, choices=Mode.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    due_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True, help_text="Never personal data.")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "notice"], name="one_delivery_per_subscriber_and_notice"
            )
        ]
        indexes = [models.Index(fields=["status", "mode", "due_at"])]

    def __str__(self) -> str:
        return f"delivery #{self.pk} ({self.status})"
