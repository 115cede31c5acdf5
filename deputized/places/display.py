"""How a place is named to a reader, in the reader's language: the site, the feeds, the alerts and
the downloads all name a county, a town's kind and a state the same way."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from deputized.places.models import County, State

# States and territories whose names Spanish translates (the others keep the Census name, as
# Spanish-language newspapers write them). Keyed by USPS code: the Census name stays the data.
STATE_NAMES: dict[str, Promise] = {
    "AS": gettext_lazy("American Samoa"),
    "HI": gettext_lazy("Hawaii"),
    "LA": gettext_lazy("Louisiana"),
    "MP": gettext_lazy("Northern Mariana Islands"),
    "MS": gettext_lazy("Mississippi"),
    "MO": gettext_lazy("Missouri"),
    "NC": gettext_lazy("North Carolina"),
    "ND": gettext_lazy("North Dakota"),
    "NH": gettext_lazy("New Hampshire"),
    "NJ": gettext_lazy("New Jersey"),
    "NM": gettext_lazy("New Mexico"),
    "NY": gettext_lazy("New York"),
    "OR": gettext_lazy("Oregon"),
    "PA": gettext_lazy("Pennsylvania"),
    "SC": gettext_lazy("South Carolina"),
    "SD": gettext_lazy("South Dakota"),
    "VI": gettext_lazy("United States Virgin Islands"),
    "WV": gettext_lazy("West Virginia"),
}

# A municipality's kind as the Census and the NC data give it (`Municipality.kind`).
MUNICIPALITY_KINDS: dict[str, Promise] = {
    "city": pgettext_lazy("municipality", "city"),
    "town": pgettext_lazy("municipality", "town"),
    "village": pgettext_lazy("municipality", "village"),
}


def local_county_name(county: County) -> str:
    """`Duplin County` in English, `Condado de Duplin` in Spanish; parishes, boroughs and
    independent cities keep the Census name."""
    return local_county_label(county.name, county.full_name)


def local_county_label(name: str, full_name: str) -> str:
    """`local_county_name` from the two names alone (the search index keeps strings)."""
    if full_name == f"{name} County":
        return _("%(name)s County") % {"name": name}
    return full_name


def local_state_name(state: State | str, name: str = "") -> str:
    """`North Carolina` in English, `Carolina del Norte` in Spanish: a `State`, or a code with
    the Census name to fall back on."""
    code, census = (state.code, state.name) if isinstance(state, State) else (state, name)
    return str(STATE_NAMES.get(code, census))


def municipality_kind(kind: str) -> str:
    """`city`, `town`, `village` in the reader's language (`ciudad`, `pueblo`, `villa`)."""
    found = MUNICIPALITY_KINDS.get(kind)
    return str(found) if found is not None else kind
