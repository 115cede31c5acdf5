"""Curators keep the directory here: every save marks the row as curated (so `load_officials`
keeps the edit) and is recorded with who made it (django-simple-history)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from deputized.officials.models import Contact, Meeting, Office, Person, Term


class CuratedAdmin(SimpleHistoryAdmin):
    """A curator's save is newer than any file loaded so far: the loader leaves it alone."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.curated_at = timezone.now()
        super().save_model(request, obj, form, change)


class TermInline(admin.TabularInline):
    model = Term
    extra = 0
    autocomplete_fields = ["person"]
    exclude = ["curated_at"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    exclude = ["curated_at"]


@admin.register(Office)
class OfficeAdmin(CuratedAdmin):
    list_display = ["name", "role", "county", "municipality", "verified_on"]
    list_filter = ["role"]
    search_fields = ["key", "name", "county__name", "municipality__name"]
    autocomplete_fields = ["represented_counties"]
    raw_id_fields = ["county", "municipality"]
    readonly_fields = ["key", "curated_at"]
    inlines = [TermInline, ContactInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for row in formset.save(commit=False):
            row.curated_at = timezone.now()
            row.save()
        for row in formset.deleted_objects:
            row.delete()
        formset.save_m2m()


@admin.register(Person)
class PersonAdmin(CuratedAdmin):
    search_fields = ["name", "key"]
    list_display = ["name", "party"]
    readonly_fields = ["curated_at"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["office", "starts_at", "comment_deadline", "verified_on"]
    raw_id_fields = ["office"]
    date_hierarchy = "starts_at"
