"""What curators keep about the model documents: their wording per language, with its history and
the day counsel last reviewed it. (What bodies did with a measure is core data:
`oversight.models.Adoption`.)

Every save is kept with who made it (django-simple-history); a document shows the version of its
wording, so a copy downloaded earlier can always be matched to the text it was made from.
"""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from deputized.documents.forbidden import scan
from deputized.documents.kinds import BY_KEY
from deputized.documents.texts import PLACEHOLDERS, SECTIONS, Template


class DocumentTemplate(models.Model):
    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        SPANISH = "es", "Spanish"

    key = models.SlugField(max_length=80, help_text="The document kind, e.g. county-reporting-…")
    language = models.CharField(max_length=2, choices=Language.choices)
    title = models.CharField(max_length=200, blank=True, help_text="Empty: keep the default.")
    purpose = models.TextField(blank=True, help_text="Empty: keep the default.")
    findings = models.TextField(
        blank=True, help_text="Paragraphs separated by a blank line. Empty: keep the default."
    )
    operative = models.TextField(
        blank=True, help_text="Clauses separated by a blank line. Empty: keep the default."
    )
    questions = models.TextField(
        blank=True,
        help_text="Open legal questions for the body's attorney, one per paragraph. Empty: keep "
        "the default.",
    )
    counsel_reviewed_on = models.DateField(
        null=True, blank=True, help_text="When an attorney last reviewed this wording."
    )
    counsel_reviewed_by = models.CharField(
        max_length=200, blank=True, help_text="Who reviewed it (name or role)."
    )
    note = models.TextField(blank=True, help_text="Why it was changed, with a source.")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "language"]
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="one_template_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.language})"

    def clean(self) -> None:
        if self.key not in BY_KEY:
            raise ValidationError({"key": f"Unknown document kind {self.key!r}."})
        errors: dict[str, list[str]] = {}
        for section in SECTIONS:
            text = getattr(self, section)
            problems = _placeholder_problems(text)
            problems += [
                f"This would propose {found.why}, which NC law does not allow a local body "
                f"to adopt: “…{found.excerpt}…”. Reword it."
                for found in scan(text)
            ]
            if problems:
                errors[section] = problems
        if errors:
            raise ValidationError(errors)

    def apply(self, default: Template) -> Template:
        """The default wording with this row's non-empty sections in its place."""
        return Template(*(getattr(self, s) or getattr(default, s) for s in SECTIONS))


def _placeholder_problems(text: str) -> list[str]:
    try:
        names = {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
    except ValueError as error:
        return [f"A brace is not closed or opened ({error}); write {{{{ or }}}} for a brace."]
    unknown = sorted(names - set(PLACEHOLDERS))
    if unknown:
        known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        return [f"Unknown placeholder {', '.join(unknown)}; known: {known}."]
    return []
