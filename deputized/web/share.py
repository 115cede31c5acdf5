"""Share cards (Open Graph) for place and agency pages: the title and one sentence a link
shows when it is pasted into a message or a post, in the page's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deputized.places.display import local_county_name
from deputized.web.selectors import AgencyAgreements, AgencyPage, CountyPage, TownPage

MAX_NAMED = 3  # agencies named in the sentence; a card shows about two lines


@dataclass(frozen=True, slots=True)
class ShareCard:
    title: str
    description: str


def county_card(page: CountyPage) -> ShareCard:
    place = f"{local_county_name(page.county)}, {page.county.state.name}"
    return ShareCard(title=place, description=_place_sentence(place, page.agencies))


def town_card(page: TownPage) -> ShareCard:
    place = f"{page.town.name}, {page.town.state.name}"
    return ShareCard(title=place, description=_place_sentence(place, page.agencies))


def agency_card(page: AgencyPage) -> ShareCard:
    agency = page.agency
    return ShareCard(
        title=f"{agency.name} ({agency.state})",
        description=_(
            "%(agency)s and ICE's 287(g) program: its agreements, every list of ICE's that "
            "shows them, and what changed when."
        )
        % {"agency": agency.name},
    )


def _place_sentence(place: str, agencies: list[AgencyAgreements]) -> str:
    """The place page's answer in one sentence: who holds an active agreement, or a pending one."""
    active = [a.agency.name for a in agencies if a.status == "active"]
    pending = [a.agency.name for a in agencies if a.status == "pending"]
    if active:
        return ngettext(
            "%(place)s: %(count)d agency has an active 287(g) agreement with ICE: %(names)s.",
            "%(place)s: %(count)d agencies have an active 287(g) agreement with ICE: %(names)s.",
            len(active),
        ) % {"place": place, "count": len(active), "names": _names(active)}
    if pending:
        return ngettext(
            "%(place)s: %(count)d agency is on ICE's pending 287(g) list: %(names)s.",
            "%(place)s: %(count)d agencies are on ICE's pending 287(g) list: %(names)s.",
            len(pending),
        ) % {"place": place, "count": len(pending), "names": _names(pending)}
    return _(
        "%(place)s: no agency serving it has an active or pending 287(g) agreement on ICE's "
        "latest lists. Who polices it, what local officials can do, and who to call for help."
    ) % {"place": place}


def _names(names: list[str]) -> str:
    return ", ".join(names[:MAX_NAMED]) + ("…" if len(names) > MAX_NAMED else "")
