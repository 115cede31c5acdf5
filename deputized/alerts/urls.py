"""The alerts' pages, under /en/alerts/ and /es/alerts/ (deputized/urls.py)."""

from __future__ import annotations

from django.urls import path

from deputized.alerts import views

app_name = "alerts"

urlpatterns = [
    path("alerts/", views.SignupView.as_view(), name="signup"),
    path("alerts/confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("alerts/manage/<str:token>/", views.ManageView.as_view(), name="manage"),
    path("alerts/unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("alerts/sms/inbound/", views.sms_inbound, name="sms_inbound"),
]
