"""/en/agencies/<agency-id>/cost/, …/records-request/ (and .pdf, .docx), /en/records/…"""

from django.urls import path

from deputized.records import views

app_name = "records"

urlpatterns = [
    path("agencies/<slug:agency_id>/cost/", views.CostView.as_view(), name="cost"),
]
