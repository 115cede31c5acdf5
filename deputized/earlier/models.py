"""The 287(g) agreements known from before ICE's spreadsheets (2002–2020), a layer of its own.

They come from ICE fact sheets, DHS OIG and CRS reports, FOIA'd charts and the press, as sourced
row by row in `shared/data/ice/historical/` (its README), not from ICE's spreadsheets: the history
engine never reads them, and nothing here is derived from the archive. One row per CSV row, one
field per column (same names), loaded by `earlier.loader`.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The source file's header, in order: the loader refuses a file whose header differs.
COLUMNS: tuple[str, ...] = (
    "agreement_id",
    "state",
    "agency",
    "agency_type",
    "county_name",
    "county_fips",
    "ori",
    "model_as_named",
    "model_mapped",
    "signed_date",
    "signed_date_note",
    "signed_source",
    "signed_quote",
    "later_moa_dates",
    "later_moa_source",
    "last_listed_ice",
    "first_unlisted_ice",
    "ended_date",
    "ended_date_precision",
    "how_ended",
    "ended_source",
    "ended_quote",
    "on_ice_list_2021_01_13",
    "other_sources",
    "notes",
)


# `model_mapped` in today's words. The task-force model of 2002–2012 is not the Task Force Model
# ICE revived in 2025 (other MOA, other rules), so it is never shown as "TFM" alone.
MODELS_TODAY: dict[str, Promise] = {
    "JEM": _("Jail Enforcement Model (JEM)"),
    "WSO": _("Warrant Service Officer (WSO)"),
    "TFM": _("the historical task-force model (ended 2012), not today's Task Force Model"),
}
HYBRID = _("DHS's inspector general called it a hybrid (jail and task force) in 2009")


class EarlierLoad(models.Model):
    """One load that changed the layer (a load of unchanged files adds no row)."""

    loaded_at = models.DateTimeField()
    source_file = models.CharField(max_length=300, help_text="The file loaded, as named then.")
    sha256 = models.CharField(max_length=64, help_text="The loaded file's digest.")
    rows = models.PositiveIntegerField()
    inserted = models.PositiveIntegerField()
    updated = models.PositiveIntegerField()
    deleted = models.PositiveIntegerField()

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"{self.loaded_at:%Y-%m-%d %H:%M}: {self.rows} rows"


class EarlierAgreement(models.Model):
    """One agreement before 2021: one agency, one model, one unbroken period (README)."""

    agreement_id = models.CharField(
        primary_key=True, max_length=120, help_text="The data's stable id, e.g. NC-wake-…-2008."
    )
    state = models.CharField(max_length=2, db_index=True, help_text="Postal code.")
    agency = models.TextField(help_text="The agency's name as ICE printed it before 2021.")
    agency_type = models.CharField(max_length=60, blank=True)
    county_name = models.TextField(blank=True, help_text="`;`-separated for multi-county bodies.")
    county_fips = models.TextField(blank=True, help_text="`;`-separated Census codes.")
    ori = models.CharField(max_length=9, blank=True, help_text="NC only; empty when unknown.")
    model_as_named = models.TextField(blank=True, help_text="The model as the source named it.")
    model_mapped = models.TextField(
        blank=True, help_text="Today's name: JEM, WSO, or the historical task-force model."
    )
    signed_date = models.DateField(help_text="First signing of this agreement.")
    signed_date_note = models.TextField(blank=True)
    signed_source = models.TextField()
    signed_quote = models.TextField(help_text="An exact quote from signed_source.")
    later_moa_dates = models.TextField(blank=True)
    later_moa_source = models.TextField(blank=True)
    last_listed_ice = models.TextField(blank=True)
    first_unlisted_ice = models.TextField(blank=True)
    ended_date = models.CharField(
        max_length=10, blank=True, help_text="YYYY-MM-DD or YYYY-MM, only when a source states it."
    )
    ended_date_precision = models.TextField(blank=True)
    how_ended = models.TextField(blank=True)
    ended_source = models.TextField(blank=True)
    ended_quote = models.TextField(blank=True)
    on_ice_list_2021_01_13 = models.CharField(max_length=120, blank=True)
    other_sources = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    # Derived at load, for linking to today's history without inventing links: the same state
    # and the same ORI, or the same name key (`history.names.name_key`).
    name_key = models.CharField(max_length=300, db_index=True)
    source_line = models.PositiveIntegerField(help_text="The row's line in the source file.")

    class Meta:
        ordering = ["state", "signed_date", "agency"]

    def __str__(self) -> str:
        return self.agreement_id

    @property
    def model_today(self) -> Promise | str:
        return MODELS_TODAY.get(self.model_mapped[:3], self.model_mapped or _("model not known"))

    @property
    def hybrid(self) -> Promise | None:
        return HYBRID if "hybrid" in self.model_mapped else None

    @property
    def in_force_2021(self) -> bool:
        """Still on ICE's list of 2021-01-13, where the archive begins (it continues there)."""
        return self.on_ice_list_2021_01_13 == "yes"


class EarlierCounty(models.Model):
    """A county an earlier agreement's agency policed (several for a regional jail)."""

    agreement = models.ForeignKey(
        EarlierAgreement, on_delete=models.CASCADE, related_name="counties"
    )
    county_fips = models.CharField(max_length=5, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "county_fips"], name="earlier_county")
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.county_fips}"
