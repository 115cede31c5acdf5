"""Reads of the community content in one language, as plain values for pages and letters."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from deputized.community.models import CommunityLink, CountyResource, Hotline, RightsSection
from deputized.community.phones import tel_uri


@dataclass(frozen=True, slots=True)
class HotlineEntry:
    name: str
    phone: str  # as people dial it; empty for a county resource that is only a link
    tel: str  # the link itself, tel:+17047407737 (phones.tel_uri); "": not dialable
    area: str
    note: str
    source: str
    verified_on: dt.date | None  # None: a curator has not confirmed the number yet
    operator: str = ""  # who runs it; empty: not recorded yet
    url: str = ""  # a county resource's web page
    local: bool = False  # a county's own resource, shown first


@dataclass(frozen=True, slots=True)
class RightsText:
    slug: str
    title: str
    paragraphs: tuple[str, ...]
    # No `source`: the model's source field is the curators' note (what the text was written
    # from, who must review it), kept in the admin and never published.


def hotline_list(*, language: str) -> list[HotlineEntry]:
    """Active hotlines in display order; Spanish falls back to English where not yet written."""
    spanish = _is_spanish(language)
    return [
        HotlineEntry(
            name=_pick(h.name_en, h.name_es, spanish),
            phone=h.phone,
            tel=tel_uri(h.phone),
            area=_pick(h.area_en, h.area_es, spanish),
            note=_pick(h.note_en, h.note_es, spanish),
            source=h.source,
            verified_on=h.verified_on,
            operator=_pick(h.operator_en, h.operator_es, spanish),
        )
        for h in Hotline.objects.filter(active=True)
    ]


def county_resource_list(*, language: str, counties: Iterable[str]) -> list[HotlineEntry]:
    """The active resources curators entered for these counties (by FIPS), in display order."""
    spanish = _is_spanish(language)
    resources = CountyResource.objects.filter(county__in=list(counties), active=True)
    return [
        HotlineEntry(
            name="",  # the name is the heading (area) of a county's own resource
            phone=r.phone,
            tel=tel_uri(r.phone),
            area=_pick(r.name_en, r.name_es, spanish),
            note=_pick(r.note_en, r.note_es, spanish),
            source=r.source,
            verified_on=r.verified_on,
            operator=_pick(r.operator_en, r.operator_es, spanish),
            url=r.url,
            local=True,
        )
        for r in resources
    ]


def help_contacts(*, language: str, counties: Iterable[str] = ()) -> list[HotlineEntry]:
    """Who to call from a place's page: the county's own resources first, where curators have
    entered any, then the statewide and regional hotlines."""
    return [
        *county_resource_list(language=language, counties=counties),
        *hotline_list(language=language),
    ]


@dataclass(frozen=True, slots=True)
class LinkEntry:
    organization: str
    title: str
    description: str
    url: str
    language: str  # of the page it leads to (hreflang)
    checked_on: dt.date | None


# Where a curated link may be shown: the flag each page reads.
LINK_PLACES = {"rights": "on_rights", "state": "on_state", "places": "on_places"}


def community_links(*, language: str, where: str) -> list[LinkEntry]:
    """The active curated links for one kind of page ("rights", "state", "places")."""
    spanish = _is_spanish(language)
    return [
        LinkEntry(
            organization=link.organization,
            title=_pick(link.title_en, link.title_es, spanish),
            description=_pick(link.description_en, link.description_es, spanish),
            url=link.url,
            language=link.language,
            checked_on=link.checked_on,
        )
        for link in CommunityLink.objects.filter(active=True, **{LINK_PLACES[where]: True})
    ]


def rights_sections(*, language: str) -> list[RightsText]:
    """Know-your-rights sections in display order, split into paragraphs."""
    spanish = _is_spanish(language)
    return [
        RightsText(
            slug=s.slug,
            title=_pick(s.title_en, s.title_es, spanish),
            paragraphs=paragraphs(_pick(s.body_en, s.body_es, spanish)),
        )
        for s in RightsSection.objects.all()
    ]


def paragraphs(body: str) -> tuple[str, ...]:
    """Blank lines separate paragraphs; line breaks inside one are only wrapping."""
    blocks = re.split(r"\n\s*\n", body.replace("\r\n", "\n").strip())
    return tuple(" ".join(block.split()) for block in blocks if block.strip())


def _is_spanish(language: str) -> bool:
    code = (language or settings.LANGUAGE_CODE).split("-")[0].lower()
    return code == "es"


def _pick(english: str, spanish: str, want_spanish: bool) -> str:
    return spanish if want_spanish and spanish.strip() else english
