"""The public site's pages, each under /en/ and /es/ (see deputized/urls.py)."""

from __future__ import annotations

from django.urls import path

from deputized.web import views

app_name = "web"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("states/", views.StatesView.as_view(), name="states"),
    path("states/<slug:state>/", views.StateView.as_view(), name="state"),
    path("states/<slug:state>/counties/<slug:slug>/", views.CountyView.as_view(), name="county"),
    path("states/<slug:state>/places/<slug:slug>/", views.TownView.as_view(), name="town"),
    path("agencies/<slug:agency_id>/", views.AgencyView.as_view(), name="agency"),
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("methodology/", views.MethodologyView.as_view(), name="methodology"),
    path("rights/", views.RightsView.as_view(), name="rights"),
    path("sources/", views.SourcesView.as_view(), name="sources"),
]
