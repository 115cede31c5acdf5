"""Curators: the liability record (every version kept, django-simple-history); the detention
data is read-only here (it comes from `load_detention`); requests and responses for review."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from deputized.records.models import Facility, LiabilityEntry


@admin.register(LiabilityEntry)
class LiabilityEntryAdmin(SimpleHistoryAdmin):
    list_display = ["title", "agency_id", "kind", "date", "source_name"]
    list_filter = ["kind"]
    search_fields = ["title", "agency_id", "summary"]


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["name", "type_detailed", "county", "latest_reported_adp", "last_data_pull_date"]
    search_fields = ["name", "facility_id"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
