"""Curators keep the hotlines, counties' own help and know-your-rights text here; each save is kept
with who made it."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from deputized.community.models import CommunityLink, CountyResource, Hotline, RightsSection


@admin.register(Hotline)
class HotlineAdmin(SimpleHistoryAdmin):
    list_display = ("name_en", "operator_en", "phone", "area_en", "verified_on", "order", "active")
    list_editable = ("order", "active")
    list_filter = ("active",)
    search_fields = ("name_en", "name_es", "operator_en", "phone", "area_en")


@admin.register(CountyResource)
class CountyResourceAdmin(SimpleHistoryAdmin):
    # A link typed without a scheme is an https one (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name_en", "county", "operator_en", "phone", "verified_on", "order", "active")
    list_editable = ("order", "active")
    list_filter = ("active",)
    search_fields = ("name_en", "name_es", "operator_en", "phone", "county__name")
    autocomplete_fields = ("county",)


@admin.register(RightsSection)
class RightsSectionAdmin(SimpleHistoryAdmin):
    list_display = ("title_en", "slug", "order")
    list_editable = ("order",)
    search_fields = ("title_en", "title_es", "body_en", "body_es")
    prepopulated_fields = {"slug": ("title_en",)}


@admin.register(CommunityLink)
class CommunityLinkAdmin(SimpleHistoryAdmin):
    list_display = ("title_en", "organization", "checked_on", "on_rights", "on_state", "on_places")
    list_editable = ("on_rights", "on_state", "on_places")
    list_filter = ("active", "organization")
    search_fields = ("title_en", "title_es", "url", "organization")
