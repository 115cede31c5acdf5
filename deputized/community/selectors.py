"""Reads of the community content in one language, as plain values for pages and letters."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings

from deputized.community.models import Hotline, RightsSection, phone_digits


@dataclass(frozen=True, slots=True)
class HotlineEntry:
    name: str
    phone: str  # as people dial it
    tel: str  # for a link: tel:+17047407737
    area: str
    note: str
    source: str
    verified_on: dt.date | None  # None: the number has not been re-confirmed yet


@dataclass(frozen=True, slots=True)
class RightsText:
    slug: str
    title: str
    paragraphs: tuple[str, ...]
    source: str


def hotline_list(*, language: str) -> list[HotlineEntry]:
    """Active hotlines in display order; Spanish falls back to English where not yet written."""
    spanish = _is_spanish(language)
    return [
        HotlineEntry(
            name=_pick(h.name_en, h.name_es, spanish),
            phone=h.phone,
            tel=f"tel:+{phone_digits(h.phone)}",
            area=_pick(h.area_en, h.area_es, spanish),
            note=_pick(h.note_en, h.note_es, spanish),
            source=h.source,
            verified_on=h.verified_on,
        )
        for h in Hotline.objects.filter(active=True)
    ]


def rights_sections(*, language: str) -> list[RightsText]:
    """Know-your-rights sections in display order, split into paragraphs."""
    spanish = _is_spanish(language)
    return [
        RightsText(
            slug=s.slug,
            title=_pick(s.title_en, s.title_es, spanish),
            paragraphs=paragraphs(_pick(s.body_en, s.body_es, spanish)),
            source=s.source,
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
