"""Organizers (members of the "organizers" group) create campaigns and text campaigns here;
curators (users with `approve_campaign`) open them. Participants' personal data is never in a
list: letters and signatures show counts, stories their text for moderation only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from deputized.campaigns import services
from deputized.campaigns.models import (
    Bundle,
    Campaign,
    ContactFlag,
    SignOnDelivery,
    Story,
    TextBlast,
)

ORGANIZERS = "organizers"


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = [
        "title_en",
        "kind",
        "status",
        "county",
        "municipality",
        "letters_confirmed",
        "deliveries_sent",
        "signature_count",
        "call_count",
        "results",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["title_en", "title_es", "slug"]
    raw_id_fields = ["county", "municipality"]
    autocomplete_fields = ["targets"]
    readonly_fields = ["created_by", "approved_by", "created_at"]
    actions = ["fill_drafts", "approve", "deliver_signon"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("campaigns.approve_campaign"):
            fields.append("status")  # an organizer's campaign waits for a curator
        return fields

    def save_model(self, request: HttpRequest, obj: Campaign, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user
            if not request.user.has_perm("campaigns.approve_campaign"):
                obj.status = Campaign.Status.PENDING
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        campaign = form.instance
        if not (campaign.draft_en or campaign.draft_es):
            services.campaign_drafts_fill(campaign=campaign)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Campaign]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed=Count(
                    "letters", filter=Q(letters__confirmed_at__isnull=False), distinct=True
                ),
                sent=Count(
                    "letters__deliveries",
                    filter=Q(letters__deliveries__status="sent"),
                    distinct=True,
                ),
                signed=Count("signatures", distinct=True),
                called=Count("calls", distinct=True),
            )
        )

    @admin.display(description="letters confirmed", ordering="confirmed")
    def letters_confirmed(self, obj: Campaign) -> int:
        return obj.confirmed

    @admin.display(description="emails sent", ordering="sent")
    def deliveries_sent(self, obj: Campaign) -> int:
        return obj.sent

    @admin.display(description="signatures", ordering="signed")
    def signature_count(self, obj: Campaign) -> int:
        return obj.signed

    @admin.display(description="calls", ordering="called")
    def call_count(self, obj: Campaign) -> int:
        return obj.called

    @admin.display(description="results")
    def results(self, obj: Campaign) -> str:
        url = reverse("campaigns:results_csv", args=[obj.slug])
        return format_html('<a href="{}">CSV</a>', url)

    @admin.action(description="Fill the V-P-S-A drafts from the place's facts (replaces them)")
    def fill_drafts(self, request: HttpRequest, queryset: QuerySet[Campaign]) -> None:
        for campaign in queryset:
            services.campaign_drafts_fill(campaign=campaign)
        self.message_user(request, f"{queryset.count()} drafts filled.")

    @admin.action(description="Approve (open to the public)", permissions=["approve"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Campaign]) -> None:
        for campaign in queryset:
            services.campaign_approve(campaign=campaign, by=request.user)
        self.message_user(request, f"{queryset.count()} approved.")

    def has_approve_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("campaigns.approve_campaign")

    @admin.action(description="Deliver the sign-on letter now")
    def deliver_signon(self, request: HttpRequest, queryset: QuerySet[Campaign]) -> None:
        for campaign in queryset.filter(kind=Campaign.Kind.SIGNON):
            delivery = services.signon_deliver(campaign=campaign, force=True)
            if delivery:
                self.message_user(request, f"{campaign}: {delivery.signatures} signatures sent.")


@admin.register(SignOnDelivery)
class SignOnDeliveryAdmin(admin.ModelAdmin):
    list_display = ["campaign", "signatures", "listed", "sent_at"]
    exclude = ["pdf"]
    readonly_fields = ["campaign", "signatures", "listed", "sha256", "targets", "sent_at"]


@admin.register(Bundle)
class BundleAdmin(admin.ModelAdmin):
    list_display = ["campaign", "target", "day", "count", "sent_at"]
    readonly_fields = ["campaign", "target", "day", "count", "sent_at"]


@admin.register(ContactFlag)
class ContactFlagAdmin(admin.ModelAdmin):
    """Phone numbers callers reported wrong: check them in the officials' admin."""

    list_display = ["contact", "reports", "last_reported_at", "resolved_at"]
    list_filter = ["resolved_at"]
    readonly_fields = ["contact", "reports", "first_reported_at", "last_reported_at"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    """The moderation queue."""

    list_display = ["__str__", "share", "status", "county", "municipality", "created_at"]
    list_filter = ["status", "share"]
    exclude = ["photo", "secret"]
    readonly_fields = [
        "share",
        "first_name",
        "language",
        "created_at",
        "reviewed_by",
        "reviewed_at",
    ]
    actions = ["publish", "reject"]

    @admin.action(description="Publish (never those shared with organizers only)")
    def publish(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        for story in queryset:
            services.story_review(story=story, publish=True, by=request.user.get_username())
        self.message_user(request, "Reviewed.")

    @admin.action(description="Do not publish")
    def reject(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        for story in queryset:
            services.story_review(story=story, publish=False, by=request.user.get_username())


@admin.register(TextBlast)
class TextBlastAdmin(admin.ModelAdmin):
    list_display = ["__str__", "campaign", "status", "recipients", "sent"]
    readonly_fields = [
        "status",
        "created_by",
        "approved_by",
        "recipients",
        "sent",
        "sent_at",
        "preview",
    ]
    actions = ["approve", "send"]

    @admin.display(description="preview")
    def preview(self, obj: TextBlast) -> str:
        if not obj.pk:
            return "-"
        count = services.text_recipients(campaign=obj.campaign).count()
        return format_html("{} recipients.<br>EN: {}<br>ES: {}", count, obj.body_en, obj.body_es)

    def save_model(self, request: HttpRequest, obj: TextBlast, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Approve (a second organizer above 100 recipients)")
    def approve(self, request: HttpRequest, queryset: QuerySet[TextBlast]) -> None:
        for blast in queryset:
            try:
                services.text_approve(blast=blast, by=request.user)
            except services.NeedsSecondOrganizer:
                self.message_user(
                    request, f"{blast}: another organizer must approve it.", messages.ERROR
                )

    @admin.action(description="Send the approved texts")
    def send(self, request: HttpRequest, queryset: QuerySet[TextBlast]) -> None:
        for blast in queryset:
            try:
                sent = services.text_send(blast=blast)
            except services.NeedsSecondOrganizer:
                self.message_user(request, f"{blast}: not approved.", messages.ERROR)
                continue
            except services.RateLimited:
                self.message_user(request, f"{blast}: daily limit reached.", messages.ERROR)
                continue
            self.message_user(request, f"{blast}: {sent} sent.")
