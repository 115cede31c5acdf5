"""Curators' admin: the review list of agencies the rules could not place, and their overrides.

Every change a curator makes is kept in Django's admin log (who, when, what changed).
"""

from __future__ import annotations

from django.contrib import admin

from deputized.archive.admin import ReadOnlyAdmin
from deputized.places.models import AgencyPlace, County, Municipality, PlaceOverride
from deputized.places.services import places_match


@admin.register(AgencyPlace)
class AgencyPlaceAdmin(ReadOnlyAdmin):
    """Filter by scope "not yet matched" for the review list."""

    list_display = ("agency", "scope", "county", "municipality", "method", "note")
    list_filter = ("scope", "method", "state")
    search_fields = ("agency__name", "agency__id")
    list_select_related = ("agency", "county", "municipality")


@admin.register(PlaceOverride)
class PlaceOverrideAdmin(admin.ModelAdmin):
    list_display = ("agency", "scope", "county", "municipality", "reviewed_by", "reviewed_at")
    autocomplete_fields = ("county", "municipality")
    filter_horizontal = ("counties",)
    search_fields = ("agency__name",)
    raw_id_fields = ("agency",)

    def save_model(self, request, obj, form, change) -> None:  # noqa: ANN001
        obj.reviewed_by = request.user.get_username()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:  # noqa: ANN001
        # The counties of a regional override are saved here, after the override itself: only
        # now can the agencies be placed again, so the site shows the curator's decision at once.
        super().save_related(request, form, formsets, change)
        self._replace(request)

    def delete_model(self, request, obj) -> None:  # noqa: ANN001
        super().delete_model(request, obj)
        self._replace(request)

    def _replace(self, request) -> None:  # noqa: ANN001
        report = places_match()
        self.message_user(request, f"Agencies placed again: {report.placed_share:.1%} placed.")


@admin.register(County)
class CountyAdmin(ReadOnlyAdmin):
    list_display = ("fips", "full_name", "state", "seat", "population")
    list_filter = ("state",)
    search_fields = ("name", "fips")


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ("geoid", "full_name", "primary_county", "police_ori", "population")
    search_fields = ("name", "geoid")
