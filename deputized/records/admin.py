"""Curators: the liability record (every version kept, django-simple-history); the detention
data is read-only here (it comes from `load_detention`); requests and responses for review."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from deputized.records.models import Facility, LiabilityEntry, ResponseDocument, TrackedRequest


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


@admin.register(ResponseDocument)
class ResponseDocumentAdmin(admin.ModelAdmin):
    """Review before public: a reviewed response is listed on the agency page and in the API
    (when its request, if any, is public)."""

    list_display = ["title", "agency_id", "kind", "received_on", "reviewed", "uploaded_at"]
    list_filter = ["reviewed", "kind"]
    search_fields = ["title", "agency_id", "text"]
    exclude = ["data"]
    readonly_fields = ["kind", "filename", "size", "sha256", "text", "reviewed_at", "request"]
    actions = ["mark_reviewed"]

    @admin.action(description="Mark reviewed (public)")
    def mark_reviewed(self, request: HttpRequest, queryset: Any) -> None:
        now = timezone.now()  # updated_at too: it moves the data version (pages show it)
        queryset.update(reviewed=True, reviewed_at=now, updated_at=now)


@admin.register(TrackedRequest)
class TrackedRequestAdmin(admin.ModelAdmin):
    list_display = ["agency_id", "sent_on", "status", "is_public", "reviewed", "confirmed_at"]
    list_filter = ["status", "is_public", "reviewed"]
    exclude = ["email"]  # the requester's: not even curators need it
    readonly_fields = ["public_id", "confirmed_at", "follow_up_reminded_at"]
