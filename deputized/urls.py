"""Every page of the site lives under a language prefix (/en/, /es/); `/` sends a visitor to the
language their browser asks for (LocaleMiddleware)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    *i18n_patterns(path("", include("deputized.web.urls")), prefix_default_language=True),
]
