"""Curators keep the directory here: every save marks the row as curated (so `load_officials`
keeps the edit) and is recorded with who made it (django-simple-history)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from deputized.officials.corrections import NothingToApply, correction_apply
from deputized.officials.models import Contact, Correction, Meeting, Office, Person, Term
from deputized.officials.selectors import offices_due_a_check


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
    readonly_fields = ["curated_at"]
    inlines = [TermInline, ContactInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # The key is what the loader and the links go by: set once, never changed.
        return ["key", "curated_at"] if obj else ["curated_at"]

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


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Curators review the public's corrections; "Apply" makes one current in one click."""

    list_display = ["office", "status", "created_at", "person_name", "email", "phone"]
    list_filter = ["status"]
    search_fields = ["office__name", "office__key"]
    raw_id_fields = ["office"]
    readonly_fields = ["created_at", "reviewed_by", "reviewed_at"]
    actions = ["apply", "reject"]

    @admin.action(description="Apply the selected corrections (records history)")
    def apply(self, request: HttpRequest, queryset: Any) -> None:
        applied = 0
        for correction in queryset.filter(status=Correction.Status.NEW):
            try:
                correction_apply(correction, curator=request.user.get_username())
            except NothingToApply:
                self.message_user(
                    request,
                    f"{correction.office}: names no person, email or phone; edit the office.",
                    messages.WARNING,
                )
                continue
            applied += 1
        self.message_user(request, f"{applied} correction(s) applied.", messages.SUCCESS)

    @admin.action(description="Reject the selected corrections")
    def reject(self, request: HttpRequest, queryset: Any) -> None:
        count = queryset.filter(status=Correction.Status.NEW).update(
            status=Correction.Status.REJECTED,
            reviewed_by=request.user.get_username(),
            reviewed_at=timezone.now(),
        )
        self.message_user(request, f"{count} correction(s) rejected.", messages.SUCCESS)


class DueACheck(Office):
    """The offices curators should work on: no holder on record, or unverified > 6 months."""

    class Meta:
        proxy = True
        verbose_name = "office due a check"
        verbose_name_plural = "offices due a check (missing a person or unverified > 6 months)"


@admin.register(DueACheck)
class DueACheckAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "county", "municipality", "verified_on"]
    list_filter = ["role", ("county", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "county__name", "municipality__name"]
    list_per_page = 100

    def get_queryset(self, request: HttpRequest) -> Any:
        return offices_due_a_check().select_related("county", "municipality")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
