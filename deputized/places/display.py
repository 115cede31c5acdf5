"""How a place is named to a reader, in the reader's language: the site, the feeds, the alerts and
the downloads all name a county the same way."""

from __future__ import annotations

from django.utils.translation import gettext as _

from deputized.places.models import County


def local_county_name(county: County) -> str:
    """`Duplin County` in English, `Condado de Duplin` in Spanish; parishes, boroughs and
    independent cities keep the Census name."""
    if county.full_name == f"{county.name} County":
        return _("%(name)s County") % {"name": county.name}
    return county.full_name
