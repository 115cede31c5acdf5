"""Curators reword the oversight guidance, mark entries checked, keep the bills' status and record
what bodies did with a measure here; each save is kept with who made it.

The form offers the known entry keys and shows the default wording beside the rewording, so a
curator edits against what residents would otherwise read.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models
from django.utils import translation
from simple_history.admin import SimpleHistoryAdmin

from deputized.oversight import data
from deputized.oversight.measures import all_keys
from deputized.oversight.models import (
    REPORT_FIGURES,
    ActivityReport,
    Adoption,
    Bill,
    MeasureText,
    NoteCheck,
)

DEFAULTS = {entry.key: entry for entry in (*data.MEASURES, *data.LIMITS, *data.STATE_DUTIES)}


class MeasureTextForm(forms.ModelForm):
    key = forms.ChoiceField(choices=[(key, key) for key in all_keys()])

    class Meta:
        model = MeasureText
        fields = ("key", "language", "title", "text", "basis", "question", "note")


@admin.register(MeasureText)
class MeasureTextAdmin(SimpleHistoryAdmin):
    form = MeasureTextForm
    list_display = ("key", "language", "title", "updated_at")
    list_filter = ("language",)
    search_fields = ("key", "title", "text")
    readonly_fields = ("default_wording",)

    @admin.display(description="Default wording")
    def default_wording(self, obj: MeasureText | None) -> str:
        entry = DEFAULTS.get(obj.key) if obj is not None else None
        if entry is None:
            return "-"
        with translation.override(obj.language or "en"):
            parts = [entry.title, entry.text, entry.basis, entry.question]
            return "\n\n".join(str(part) for part in parts if str(part))


class NoteCheckForm(forms.ModelForm):
    key = forms.ChoiceField(choices=[(key, key) for key in all_keys()])

    class Meta:
        model = NoteCheck
        fields = ("key", "checked_on", "checked_by", "checked_against")


@admin.register(NoteCheck)
class NoteCheckAdmin(SimpleHistoryAdmin):
    form = NoteCheckForm
    list_display = ("key", "checked_on", "checked_by")
    search_fields = ("key", "checked_by")
    date_hierarchy = "checked_on"


@admin.register(Bill)
class BillAdmin(SimpleHistoryAdmin):
    # A link typed without a scheme is an https one (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("label", "name_en", "checked_on")
    search_fields = ("label", "name_en", "status_en")


class AdoptionForm(forms.ModelForm):
    measure = forms.ChoiceField(
        choices=[(entry.key, f"{entry.key}: {entry.title}") for entry in data.MEASURES]
    )

    class Meta:
        model = Adoption
        fields = (
            "county",
            "municipality",
            "measure",
            "outcome",
            "decided_on",
            "vote",
            "minutes_url",
            "summary",
            "copy",
        )


@admin.register(Adoption)
class AdoptionAdmin(SimpleHistoryAdmin):
    """What a body did with a measure: adopted, considered, rejected or tabled."""

    form = AdoptionForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("__str__", "measure", "outcome", "decided_on")
    list_filter = ("outcome", "measure")
    raw_id_fields = ("county", "municipality")
    date_hierarchy = "decided_on"


@admin.register(ActivityReport)
class ActivityReportAdmin(SimpleHistoryAdmin):
    """A quarter of an agency's 287(g) activity and cost report, figures as the agency gave them."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("agency_id", "period", "received_on")
    list_filter = ("year", "quarter")
    search_fields = ("agency_id",)
    raw_id_fields = ("received_by_county", "received_by_municipality")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "agency_id",
                    ("year", "quarter"),
                    "received_by_county",
                    "received_by_municipality",
                    "received_on",
                    "source_url",
                    "copy",
                    "note",
                )
            },
        ),
        ("Activity", {"fields": [f for f, _l, group in REPORT_FIGURES if group == "activity"]}),
        ("Cost and revenue", {"fields": [f for f, _l, group in REPORT_FIGURES if group == "cost"]}),
    )
