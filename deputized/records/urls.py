"""/en/agencies/<agency-id>/cost/, …/records-request/ (and .pdf, .docx), /en/records/…"""

from django.urls import path

from deputized.records import views

app_name = "records"

urlpatterns = [
    path("agencies/<slug:agency_id>/cost/", views.CostView.as_view(), name="cost"),
    path(
        "agencies/<slug:agency_id>/records-request/",
        views.RecordsRequestView.as_view(),
        name="request",
    ),
    path(
        "agencies/<slug:agency_id>/records-request.pdf",
        views.records_request_file,
        {"fmt": "pdf"},
        name="request-pdf",
    ),
    path(
        "agencies/<slug:agency_id>/records-request.docx",
        views.records_request_file,
        {"fmt": "docx"},
        name="request-docx",
    ),
    path(
        "agencies/<slug:agency_id>/records-request/track/",
        views.TrackView.as_view(),
        name="track",
    ),
    path("records/manage/<str:token>/", views.ManageView.as_view(), name="manage"),
    path("records/manage/<str:token>/upload/", views.UploadView.as_view(), name="upload"),
    path("records/responses/<int:pk>/file", views.response_file, name="response-file"),
    path(
        "records/requests/<slug:public_id>/",
        views.PublicRequestView.as_view(),
        name="public",
    ),
]
