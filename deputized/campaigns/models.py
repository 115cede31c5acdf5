"""Campaigns aimed at the officials who decide, and what people do in them.

A campaign belongs to a place (a county or a town), names its target offices (from the officials
directory: campaigns never own contacts) and the ask (an oversight decision or a model document).
Participants need no account. Personal data is the minimum each action needs, never shown in
admin lists, logs, URLs, the API or the downloads, and erased on the schedule in
docs/campaigns.md (`deputized campaigns_purge`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deputized.officials.models import Contact, Office
from deputized.places.models import County, Municipality


class Campaign(models.Model):
    class Kind(models.TextChoices):
        LETTER = "letter", _("Letters")
        SIGNON = "signon", _("Sign-on letter")
        CALL = "call", _("Call campaign")
        TEXT = "text", _("Text campaign")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Waiting for a curator")
        APPROVED = "approved", _("Open")
        CLOSED = "closed", _("Closed")

    slug = models.SlugField(max_length=80, unique=True, help_text="The public URL's last part.")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.LETTER)
    title_en = models.CharField(max_length=200)
    title_es = models.CharField(max_length=200)
    county = models.ForeignKey(
        County, null=True, blank=True, on_delete=models.PROTECT, related_name="campaigns"
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="campaigns"
    )
    agency_ori = models.CharField(max_length=9, blank=True, help_text="Optional: the agency.")
    targets = models.ManyToManyField(Office, related_name="campaigns")
    ask = models.CharField(
        max_length=60,
        help_text="The decision (officials/decisions.py) or model document key it asks for.",
    )
    draft_en = models.TextField(blank=True, help_text="Value, Problem, Solution, Action.")
    draft_es = models.TextField(blank=True, help_text="Valor, Problema, Solución, Acción.")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    goal = models.PositiveIntegerField(default=100)
    deliver_on = models.DateField(
        null=True, blank=True, help_text="Sign-on letters: delivered on this day…"
    )
    deliver_at_count = models.PositiveIntegerField(
        null=True, blank=True, help_text="…or once this many have signed, whichever comes first."
    )
    daily_limit = models.PositiveIntegerField(
        default=20, help_text="Letters per target and day; beyond it, one bundle a day."
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("approve_campaign", "Can approve a campaign (curators)")]

    def __str__(self) -> str:
        return self.title_en

    def title(self, language: str) -> str:
        return self.title_es if language == "es" and self.title_es else self.title_en

    def draft(self, language: str) -> str:
        return self.draft_es if language == "es" and self.draft_es else self.draft_en

    @property
    def place(self) -> County | Municipality | None:
        return self.municipality or self.county

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def accepting(self) -> bool:
        """Open, and within its dates: its forms take letters, signatures and calls."""
        today = timezone.localdate()
        return (
            self.is_open
            and (self.starts_on is None or self.starts_on <= today)
            and (self.ends_on is None or self.ends_on >= today)
        )


class Letter(models.Model):
    """One participant's letter, in their own words, sent once they confirm their address."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="letters")
    language = models.CharField(max_length=2, default="en")
    body = models.TextField()
    name = models.CharField(max_length=120)
    email = models.EmailField()
    town = models.CharField(max_length=120)
    nonce = models.CharField(max_length=32, help_text="Part of the confirmation link's signature.")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["campaign", "confirmed_at"])]

    def __str__(self) -> str:
        return f"letter #{self.pk}"  # never the name or address


class LetterDelivery(models.Model):
    """The letters' outbox: one row per letter and target (unique), sent at most once."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        CLAIMED = "claimed", _("being sent")
        SENT = "sent", _("sent")
        BUNDLED = "bundled", _("in the day's bundle")
        FAILED = "failed", _("failed")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="deliveries")
    target = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    bundle_on = models.DateField(null=True, blank=True)
    bundle = models.ForeignKey(
        "Bundle", null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    last_error = models.CharField(max_length=200, blank=True, help_text="Never personal data.")

    class Meta:
        verbose_name_plural = "letter deliveries"
        constraints = [
            models.UniqueConstraint(fields=["letter", "target"], name="one_letter_per_target")
        ]
        indexes = [
            models.Index(fields=["status", "target"]),
            models.Index(fields=["target", "sent_on"]),
        ]

    def __str__(self) -> str:
        return f"letter delivery #{self.pk} ({self.status})"


class Bundle(models.Model):
    """The letters beyond a target's daily limit, sent as one message a day with their count."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="bundles")
    target = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "target", "day"], name="one_bundle_per_target_and_day"
            )
        ]

    def __str__(self) -> str:
        return f"bundle {self.day} ({self.count})"


