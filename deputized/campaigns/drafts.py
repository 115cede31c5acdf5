"""The Value–Problem–Solution–Action draft of a campaign, filled with its place's facts.

The briefing's message structure (../shared/docs/seeds): 1. Value, 2. Problem, 3. Solution,
4. Action, around its core values. The facts come from the documents' `PlaceFacts` (agency,
model, signing date, ICE's list) and the ask from the officials' decisions or a model document.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from deputized.documents.facts import PlaceFacts, county_facts, town_facts
from deputized.documents.kinds import BY_KEY as DOCUMENT_KINDS
from deputized.officials.decisions import DECISIONS
from deputized.oversight.jurisdiction import MODEL_NAMES
from deputized.places.models import County, Municipality

DECISION_TITLES = {decision.key: decision.title for decision in DECISIONS}


def _model_powers(model: str) -> str:
    return {
        "JEM": _(
            "in the jail, officers question people about immigration status and hold them for ICE"
        ),
        "WSO": _("officers serve ICE's administrative warrants on people already in the jail"),
        "TFM": _("officers question and arrest people about immigration status in the community"),
    }.get(model, "")


def place_facts(place: County | Municipality) -> PlaceFacts:
    return county_facts(place) if isinstance(place, County) else town_facts(place)


def ask_title(ask: str) -> str:
    if ask in DECISION_TITLES:
        return str(DECISION_TITLES[ask])
    kind = DOCUMENT_KINDS.get(ask)
    if kind is not None:
        from deputized.documents import texts

        language = (translation.get_language() or "en")[:2]
        return texts.DEFAULTS[kind.key]["es" if language == "es" else "en"].title
    return ask


def document_url(place: County | Municipality, ask: str) -> str:
    kind = DOCUMENT_KINDS.get(ask)
    if kind is None:
        return ""
    name = "documents:county" if isinstance(place, County) else "documents:town"
    return reverse(name, kwargs={"state": "nc", "slug": place.slug, "kind": kind.slug})


def vpsa(facts: PlaceFacts, ask: str, language: str) -> str:
    """Four short paragraphs: the draft participants rewrite in their own words."""
    with translation.override(language):
        if isinstance(facts.place, County):
            # In a sentence: "Alamance County", "el Condado de Alamance".
            place = pgettext("after in", "%(name)s County") % {"name": facts.place.name}
        else:
            place = facts.place.name
        value = _(
            "I live in %(place)s. I believe in community safety and protection, in trust between "
            "our communities and local government, and in accountability, civil rights and human "
            "dignity for every neighbor."
        ) % {"place": place}
        active = [a for a in facts.agreements if a.standing == "active"]
        if active:
            first = active[0]
            signed = (
                formats.date_format(first.signed, "DATE_FORMAT")
                if first.signed
                else _("a date ICE does not give")
            )
            problem = _(
                "%(agency)s has a 287(g) agreement with ICE (%(model)s, signed %(signed)s): "
                "%(powers)s. It turns local officers into immigration agents, costs local money "
                "and time, and makes neighbors afraid to call for help."
            ) % {
                "agency": first.agency,
                "model": MODEL_NAMES.get(first.model, first.model),
                "signed": signed,
                "powers": _model_powers(first.model),
            }
        elif any(a.standing == "pending" for a in facts.agreements):
            problem = _(
                "ICE lists %(agency)s as pending a 287(g) agreement: local officers may soon act "
                "as immigration agents, with local money and without a public decision."
            ) % {"agency": facts.agency}
        else:
            problem = _(
                "%(agency)s has no 287(g) agreement today, but agencies across North Carolina "
                "are signing them, often without a public discussion."
            ) % {"agency": facts.agency}
        solution = _("You can act: %(ask)s.") % {"ask": ask_title(ask)}
        link = document_url(facts.place, ask)
        if link:
            solution += " " + _("A model text is ready: %(url)s") % {"url": link}
        action = _(
            "I ask you to put this on your next agenda and to tell me how you will vote. Thank "
            "you for your service to our community."
        )
        return "\n\n".join((value, problem, solution, action))


def drafts_for(place: County | Municipality, ask: str) -> dict[str, str]:
    facts = place_facts(place)
    return {language: vpsa(facts, ask, language) for language in ("en", "es")}
