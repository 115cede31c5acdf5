"""The archive: every distinct file ICE published, once, with its rows cell for cell.

This is the raw layer. Nothing here is ever edited after it is written: corrections are rules and
reviewed CSVs applied by later layers (history), so a replay from the archive always gives the same
result.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ListKind(models.TextChoices):
    PARTICIPATING = "participating", _("participating")
    PENDING = "pending", _("pending")


class Slot(models.TextChoices):
    """The time of day ICE's file name gives; ICE publishes up to three times a day."""

    NONE = "", _("not given")
    AM = "am", _("morning")
    MID = "mid", _("midday")
    PM = "pm", _("afternoon")


SLOT_RANK = {Slot.NONE: 0, Slot.AM: 1, Slot.MID: 2, Slot.PM: 3}


class IngestRun(models.Model):
    """One run of `ingest`, `fetch` or the main job: what it was given, what it did, how long."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        PARTIAL = "partial", _("succeeded, some files refused")
        FAILED = "failed", _("failed")
        # Found still "running" by a later run: its process ended without recording its outcome.
        INTERRUPTED = "interrupted", _("interrupted")

    command = models.CharField(max_length=40)
    sources = models.JSONField(default=list, help_text="Paths or URLs the run was given.")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.RUNNING)
    files_seen = models.PositiveIntegerField(default=0)
    files_new = models.PositiveIntegerField(default=0)
    files_republished = models.PositiveIntegerField(default=0)
    files_unchanged = models.PositiveIntegerField(default=0)
    files_refused = models.PositiveIntegerField(default=0)
    rows_stored = models.PositiveIntegerField(default=0)
    timings = models.JSONField(default=dict, help_text="Seconds spent in each stage.")
    message = models.TextField(blank=True)
    followed_up_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the layers after the archive (history, places, alerts, downloads) had "
        "taken in this run's new publications; empty until then, and the next run does it.",
    )

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.command} {self.started_at:%Y-%m-%d %H:%M} {self.outcome}"


class Publication(models.Model):
    """One distinct file (by sha256) that ICE published, with the date and slot it was published."""

    sha256 = models.CharField(max_length=64, unique=True)
    list_kind = models.CharField(
        max_length=13, choices=ListKind.choices, help_text="Read from the header row, not the name."
    )
    published_on = models.DateField(help_text="Publication date, corrected by rule when misnamed.")
    slot = models.CharField(max_length=3, choices=Slot.choices, blank=True)
    file_name = models.CharField(max_length=255, help_text="ICE's file name when first seen.")
    date_in_name = models.CharField(
        max_length=32, blank=True, help_text="The date digits of ICE's file name, as printed."
    )
    dating_rule = models.TextField(
        blank=True, help_text="Why the publication date differs from the name's, when it does."
    )
    reissue_marker = models.CharField(max_length=8, blank=True, help_text="`B`, `_b`, `2` …")
    source = models.TextField(help_text="Where the file was first read from: a path or a URL.")
    size = models.PositiveIntegerField()
    first_seen_at = models.DateTimeField()
    first_run = models.ForeignKey(IngestRun, on_delete=models.PROTECT, related_name="+")
    sheet_name = models.CharField(max_length=100)
    headers = models.JSONField(help_text="The header row as printed.")
    row_count = models.PositiveIntegerField()
    blank_rows_skipped = models.PositiveIntegerField(default=0)
    duplicate_rows = models.JSONField(
        default=list, help_text="[row, earlier row] pairs listing the same state, agency, model."
    )
    warnings = models.JSONField(default=list)
    latest_signed = models.DateField(null=True, blank=True)
    slot_rank = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["published_on", "slot_rank", "first_seen_at", "id"]
        indexes = [models.Index(fields=["list_kind", "published_on"])]

    def __str__(self) -> str:
        return f"{self.list_kind} {self.published_on}{self.slot} ({self.file_name})"

    def save(self, *args: object, **kwargs: object) -> None:
        self.slot_rank = SLOT_RANK[Slot(self.slot)]
        super().save(*args, **kwargs)


class PublicationFile(models.Model):
    """The bytes of a publication, exactly as ICE served them (kept apart so lists stay light)."""

    publication = models.OneToOneField(
        Publication, on_delete=models.CASCADE, primary_key=True, related_name="file"
    )
    content = models.BinaryField()

    def __str__(self) -> str:
        return f"bytes of publication {self.publication_id}"


class Republication(models.Model):
    """The same bytes published again under another name or date: the same list, not a new one."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="republications"
    )
    file_name = models.CharField(max_length=255)
    published_on = models.DateField()
    slot = models.CharField(max_length=3, choices=Slot.choices, blank=True)
    dating_rule = models.TextField(blank=True)
    source = models.TextField()
    seen_at = models.DateTimeField()
    run = models.ForeignKey(IngestRun, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["published_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "file_name", "published_on", "slot"],
                name="republication_once_per_name_and_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.published_on}{self.slot})"


class SheetRow(models.Model):
    """One data row of a publication: each cell as printed (`*_raw`) beside its normalized value.

    The raw fields mirror ICE's columns one for one (header in `db_column`-like help text); columns
    a future era adds land in `extra_raw` untouched.
    """

    # No index of its own: the unique (publication, row) constraint's index starts with it, and a
    # second one only slowed every row's insert.
    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="rows", db_index=False
    )
    row = models.PositiveIntegerField(help_text="Row number in the sheet; the header row is 1.")

    state_raw = models.TextField(blank=True, help_text="STATE, as printed.")
    agency_raw = models.TextField(blank=True, help_text="LAW ENFORCEMENT AGENCY, as printed.")
    agency_type_raw = models.TextField(blank=True, help_text="TYPE, as printed.")
    county_raw = models.TextField(blank=True, help_text="COUNTY, as printed.")
    support_type_raw = models.TextField(blank=True, help_text="SUPPORT TYPE, as printed.")
    signed_raw = models.TextField(blank=True, help_text="SIGNED, as printed (dates in ISO).")
    moa_raw = models.TextField(blank=True, help_text="MOA cell text, as printed (`link`).")
    moa_link_raw = models.TextField(blank=True, help_text="MOA hyperlink target, as stored.")
    addendum_raw = models.TextField(blank=True, help_text="ADDENDUM cell text, as printed.")
    addendum_link_raw = models.TextField(blank=True, help_text="ADDENDUM hyperlink target.")
    extra_raw = models.JSONField(default=dict, blank=True, help_text="Any other column's cells.")

    state = models.CharField(max_length=2, blank=True, help_text="USPS code.")
    agency = models.TextField(blank=True)
    agency_type = models.CharField(max_length=40, blank=True)
    county = models.CharField(max_length=100, blank=True)
    model = models.CharField(max_length=3, blank=True, help_text="JEM, WSO or TFM.")
    signed = models.DateField(null=True, blank=True)
    moa_url = models.TextField(blank=True)
    moa_pending = models.BooleanField(default=False)
    addendum_url = models.TextField(blank=True)
    addendum_pending = models.BooleanField(default=False)
    repeats_row = models.PositiveIntegerField(
        null=True, blank=True, help_text="The earlier row listing the same state, agency, model."
    )

    class Meta:
        ordering = ["publication", "row"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "row"], name="one_row_number_each")
        ]
        indexes = [models.Index(fields=["state", "model"])]

    def __str__(self) -> str:
        return f"{self.publication_id}:{self.row} {self.state} {self.agency} {self.model}"


class RemoteFile(models.Model):
    """What the last live fetch learned about one workbook URL, for conditional requests."""

    url = models.URLField(max_length=1000, unique=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    checked_at = models.DateTimeField()
    last_status = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.url