class Signature(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="signatures")
    name = models.CharField(max_length=120)
    town = models.CharField(max_length=120)
    organization = models.CharField(max_length=160, blank=True)
    listed = models.BooleanField(default=False, help_text="Consented to show name and town.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["campaign", "listed"])]

    def __str__(self) -> str:
        return f"signature #{self.pk}"


class SignOnDelivery(models.Model):
    """A sign-on letter delivered to its targets as one PDF: what, when, how many."""

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="delivery")
    signatures = models.PositiveIntegerField()
    listed = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    pdf = models.BinaryField()
    targets = models.TextField(help_text="The offices it was sent to.")
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "sign-on deliveries"

    def __str__(self) -> str:
        return f"{self.campaign} ({self.signatures} signatures)"


class CallOutcome(models.Model):
    class Outcome(models.TextChoices):
        TALKED = "talked", _("I talked to someone")
        MESSAGE = "message", _("I left a message")
        NO_ANSWER = "no_answer", _("No answer")
        WRONG = "wrong", _("Wrong number")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="calls")
    target = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["campaign", "target", "outcome"])]

    def __str__(self) -> str:
        return f"{self.outcome} #{self.pk}"


class ContactFlag(models.Model):
    """Callers said this phone number is wrong: for curators to check in the officials' admin."""

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="flag")
    reports = models.PositiveIntegerField(default=0)
    first_reported_at = models.DateTimeField(auto_now_add=True)
    last_reported_at = models.DateTimeField(auto_now=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.contact} ({self.reports} reports)"


class Story(models.Model):
    class Share(models.TextChoices):
        FIRST_NAME = "first_name", _("Publish it with my first name")
        ANONYMOUS = "anonymous", _("Publish it without my name")
        ORGANIZERS = "organizers", _("Share it only with organizers, never publish it")

    class Status(models.TextChoices):
        NEW = "new", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not published")
        WITHDRAWN = "withdrawn", _("Withdrawn by its teller")

    county = models.ForeignKey(
        County, null=True, blank=True, on_delete=models.PROTECT, related_name="stories"
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="stories"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    language = models.CharField(max_length=2, default="en")
    what_happened = models.TextField()
    where = models.CharField(max_length=200, help_text="In general terms, never an address.")
    when = models.CharField(max_length=100)
    impact = models.TextField()
    first_name = models.CharField(max_length=60, blank=True)
    share = models.CharField(max_length=10, choices=Share.choices)
    photo = models.BinaryField(null=True, blank=True, help_text="JPEG, metadata stripped.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    secret = models.CharField(max_length=64, help_text="Signs the teller's private link.")
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.CharField(max_length=150, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "stories"
        indexes = [models.Index(fields=["status", "share"])]

    def __str__(self) -> str:
        return f"story #{self.pk} ({self.status})"

    @property
    def public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.share != self.Share.ORGANIZERS


class TextBlast(models.Model):
    """An organizer's call to action by SMS to a place's subscribers who chose "actions"."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SENT = "sent", _("Sent")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="texts")
    body_en = models.CharField(max_length=320)
    body_es = models.CharField(max_length=320)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipients = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"text #{self.pk} ({self.status})"


class TextDelivery(models.Model):
    """One text per blast and subscriber (unique): a second send sends nothing twice."""

    blast = models.ForeignKey(TextBlast, on_delete=models.CASCADE, related_name="deliveries")
    subscriber_id = models.PositiveBigIntegerField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "text deliveries"
        constraints = [
            models.UniqueConstraint(fields=["blast", "subscriber_id"], name="one_text_per_blast")
        ]

    def __str__(self) -> str:
        return f"text delivery #{self.pk}"


class PublicChange(models.Model):
    """One row per change the public pages show (a campaign opened or edited, a story published,
    edited or withdrawn): it moves the data version (history/version.py), so no cached county
    or town page keeps a withdrawn story or misses a new campaign."""

    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=40)

    def __str__(self) -> str:
        return f"{self.what} at {self.at}"


def public_changed(what: str) -> None:
    PublicChange.objects.create(what=what)
