"""What an alert says, in the subscriber's language: what changed in plain words, the agency, its
place and model (and what that model lets officers do), the list and file it came from, links to
the place's page and its "what officials can do" section, and the hotlines.

Everything is built under `translation.override(language)`; the same content feeds the email
(text and HTML), the text message and the webhook's JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from deputized.alerts import kinds
from deputized.alerts.civic import civic_text
from deputized.alerts.models import Notice
from deputized.archive.models import Publication
from deputized.community.selectors import hotline_list
from deputized.history.models import Agency
from deputized.history.support_models import support_model
from deputized.places.display import local_county_name
from deputized.places.models import AgencyPlace


@dataclass(slots=True)
class Hotline:
    area: str
    phone: str
    name: str
    tel: str  # a tel: URI (E.164)
    verified: bool  # a curator has re-confirmed the number (the site says so when not)


@dataclass(slots=True)
class NoticeContent:
    notice_id: int
    kind: str
    language: str
    subject: str
    headline: str
    agency: str
    agency_id: str
    state: str
    place: str
    place_url: str
    officials_url: str
    agency_url: str
    model: str
    model_name: str
    model_explanation: str
    listed_on: str  # the date of ICE's list that showed the change
    listed_on_iso: str
    file_name: str
    row: int | None
    unconfirmed_note: str = ""
    hotlines: list[Hotline] = field(default_factory=list)
    civic: bool = False  # a meeting or a body's vote (civic.py): no agency, model or ICE list
    lines: list[str] = field(default_factory=list)  # a civic notice's details
    source: str = ""  # a civic notice's source

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("subject")
        return data


def digest_hotlines(contents: list[NoticeContent]) -> list[Hotline]:
    """The hotlines a message ends with: those of the first change in North Carolina, if any."""
    return next((c.hotlines for c in contents if c.hotlines), [])


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _date(day: dt.date | None) -> str:
    return date_format(day, "DATE_FORMAT") if day else ""


def _model_label(code: str) -> str:
    found = support_model(code)
    return f"{found.name} ({code})" if found else code


def _other_model(notice: Notice) -> str:
    """The model an agency left, from the paired agreement id (`<agency>-<model>-<date>`)."""
    previous = str(notice.details.get("model_change_from", ""))
    rest = previous[len(notice.agency_id) + 1 :] if previous.startswith(notice.agency_id) else ""
    return rest.split("-", 1)[0].upper()


def _headline(notice: Notice, agency: str, model: str, listed_on: str) -> str:
    values = {"agency": agency, "model": model, "date": listed_on}
    if notice.kind == kinds.PENDING_LISTED:
        return (
            _("ICE lists %(agency)s as pending: a 287(g) agreement, %(model)s, is coming.") % values
        )
    if notice.kind == kinds.ACTIVATED:
        return _("The pending 287(g) agreement of %(agency)s is now in force: %(model)s.") % values
    if notice.kind == kinds.NEW_ACTIVE:
        return _("ICE lists a new 287(g) agreement for %(agency)s: %(model)s.") % values
    if notice.kind == kinds.MODEL_CHANGED:
        values["old"] = _model_label(_other_model(notice))
        return (
            _("%(agency)s changed its 287(g) model: ICE now lists %(model)s in place of %(old)s.")
            % values
        )
    if notice.kind == kinds.REMOVED:
        return (
            _(
                "The 287(g) agreement of %(agency)s (%(model)s) has ended: ICE has left it off "
                "its list since %(date)s."
            )
            % values
        )
    if notice.kind == kinds.RELISTED:
        return _(
            "%(agency)s is back on ICE's 287(g) list after its agreement ended: %(model)s."
        ) % (values)
    if notice.kind == kinds.PENDING_WITHDRAWN:
        return _("ICE withdrew the pending 287(g) listing of %(agency)s (%(model)s).") % values
    return (
        _(
            "The 287(g) agreement of %(agency)s (%(model)s) may have ended: it is missing from "
            "ICE's list of %(date)s."
        )
        % values
    )


def _place(agency: Agency | None) -> tuple[str, str, str]:
    """The place's name, its page and its officials' section (NC county and town pages)."""
    if agency is None:
        return "", "", ""
    placed = (
        AgencyPlace.objects.filter(agency=agency)
        .select_related("county", "county__state", "municipality")
        .first()
    )
    if placed and placed.municipality_id and placed.state_id == "NC":
        town = placed.municipality
        url = reverse("web:town", kwargs={"state": "nc", "slug": town.slug})
        return town.name, absolute(url), absolute(url) + "#officials"
    if placed and placed.county_id:
        county = placed.county
        url = reverse("web:county", kwargs={"state": county.state_id.lower(), "slug": county.slug})
        officials = absolute(url) + "#officials" if county.state_id == "NC" else ""
        return local_county_name(county), absolute(url), officials
    return "", "", ""


def _nc_hotlines(language: str) -> list[Hotline]:
    return [
        Hotline(h.area, h.phone, h.name, h.tel, h.verified_on is not None)
        for h in hotline_list(language=language)
    ]


def _civic_content(notice: Notice, language: str) -> NoticeContent:
    text = civic_text(notice, language)
    place_url = absolute(text["path"]) if text["path"] else ""
    with translation.override(language):
        hotlines = _nc_hotlines(language)
    return NoticeContent(
        notice_id=notice.pk,
        kind=notice.kind,
        language=language,
        subject=text["subject"],
        headline=text["headline"],
        agency="",
        agency_id="",
        state="NC",
        place=text["place"],
        place_url=place_url,
        officials_url=place_url + "#officials" if place_url else "",
        agency_url="",
        model="",
        model_name="",
        model_explanation="",
        listed_on="",
        listed_on_iso="",
        file_name="",
        row=None,
        hotlines=hotlines,
        civic=True,
        lines=text["lines"],
        source=text["source"],
    )


def notice_content(notice: Notice, language: str) -> NoticeContent:
    if notice.kind in kinds.CIVIC:
        return _civic_content(notice, language)
    with translation.override(language):
        agency = Agency.objects.filter(pk=notice.agency_id).first()
        name = agency.name if agency else notice.agency_id
        state = agency.state if agency else notice.agency_id[:2].upper()
        publication = Publication.objects.filter(pk=notice.publication_id).first()
        listed = publication.published_on if publication else notice.observed_on
        found = support_model(notice.model)
        model = _model_label(notice.model)
        place, place_url, officials_url = _place(agency)
        headline = _headline(notice, name, model, _date(listed))
        label = kinds.KIND_LABELS.get(notice.kind, _("An agreement may have ended (unconfirmed)"))
        hotlines = _nc_hotlines(language) if state == "NC" else []
        return NoticeContent(
            notice_id=notice.pk,
            kind=notice.kind,
            language=language,
            subject=_("287(g) alert: %(agency)s — %(what)s") % {"agency": name, "what": label},
            headline=headline,
            agency=name,
            agency_id=notice.agency_id,
            state=state,
            place=place,
            place_url=place_url,
            officials_url=officials_url,
            agency_url=absolute(reverse("web:agency", kwargs={"agency_id": notice.agency_id})),
            model=notice.model,
            model_name=str(found.name) if found else notice.model,
            model_explanation=str(found.explanation) if found else "",
            listed_on=_date(listed),
            listed_on_iso=listed.isoformat(),
            file_name=publication.file_name if publication else "",
            row=notice.row,
            unconfirmed_note=(
                _(
                    "This is not confirmed yet: ICE sometimes leaves an agency off one list by "
                    "mistake. It is confirmed only if later lists leave it out too."
                )
                if notice.kind == kinds.MAYBE_ENDED
                else ""
            ),
            hotlines=hotlines,
        )
