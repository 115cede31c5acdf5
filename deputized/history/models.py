"""Agencies, agreements and change events, derived from the archive by `history.engine`.

Everything here can be rebuilt from the archive (`deputized replay`); ids are derived from content
(state + first spelling; + model + signing date), so a replay gives the same ids.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from deputized.archive.models import Publication


class Agency(models.Model):
    id = models.CharField(
        primary_key=True, max_length=140, help_text="e.g. nc-duplin-county-sheriffs-office"
    )
    state = models.CharField(max_length=2)
    name = models.TextField(help_text="The latest spelling ICE printed.")
    spellings = models.JSONField(default=list, help_text="Every spelling ICE printed, first first.")
    county = models.CharField(max_length=100, blank=True, help_text="ICE's COUNTY cell, latest.")
    first_seen_on = models.DateField()
    agency_type = models.CharField(max_length=40, blank=True, help_text="ICE's TYPE, latest.")
    first_seen_in_archive = models.BooleanField(
        default=False,
        help_text="On a list's first publication in the archive: listed since at least "
        "first_seen_on (our archive starts then), not new then.",
    )

    class Meta:
        verbose_name_plural = "agencies"
        ordering = ["state", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.state})"


class Agreement(models.Model):
    """One signed agreement (agency + model + signing date), or a pending listing (no date)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACTIVATED = "activated", _("pending, then signed")
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")
        WITHDRAWN = "withdrawn", _("withdrawn")

    id = models.CharField(primary_key=True, max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="agreements")
    model = models.CharField(max_length=3)
    signed = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    first_listed_on = models.DateField()
    last_listed_on = models.DateField()
    county = models.CharField(max_length=100, blank=True)
    moa_url = models.TextField(blank=True)
    addendum_url = models.TextField(blank=True)
    # No index: nothing looks agreements up by publication, and every update moves most of
    # them to the newest publication, which would rewrite each one's index entry.
    publication = models.ForeignKey(
        Publication,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The latest publication that listed it.",
        db_index=False,
    )
    row = models.PositiveIntegerField()
    first_seen_in_archive = models.BooleanField(
        default=False,
        help_text="On its list's first publication in the archive: listed since at least "
        "first_listed_on (our archive starts then), not new then.",
    )

    class Meta:
        ordering = ["agency_id", "model", "first_listed_on"]

    def __str__(self) -> str:
        return self.id


class ChangeEventQuerySet(models.QuerySet):
    def changes(self) -> ChangeEventQuerySet:
        """What ICE changed: every event but the archive's baseline (`first_seen_in_archive`,
        what a list showed when the archive starts), which is never shown or sent as news."""
        return self.exclude(kind=ChangeEvent.Kind.FIRST_SEEN_IN_ARCHIVE)


class ChangeEvent(models.Model):
    class Kind(models.TextChoices):
        FIRST_SEEN_IN_ARCHIVE = "first_seen_in_archive", _("on the archive's first list")
        PENDING_LISTED = "pending_listed", _("listed as pending")
        PENDING_WITHDRAWN = "pending_withdrawn", _("pending listing withdrawn")
        ACTIVATED = "activated", _("pending, now participating")
        NEW_ACTIVE = "new_active", _("new agreement")
        REMOVED = "removed", _("agreement removed")
        RELISTED = "relisted", _("listed again after removal")
        RENEWED = "renewed", _("agreement renewed")
        RENAMED = "renamed", _("agency renamed")
        HOLDER_CORRECTED = "holder_corrected", _("now listed under another agency")
        SIGNED_DATE_CHANGED = "signed_date_changed", _("signing date corrected")
        MOA_POSTED = "moa_posted", _("agreement text posted")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        SUSPECTED = "suspected", _("suspected, not yet confirmed")
        RETRACTED = "retracted", _("retracted")

    seq = models.PositiveIntegerField(unique=True, help_text="Order in which the events arose.")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    observed_on = models.DateField(help_text="Date of the publication that first showed it.")
    confirmed_on = models.DateField(null=True, blank=True)
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="+")
    row = models.PositiveIntegerField(null=True, blank=True, help_text="Null for an absence.")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="events")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events")
    model = models.CharField(max_length=3)
    signed = models.DateField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = ChangeEventQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["kind", "observed_on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.agreement_id} {self.observed_on}"


class Listing(models.Model):
    """Which agreement each archived row stands for: the provenance of every fact shown."""

    # No index of its own: the unique (publication, row) constraint's index starts with it.
    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    row = models.PositiveIntegerField()
    # No index: nothing looks listings up by agreement, and each publication's 1,800 listings
    # would add as many entries at random places in one (most of an update's page writes).
    # Written after the agreements they point to, so that SQLite never has a deferred
    # foreign-key violation to resolve, which it would do by scanning this table.
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="listings", db_index=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["publication", "row"], name="one_listing_per_row")
        ]

    def __str__(self) -> str:
        return f"{self.publication_id}:{self.row} -> {self.agreement_id}"


class Checkpoint(models.Model):
    """The engine's state after the last publication it processed, for incremental updates."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="+")
    processed = models.PositiveIntegerField()
    state = models.BinaryField()
    settings_key = models.CharField(max_length=200, help_text="Guard settings and CSV digest used.")

    def __str__(self) -> str:
        return f"after publication {self.publication_id}"
