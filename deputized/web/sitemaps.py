"""The sitemap (Django's sitemaps framework): every public page, in English and Spanish, each
with its other-language alternate. Served as an index (/sitemap.xml) of sections, each cut into
pages of SECTION_LIMIT addresses so that no file grows past a few hundred KB."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from deputized.history.models import Agency
from deputized.places.models import County, Municipality, State

SECTION_LIMIT = 2000  # addresses per sitemap page (the protocol allows 50,000)


class _Bilingual(Sitemap):
    i18n = True  # each item once per language in settings.LANGUAGES
    alternates = True  # with <xhtml:link hreflang> to the other language's page
    x_default = False
    limit = SECTION_LIMIT


class PagesSitemap(_Bilingual):
    """The pages that exist once: home, the lists, the change log, search, the texts, alerts."""

    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "web:home",
            "web:states",
            "web:changes",
            "web:search",
            "web:methodology",
            "web:rights",
            "web:sources",
            "opendata:downloads",
            "alerts:signup",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class StatesSitemap(_Bilingual):
    def items(self) -> QuerySet[State]:
        return State.objects.order_by("code")

    def location(self, item: State) -> str:
        return reverse("web:state", kwargs={"state": item.slug})


class CountiesSitemap(_Bilingual):
    def items(self) -> QuerySet[County]:
        return County.objects.exclude(state_id="").order_by("fips")

    def location(self, item: County) -> str:
        return reverse("web:county", kwargs={"state": item.state_id.lower(), "slug": item.slug})


class TownsSitemap(_Bilingual):
    def items(self) -> QuerySet[Municipality]:
        return Municipality.objects.order_by("geoid")

    def location(self, item: Municipality) -> str:
        return reverse("web:town", kwargs={"state": item.state_id.lower(), "slug": item.slug})


class AgenciesSitemap(_Bilingual):
    def items(self) -> QuerySet[Agency]:
        return Agency.objects.order_by("id")

    def location(self, item: Agency) -> str:
        return reverse("web:agency", kwargs={"agency_id": item.id})


SITEMAPS: dict[str, Any] = {
    "pages": PagesSitemap,
    "states": StatesSitemap,
    "counties": CountiesSitemap,
    "towns": TownsSitemap,
    "agencies": AgenciesSitemap,
}
