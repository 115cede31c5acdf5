"""Curators' rewordings of the oversight guidance, one per entry and language.

The default wording lives in `data.py` (and its Spanish in the translation catalogue); a row here
replaces any of its fields for one language, so a curator can correct or update a measure without
a release. Every change is kept with who made it (django-simple-history).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from deputized.oversight.measures import Override, all_keys


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
    verify_note = models.TextField(
        blank=True, help_text="Shown with an unverified entry. Empty: keep the default."
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
        if not (self.title or self.text or self.basis or self.verify_note):
            raise ValidationError("Reword at least one field.")

    def as_override(self) -> Override:
        return Override(
            title=self.title, text=self.text, basis=self.basis, verify_note=self.verify_note
        )
