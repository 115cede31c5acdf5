"""What curators keep about the oversight guidance: rewordings (one per entry and language), the
day each entry was checked against the official text, and the status of the bills it cites.

The default wording lives in `data.py` (and its Spanish in the translation catalogue); a row here
replaces any of its fields for one language, so a curator can correct or update a measure without
a release. Every change is kept with who made it (django-simple-history).
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from deputized.oversight import data
from deputized.oversight.figures import REPORT_FIGURES
from deputized.oversight.measures import Override, all_keys
from deputized.oversight.uploads import copy_name, validate_copy
from deputized.places.models import County, Municipality


class MeasureText(models.Model):
    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        SPANISH = "es", "Spanish"

    key = models.SlugField(
        max_length=80, help_text="The entry to reword: a measure, limit or state duty."
    )
    language = models.CharField(max_length=2, choices=Language.choices)
    title = models.CharField(max_length=200, blank=True, help_text="Empty: keep the default.")
    text = models.TextField(blank=True, help_text="Plain words. Empty: keep the default.")
    basis = models.TextField(
        blank=True, help_text="Legal basis or source. Empty: keep the default."
    )
    question = models.TextField(
        blank=True, help_text="The open legal question shown with it. Empty: keep the default."
    )
    note = models.TextField(blank=True, help_text="Why it was changed, with a source.")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "language"]
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="one_text_per_key_language")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.language})"

    def clean(self) -> None:
        # Keys are checked here, not with field choices, so adding an entry to data.py does not
        # need a migration.
        if self.key not in all_keys():
            raise ValidationError({"key": f"Unknown entry {self.key!r}."})
        if not (self.title or self.text or self.basis or self.question):
            raise ValidationError("Reword at least one field.")

    def as_override(self) -> Override:
        return Override(title=self.title, text=self.text, basis=self.basis, question=self.question)


class NoteCheck(models.Model):
    """A curator's check of one entry against the official text (a statute at ncleg.gov, an
    attorney's review). Pages show unchecked entries with a calm marker, checked ones with the
    day: the project's caution is never dressed as law, nor its unchecked text as settled."""

    key = models.SlugField(
        max_length=80, unique=True, help_text="The entry checked: a measure, limit or state duty."
    )
    checked_on = models.DateField(help_text="When it was checked.")
    checked_by = models.CharField(max_length=200, help_text="Who checked it (name or role).")
    checked_against = models.TextField(
        help_text="What it was checked against: the official statute text, an attorney's review …"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key} (checked {self.checked_on})"

    def clean(self) -> None:
        if self.key not in all_keys():
            raise ValidationError({"key": f"Unknown entry {self.key!r}."})


