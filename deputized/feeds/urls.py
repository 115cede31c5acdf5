"""The Atom feeds, each under /en/feeds/ and /es/feeds/ (see deputized/urls.py), laid out like the
pages they follow."""

from __future__ import annotations

from django.urls import path

from deputized.feeds import views

app_name = "feeds"

urlpatterns = [
    path("changes.atom", views.AllChangesFeed(), name="changes"),
    path("states/<slug:state>.atom", views.StateFeed(), name="state"),
    path("states/<slug:state>/counties/<slug:slug>.atom", views.CountyFeed(), name="county"),
    path("states/<slug:state>/places/<slug:slug>.atom", views.TownFeed(), name="town"),
    path("agencies/<slug:agency_id>.atom", views.AgencyFeed(), name="agency"),
]
