"""Community-defense hotlines and know-your-rights text, kept by curators in English and Spanish.

These facts change outside the project (a hotline's number, who answers it), so they live in the
database where curators can correct them without a release; every change is kept with who made
it (django-simple-history).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from deputized.community.phones import tel_uri


def check_us_phone(phone: str) -> None:
    if not tel_uri(phone):
        raise ValidationError(
            {"phone": "A US number: 10 digits, or 11 starting with 1 (area code 2-9)."}
        )


class Hotline(models.Model):
    name_en = models.CharField(max_length=200)
    name_es = models.CharField(max_length=200, blank=True, help_text="Empty: show the English.")
    operator_en = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who runs it (the organization answering the calls). Empty: not yet recorded.",
    )
    operator_es = models.CharField(max_length=200, blank=True, help_text="Empty: show the English.")
    phone = models.CharField(max_length=30, help_text="As people dial it: 704-740-7737.")
    area_en = models.CharField(max_length=100, help_text="Charlotte, Statewide, Wake County …")
    area_es = models.CharField(max_length=100, blank=True)
    note_en = models.TextField(blank=True)
    note_es = models.TextField(blank=True)
    source = models.TextField(help_text="Where the number comes from.")
    verified_on = models.DateField(
        null=True,
        blank=True,
        help_text="When a curator last called and confirmed the number; empty: not yet.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Untick to stop showing it.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name_en"]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.phone})"

    def clean(self) -> None:
        if not tel_uri(self.phone):
            raise ValidationError(
                {"phone": "A US number: 10 digits, or 11 starting with 1 (area code 2-9)."}
            )


class CountyResource(models.Model):
    """A county's own help (a local rapid-response line, a legal clinic), shown on its county's
    and towns' pages before the statewide hotlines: local help knows local agencies."""

    county = models.ForeignKey(
        "places.County", on_delete=models.CASCADE, related_name="help_resources"
    )
    name_en = models.CharField(max_length=200)
    name_es = models.CharField(max_length=200, blank=True, help_text="Empty: show the English.")
    operator_en = models.CharField(
        max_length=200, blank=True, help_text="Who runs it. Empty: not yet recorded."
    )
    operator_es = models.CharField(max_length=200, blank=True, help_text="Empty: show the English.")
    phone = models.CharField(
        max_length=30, blank=True, help_text="As people dial it: 910-555-0100. Or give a link."
    )
    url = models.URLField(blank=True, help_text="A web page, when there is no phone number.")
    note_en = models.TextField(blank=True, help_text="When it answers, what it helps with.")
    note_es = models.TextField(blank=True)
    source = models.TextField(help_text="Where the resource comes from.")
    verified_on = models.DateField(
        null=True, blank=True, help_text="When a curator last confirmed it; empty: not yet."
    )
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Untick to stop showing it.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["county", "order", "name_en"]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.county_id})"

    def clean(self) -> None:
        if not (self.phone or self.url):
            raise ValidationError("Give a phone number or a link.")
        if self.phone:
            check_us_phone(self.phone)


class RightsSection(models.Model):
    """One know-your-rights topic; bodies are plain text, paragraphs separated by blank lines."""

    slug = models.SlugField(max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    title_en = models.CharField(max_length=200)
    title_es = models.CharField(max_length=200, blank=True, help_text="Empty: show the English.")
    body_en = models.TextField(help_text="Plain text; a blank line starts a new paragraph.")
    body_es = models.TextField(blank=True)
    source = models.TextField(help_text="Where the content comes from, and who reviewed it.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.title_en


class CommunityLink(models.Model):
    """A partner organization's page worth sending people to (a toolkit, a tracker, a volunteer
    form, a know-your-rights page), with where it comes from and when a curator last opened it.
    Never a guessed address: each comes from a document the project holds (`source`)."""

    key = models.SlugField(max_length=60, unique=True)
    organization = models.CharField(max_length=120, help_text="ACLU of North Carolina …")
    title_en = models.CharField(max_length=200)
    title_es = models.CharField(max_length=200, blank=True, help_text="Empty: show the English.")
    description_en = models.TextField(blank=True, help_text="One sentence: why go there.")
    description_es = models.TextField(blank=True)
    url = models.URLField(max_length=300)
    language = models.CharField(
        max_length=2, default="en", help_text="The language of the page it leads to."
    )
    source = models.TextField(help_text="Where the address comes from (shown to curators only).")
    checked_on = models.DateField(
        null=True, blank=True, help_text="When a curator last opened the link; empty: not yet."
    )
    on_rights = models.BooleanField(default=False, help_text="Show on the Know your rights page.")
    on_state = models.BooleanField(default=False, help_text="Show on the North Carolina page.")
    on_places = models.BooleanField(default=False, help_text="Show on NC county and town pages.")
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Untick to stop showing it.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return f"{self.title_en} ({self.organization})"
