"""Read-only admin views of the history: it is derived, so it is corrected by rules, not by hand."""

from __future__ import annotations

from django.contrib import admin

from deputized.archive.admin import ReadOnlyAdmin
from deputized.history.models import Agency, Agreement, ChangeEvent


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ("id", "state", "name", "county", "first_seen_on")
    list_filter = ("state",)
    search_fields = ("id", "name")


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ("id", "model", "signed", "status", "first_listed_on", "last_listed_on")
    list_filter = ("status", "model")
    search_fields = ("id",)


@admin.register(ChangeEvent)
class ChangeEventAdmin(ReadOnlyAdmin):
    list_display = ("seq", "observed_on", "kind", "status", "agency", "model", "confirmed_on")
    list_filter = ("kind", "status")
    search_fields = ("agency__name", "agreement__id")
    list_select_related = ("agency",)
