from django.urls import path

from deputized.officials import views

app_name = "officials"

urlpatterns = [
    path("officials/<slug:key>/correct/", views.CorrectionView.as_view(), name="correct"),
    # A calendar app subscribes to these: the meetings of a county's boards or a town's council.
    path(
        "officials/county/<str:code>/meetings.ics",
        views.meetings_ics,
        {"kind": "county"},
        name="county_meetings",
    ),
    path(
        "officials/town/<str:code>/meetings.ics",
        views.meetings_ics,
        {"kind": "town"},
        name="town_meetings",
    ),
]
