from django.contrib import admin
from django.urls import path

from deputized.web import views

urlpatterns = [
    path("", views.PublicationsView.as_view(), name="home"),
    path("admin/", admin.site.urls),
]
