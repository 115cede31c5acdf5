"""Every page of the site lives under a language prefix (/en/, /es/); `/` sends a visitor to the
language their browser asks for (LocaleMiddleware)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from deputized.adminlogin import ThrottledAdminLoginForm
from deputized.documents import views as documents_views
from deputized.web import crawlers, errors
from deputized.web.sitemaps import SITEMAPS

# Failed admin sign-ins are limited per client and per username (deputized/adminlogin.py).
admin.site.login_form = ThrottledAdminLoginForm

urlpatterns = [
    path("robots.txt", crawlers.robots_txt, name="robots"),
    path("favicon.ico", crawlers.favicon_ico, name="favicon"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("admin/", admin.site.urls),
    # An adopted text's uploaded copy (oversight.models.Adoption.copy), in no language.
    path("adoptions/<int:pk>/copy", documents_views.adoption_copy, name="adoption-copy"),
    path("reports/<int:pk>/copy", documents_views.report_copy, name="report-copy"),
    path("", include("deputized.opendata.urls")),  # /api/v1/ and /downloads/FILE
    # The mail provider's bounce and complaint notifications: /anymail/<provider>/tracking/
    # (django-anymail, authenticated by ANYMAIL_WEBHOOK_SECRET; deputized/alerts/bounces.py).
    path("anymail/", include("anymail.urls")),
    *i18n_patterns(
        path("", include("deputized.web.urls")),
        path("feeds/", include("deputized.feeds.urls")),
        path("", include("deputized.opendata.pages")),
        path("", include("deputized.alerts.urls")),  # /en/alerts/…
        path("", include("deputized.officials.urls")),  # /en/officials/<key>/correct/
        path("", include("deputized.documents.urls")),  # /en/states/nc/…/documents/…
        path("", include("deputized.records.urls")),  # /en/agencies/<id>/cost/, /en/records/…
        path("", include("deputized.campaigns.urls")),  # /en/campaigns/…, /en/stories/…
        path("", include("deputized.stops.urls")),  # /en/stops/methods/, measures.csv|parquet
        prefix_default_language=True,
    ),
]

# 404 and 500 in the reader's language, with the site's frame and a way back (web/errors.py).
handler404 = errors.page_not_found
handler500 = errors.server_error
