"""Read-only admin views of the archive: the raw layer is never edited by hand."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from deputized.archive.models import IngestRun, Publication, Republication, SheetRow


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class RepublicationInline(admin.TabularInline):
    model = Republication
    extra = 0
    can_delete = False
    fields = ("file_name", "published_on", "slot", "dating_rule", "source", "seen_at")
    readonly_fields = fields


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("published_on", "slot", "list_kind", "row_count", "file_name", "dating_rule")
    list_filter = ("list_kind",)
    search_fields = ("file_name", "sha256")
    date_hierarchy = "published_on"
    exclude = ("slot_rank",)
    inlines = [RepublicationInline]


@admin.register(SheetRow)
class SheetRowAdmin(ReadOnlyAdmin):
    list_display = ("publication", "row", "state", "agency", "model", "signed", "moa_url")
    list_filter = ("state", "model")
    search_fields = ("agency", "agency_raw")
    list_select_related = ("publication",)


@admin.register(IngestRun)
class IngestRunAdmin(ReadOnlyAdmin):
    list_display = (
        "started_at",
        "command",
        "outcome",
        "files_seen",
        "files_new",
        "files_republished",
        "files_refused",
        "rows_stored",
    )
    list_filter = ("command", "outcome")
