"""The three 287(g) support models ICE lists, in plain words (shown on every page that names one).

Source: 8 U.S.C. §1357(g), ICE's 287(g) page and the model MOAs (JEM 2020, WSO and TFM rev. 2025);
see ../shared/docs/nc-policy.md §1.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, slots=True)
class SupportModel:
    code: str
    name: Promise
    short: Promise
    explanation: Promise
    in_the_field: bool  # officers use immigration powers during everyday policing, not only in jail


SUPPORT_MODELS: dict[str, SupportModel] = {
    "JEM": SupportModel(
        "JEM",
        _("Jail Enforcement Model"),
        _("immigration checks in the jail"),
        _(
            "Officers trained by ICE question people held in the local jail about their "
            "immigration status, place ICE holds (detainers) on them and start deportation "
            "paperwork."
        ),
        False,
    ),
    "WSO": SupportModel(
        "WSO",
        _("Warrant Service Officer"),
        _("ICE warrants served in the jail"),
        _(
            "Jail officers trained by ICE serve ICE's administrative warrants on people already in "
            "the jail, so that at their release they are handed to ICE instead of going home."
        ),
        False,
    ),
    "TFM": SupportModel(
        "TFM",
        _("Task Force Model"),
        _("immigration arrests during everyday policing"),
        _(
            "Officers use immigration powers on the street: during traffic stops and patrols "
            "they can question people they believe are not citizens and arrest them for ICE, "
            "some without a warrant."
        ),
        True,
    ),
}


def support_model(code: str | None) -> SupportModel | None:
    return SUPPORT_MODELS.get((code or "").upper())
