"""Curators' view of the alerts: deliveries and failures first; addresses are never listed."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from deputized.alerts.models import Delivery, Notice, Subscriber


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["id", "notice", "channel", "mode", "status", "attempts", "due_at", "sent_at"]
    list_filter = ["status", "mode", "subscriber__channel"]
    list_select_related = ["notice", "subscriber"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    date_hierarchy = "created_at"
    search_fields = ["notice__agency_id", "last_error"]

    @admin.display(description="channel")
    def channel(self, obj: Delivery) -> str:
        return obj.subscriber.channel

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "stage", "agency_id", "model", "observed_on", "retracted"]
    list_filter = ["kind", "stage", "retracted", "baseline"]
    search_fields = ["agency_id", "key"]
    readonly_fields = [f.name for f in Notice._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Status and failures only: the address is not shown (search by exact address works)."""

    list_display = ["id", "channel", "status", "language", "mode", "consecutive_failures"]
    list_filter = ["status", "channel", "language", "mode", "source"]
    fields = [
        "channel",
        "status",
        "language",
        "mode",
        "kinds",
        "source",
        "confirmed_at",
        "consent",
        "consent_by",
    ]
    readonly_fields = fields
    actions = ["reactivate"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        if search_term:
            return queryset.filter(address=search_term.strip().lower()), False
        return queryset, False

    @admin.action(description="Reactivate (after a webhook was fixed)")
    def reactivate(self, request: HttpRequest, queryset: QuerySet) -> None:
        queryset.filter(status=Subscriber.Status.DISABLED).update(
            status=Subscriber.Status.ACTIVE, consecutive_failures=0
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
