"""Open data outside the language prefix: the API (/api/v1/) and the files (/downloads/NAME)."""

from __future__ import annotations

from django.urls import include, path, re_path

from deputized.opendata import views

urlpatterns = [
    path("api/", include("deputized.api.urls")),
    # Any name; the view serves only those the last build's manifest lists.
    re_path(r"^downloads/(?P<name>[a-z0-9-]+\.[a-z]+)$", views.download),
]
