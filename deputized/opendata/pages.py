"""The downloads page, under /en/ and /es/ (included in deputized/urls.py's i18n_patterns)."""

from __future__ import annotations

from django.urls import path

from deputized.opendata import views

app_name = "opendata"

urlpatterns = [path("downloads/", views.DownloadsView.as_view(), name="downloads")]
