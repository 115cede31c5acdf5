from django.urls import path, re_path

from deputized.stops import views

app_name = "stops"

urlpatterns = [
    path("stops/methods/", views.MethodsView.as_view(), name="methods"),
    re_path(r"^stops/measures\.(?P<fmt>csv|parquet)$", views.download, name="download"),
]
