"""Which model documents a place is offered: one document kind per measure of the oversight
guidance that a body adopts as text.

The oversight app decides, by place type and status, which measures a body can take (its
matrix, deputized/oversight/data.py); a kind here only names the measures it puts into words
(`anchors`). A place is offered a kind when its guidance holds one of them, so the documents can
never offer what the guidance does not (a pre-approval ordinance to a county, for example).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from deputized.oversight.jurisdiction import Body


@dataclass(frozen=True, slots=True)
class Kind:
    key: str  # the template's key: unique, what curators' texts refer to
    slug: str  # the URL's last part: stable, shared by the county and town versions
    body: Body
    anchors: tuple[str, ...]  # oversight measure keys this document puts into words
    instrument: str  # resolution, ordinance or directive: how the body adopts it


KINDS: tuple[Kind, ...] = (
    Kind(
        "county-reporting-resolution",
        "reporting-resolution",
        Body.COUNTY,
        ("county-activity-cost-reports", "county-reporting-commitment"),
        "resolution",
    ),
    Kind(
        "county-attorney-assessment",
        "attorney-assessment",
        Body.COUNTY,
        ("county-attorney-assessment",),
        "directive",
    ),
    Kind(
        "county-advisory-committee",
        "advisory-committee",
        Body.COUNTY,
        ("county-advisory-committee",),
        "resolution",
    ),
    Kind(
        "county-sheriff-presentation",
        "sheriff-presentation",
        Body.COUNTY,
        ("county-sheriff-presentation", "county-delay-resolution"),
        "resolution",
    ),
    Kind(
        "town-pre-approval-ordinance",
        "pre-approval-ordinance",
        Body.MUNICIPALITY_POLICE,
        ("council-pre-approval",),
        "ordinance",
    ),
    Kind(
        "town-reporting-ordinance",
        "reporting-ordinance",
        Body.MUNICIPALITY_POLICE,
        ("council-activity-cost-reports",),
        "ordinance",
    ),
    Kind(
        "town-attorney-assessment",
        "attorney-assessment",
        Body.MUNICIPALITY_POLICE,
        ("council-attorney-assessment",),
        "directive",
    ),
    Kind(
        "town-resolution-to-county",
        "resolution-to-county",
        Body.MUNICIPALITY_NO_POLICE,
        ("town-resolution-to-county",),
        "resolution",
    ),
)

BY_KEY = {kind.key: kind for kind in KINDS}
SLUGS = frozenset(kind.slug for kind in KINDS)


def offered(body: Body, measure_keys: Iterable[str]) -> list[Kind]:
    """The kinds for a body whose guidance holds these measures, in the order above."""
    keys = set(measure_keys)
    return [kind for kind in KINDS if kind.body is body and keys.intersection(kind.anchors)]


def find(body: Body, slug: str, measure_keys: Iterable[str]) -> Kind | None:
    """The kind at this URL slug, if the place is offered it."""
    return next((kind for kind in offered(body, measure_keys) if kind.slug == slug), None)