class Bill(models.Model):
    """One bill the guidance mentions, with where it stands and when a curator last checked it.

    The one place a bill's status lives: every page that cites the bill shows this row, so
    updating it here updates them all."""

    key = models.SlugField(max_length=40, unique=True, help_text="hb10-2024, sb153-2025 …")
    label = models.CharField(max_length=40, help_text="As pages name it: SB 153 (2025).")
    name_en = models.CharField(max_length=200, help_text="Its short title.")
    name_es = models.CharField(max_length=200, blank=True, help_text="Empty: show the English.")
    status_en = models.TextField(help_text="Where it stands, in plain words, with dates.")
    status_es = models.TextField(blank=True, help_text="Empty: show the English.")
    source_en = models.CharField(max_length=300, help_text="Where the status comes from.")
    source_es = models.CharField(max_length=300, blank=True)
    url = models.URLField(help_text="The bill's page at ncleg.gov.")
    checked_on = models.DateField(help_text="When the status was last checked.")
    note = models.TextField(blank=True, help_text="For curators only: how it was checked.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.label


class CopiesStorage(FileSystemStorage):
    """Uploaded copies, under ADOPTION_COPIES_DIR read at each use (a test can move it)."""

    @property
    def base_location(self) -> str:
        return str(settings.ADOPTION_COPIES_DIR)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


copies_storage = CopiesStorage()


class Adoption(models.Model):
    """What a body did with a measure (by its key in data.py), as the public record shows it:
    the meeting's date, the vote, the minutes or adopted text. Core data, so every face (the
    site, the documents, the API, the alerts) reads the same record."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("adopted")
        CONSIDERED = "considered", _("considered")
        REJECTED = "rejected", _("rejected")
        TABLED = "tabled", _("tabled")

    county = models.ForeignKey(
        County, null=True, blank=True, on_delete=models.PROTECT, related_name="adoptions"
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="adoptions"
    )
    measure = models.SlugField(
        max_length=80, help_text="The measure acted on, e.g. county-activity-cost-reports."
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    decided_on = models.DateField(help_text="The date of the meeting.")
    vote = models.CharField(max_length=40, blank=True, help_text="As recorded, e.g. 4-1.")
    minutes_url = models.URLField(
        blank=True, help_text="The minutes or the adopted text, on the body's site."
    )
    summary = models.TextField(blank=True, help_text="What was decided, in a sentence or two.")
    copy = models.FileField(
        upload_to=copy_name,
        storage=copies_storage,
        blank=True,
        validators=[validate_copy],
        help_text="The adopted text or minutes as published: PDF or DOCX, at most 10 MB.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(county__isnull=True) ^ models.Q(municipality__isnull=True),
                name="adoption_has_one_place",
            )
        ]

    def __str__(self) -> str:
        return f"{self.place} {self.measure} {self.outcome} {self.decided_on}"

    @property
    def place(self) -> County | Municipality | None:
        return self.county or self.municipality

    def clean(self) -> None:
        if (self.county is None) == (self.municipality is None):
            raise ValidationError("Choose exactly one place: a county or a town.")
        if self.measure not in {entry.key for entry in data.MEASURES}:
            raise ValidationError({"measure": f"Unknown measure {self.measure!r}."})


@receiver(post_delete, sender=Adoption)
def _delete_copy(sender: type[Adoption], instance: Adoption, **kwargs: object) -> None:
    """A deleted record takes its uploaded copy with it (withdrawn, nothing left on disk)."""
    if instance.copy:
        instance.copy.delete(save=False)


LABELS = {field: label for field, label, _group in REPORT_FIGURES}


def _figure(label: str) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(
        label, null=True, blank=True, help_text="Empty: not reported."
    )


class ActivityReport(models.Model):
    """One quarter of an agency's 287(g) activity and cost report, as a local body received it:
    the figures as the agency reported them (not checked by the site), with the document they
    come from. Entered by curators; every change is kept."""

    agency_id = models.CharField(
        max_length=140,
        db_index=True,
        help_text="The agency's id, e.g. nc-alamance-county-sheriffs-office.",
    )
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(choices=[(q, f"Q{q}") for q in range(1, 5)])
    received_by_county = models.ForeignKey(
        County, null=True, blank=True, on_delete=models.PROTECT, related_name="reports_received"
    )
    received_by_municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports_received",
    )
    received_on = models.DateField(help_text="When the body received the report.")
    source_url = models.URLField(blank=True, help_text="The report or the meeting packet, online.")
    copy = models.FileField(
        upload_to=copy_name,
        storage=copies_storage,
        blank=True,
        validators=[validate_copy],
        help_text="The report as filed: PDF or DOCX, at most 10 MB.",
    )
    note = models.TextField(blank=True, help_text="Public: how the figures were read, gaps.")
    people_booked = _figure(LABELS["people_booked"])
    people_screened = _figure(LABELS["people_screened"])
    database_queries = _figure(LABELS["database_queries"])
    detainers_issued = _figure(LABELS["detainers_issued"])
    detainers_received = _figure(LABELS["detainers_received"])
    warrants_served = _figure(LABELS["warrants_served"])
    held_beyond_release = _figure(LABELS["held_beyond_release"])
    transfers_to_ice = _figure(LABELS["transfers_to_ice"])
    notices_to_appear = _figure(LABELS["notices_to_appear"])
    field_encounters = _figure(LABELS["field_encounters"])
    warrantless_arrests = _figure(LABELS["warrantless_arrests"])
    citizenship_claims = _figure(LABELS["citizenship_claims"])
    complaints = _figure(LABELS["complaints"])
    designated_officers = _figure(LABELS["designated_officers"])
    duty_hours = _figure(LABELS["duty_hours"])
    personnel_cost = _figure(LABELS["personnel_cost"])
    reimbursement_claimed = _figure(LABELS["reimbursement_claimed"])
    reimbursement_received = _figure(LABELS["reimbursement_received"])
    awards_received = _figure(LABELS["awards_received"])
    igsa_revenue = _figure(LABELS["igsa_revenue"])
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency_id", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency_id", "year", "quarter"], name="one_report_per_agency_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="report_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year} Q{self.quarter}"

    @property
    def period(self) -> str:
        return f"{self.year} Q{self.quarter}"

    @property
    def reported(self) -> list[tuple[str, str, int]]:
        """(field, label, value) of the figures the report gives, in the §5 order."""
        return [
            (field, gettext(label), getattr(self, field))
            for field, label, _group in REPORT_FIGURES
            if getattr(self, field) is not None
        ]

    def figures(self) -> dict[str, int | None]:
        return {field: getattr(self, field) for field, _label, _group in REPORT_FIGURES}

    def clean(self) -> None:
        from deputized.history.models import Agency

        if not Agency.objects.filter(pk=self.agency_id).exists():
            raise ValidationError({"agency_id": f"No agency {self.agency_id!r} in the history."})
        if not self.source_url and not self.copy:
            raise ValidationError("Give the report's source: a link or an uploaded copy.")
        if all(value is None for value in self.figures().values()):
            raise ValidationError("Enter at least one figure from the report.")


@receiver(post_delete, sender=ActivityReport)
def _delete_report_copy(sender: type, instance: ActivityReport, **_: object) -> None:
    if instance.copy:
        instance.copy.delete(save=False)
