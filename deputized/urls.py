"""Every page of the site lives under a language prefix (/en/, /es/); `/` sends a visitor to the
language their browser asks for (LocaleMiddleware)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from deputized.adminlogin import ThrottledAdminLoginForm

# Failed admin sign-ins are limited per client and per username (deputized/adminlogin.py).
admin.site.login_form = ThrottledAdminLoginForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("deputized.opendata.urls")),  # /api/v1/ and /downloads/FILE
    # The mail provider's bounce and complaint notifications: /anymail/<provider>/tracking/
    # (django-anymail, authenticated by ANYMAIL_WEBHOOK_SECRET; deputized/alerts/bounces.py).
    path("anymail/", include("anymail.urls")),
    *i18n_patterns(
        path("", include("deputized.web.urls")),
        path("feeds/", include("deputized.feeds.urls")),
        path("", include("deputized.opendata.pages")),
        path("", include("deputized.alerts.urls")),  # /en/alerts/…
        prefix_default_language=True,
    ),
]
