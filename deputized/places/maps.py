"""Maps drawn on the server as inline SVG: NC's counties, the states, the nation's counties.

No JavaScript, no tiles, no CDN: each map is one `<svg>` whose places are links (`<a href>`
around a `<path>`, named by a `<title>`), so a keyboard reaches every place and a screen reader
reads its label. All words come from the caller (already translated); this module only draws.

Colours come from CSS classes so the site's stylesheet decides them. Each SVG also carries a
small `<style>` with default fills, wrapped in `:where()` (zero specificity) so the SVG stands
alone (saved to a file, opened directly) while any rule in the site's stylesheet still wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from deputized.places import geometry
from deputized.places.geometry import Layer

STATUS_NONE = "status-none"
STATUS_PENDING = "status-pending"
STATUS_ENDED = "status-ended"
STATUS_SUSPECTED_ENDED = "status-suspected-ended"
STATUS_ACTIVE_WSO = "status-active-wso"
STATUS_ACTIVE_JEM = "status-active-jem"
STATUS_ACTIVE_TFM = "status-active-tfm"
STATUS_ACTIVE_MULTIPLE = "status-active-multiple"
NEUTRAL_CLASS = "status-no-data"

STATUS_CLASSES: tuple[str, ...] = (
    STATUS_NONE,
    STATUS_PENDING,
    STATUS_SUSPECTED_ENDED,
    STATUS_ENDED,
    STATUS_ACTIVE_WSO,
    STATUS_ACTIVE_JEM,
    STATUS_ACTIVE_TFM,
    STATUS_ACTIVE_MULTIPLE,
)
"""The classes a `MapArea` takes, lightest to darkest; the web legend lists them in this order.

- `status-none`: no 287(g) agreement listed
- `status-pending`: an agreement requested, on ICE's pending list
- `status-suspected-ended`: an agreement not on the latest list, unconfirmed (`places.status`)
- `status-ended`: an agreement once listed, no longer
- `status-active-wso`: active, Warrant Service Officer model
- `status-active-jem`: active, Jail Enforcement Model
- `status-active-tfm`: active, Task Force Model
- `status-active-multiple`: active agreements under more than one model
- (`status-no-data`, `NEUTRAL_CLASS`: a place the caller gave nothing for; not in the legend)
"""

# Viridis steps (readable with every common colour-vision deficiency) for the active models,
# yellow for pending, light orange for a suspected end, and greys for none and ended: each class
# also differs from its neighbours in lightness (CIE L* about 94, 91, 82, 77, 67, 55, 36, 15),
# so it reads in greyscale too.
STATUS_FILLS: Mapping[str, str] = MappingProxyType(
    {
        STATUS_NONE: "#eeeeee",
        STATUS_PENDING: "#fde725",
        STATUS_SUSPECTED_ENDED: "#fdbf6f",
        STATUS_ENDED: "#bdbdbd",
        STATUS_ACTIVE_WSO: "#35b779",
        STATUS_ACTIVE_JEM: "#21918c",
        STATUS_ACTIVE_TFM: "#3b528b",
        STATUS_ACTIVE_MULTIPLE: "#440154",
        NEUTRAL_CLASS: "#f7f7f7",
    }
)


OVERSIGHT_ADOPTED = "oversight-adopted"


@dataclass(frozen=True, slots=True)
class MapArea:
    """One place on a map as the caller wants it shown.

    `label` is the whole accessible name ("Duplin County: active agreement (WSO)"), `href` the
    place's page, `css_class` one of `STATUS_CLASSES` (or any class the site styles).
    """

    fips: str
    label: str
    href: str
    css_class: str


def _style(kind: str) -> str:
    # Stroke widths are screen pixels (non-scaling-stroke): borders stay fine on a phone and on
    # a wide screen alike.
    scope = f"svg.deputized-map--{kind}"
    rules = [f":where({scope} .{name}){{fill:{fill}}}" for name, fill in STATUS_FILLS.items()]
    rules += [
        f":where({scope} path){{stroke:#fff;stroke-width:.75;stroke-linejoin:round;"
        "vector-effect:non-scaling-stroke}",
        # State borders in grey, not white: on the pale no-data counties white would vanish.
        f":where({scope} .map-borders){{fill:none;stroke:#8c8c8c;stroke-width:.75}}",
    ]
    # A county where an oversight measure was adopted (web/figures.py): a dashed dark outline,
    # told apart from the hover outline (solid) and from the status colours.
    rules.append(
        f":where({scope} .{OVERSIGHT_ADOPTED}){{stroke:#000;stroke-width:2;stroke-dasharray:4 2}}"
    )
    if kind == "us-counties":
        # 3,000 counties: full-width white borders would wash the map out.
        rules.append(f":where({scope} .map-areas path){{stroke-width:.3}}")
    # Last, so hover and keyboard focus outline the place whatever the map.
    rules.append(
        f":where({scope} a:hover path,{scope} a:focus-visible path){{stroke:#000;stroke-width:2.5}}"
    )
    return "<style>" + "".join(rules) + "</style>"


def _paths(layer: Layer, areas: Mapping[str, MapArea], *, name_neutral: bool) -> Iterable[str]:
    """Each shape: a link when the caller gave an area for it, a plain neutral path otherwise."""
    for shape in layer.shapes:
        area = areas.get(shape.fips)
        if area is None:
            # A neutral place is background, not content; its source name (a proper noun) is
            # still a hover hint where that is cheap, but not on the 3,000-county map.
            hint = f"<title>{escape(shape.name)}</title>" if name_neutral else ""
            yield f'<path class="{NEUTRAL_CLASS}" d="{shape.path}">{hint}</path>'
            continue
        yield (
            f'<a href="{escape(area.href)}"><title>{escape(area.label)}</title>'
            f'<path class="{escape(area.css_class)}" d="{shape.path}"/></a>'
        )


def _svg(
    layer: Layer,
    areas: Mapping[str, MapArea],
    *,
    kind: str,
    title: str,
    description: str,
    html_id: str,
    name_neutral: bool,
) -> SafeString:
    ident = escape(html_id)
    # role="group", not "img": an img role would hide the links inside from assistive technology.
    # focusable="false" keeps old browsers from adding the <svg> itself as a tab stop.
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {layer.width:g} {layer.height:g}"'
        f' width="100%" preserveAspectRatio="xMidYMid meet" role="group"'
        f' aria-labelledby="{ident}-title {ident}-desc" focusable="false"'
        f' class="deputized-map deputized-map--{kind}" id="{ident}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
    )
    body = "".join(_paths(layer, areas, name_neutral=name_neutral))
    borders = (
        f'<path class="map-borders" aria-hidden="true" d="{layer.borders}"/>'
        if layer.borders
        else ""
    )
    # Built only from escaped text and path data this package generated.
    return mark_safe(f'{head}{_style(kind)}<g class="map-areas">{body}</g>{borders}</svg>')


def nc_county_map(
    areas: Mapping[str, MapArea],
    *,
    title: str,
    description: str,
    html_id: str = "nc-county-map",
) -> SafeString:
    """North Carolina's 100 counties; `areas` keyed by 5-digit county FIPS ("37061").

    A county missing from `areas` is drawn in `NEUTRAL_CLASS`, without a link; a key that is not
    an NC county is ignored. `html_id` prefixes the ids `aria-labelledby` points at: give each
    map on one page its own.
    """
    layer = geometry.nc_counties(settings.REFERENCE_DATA_DIR / "nc" / "nc_counties.geojson")
    return _svg(
        layer,
        areas,
        kind="nc",
        title=title,
        description=description,
        html_id=html_id,
        name_neutral=True,
    )


def us_state_map(
    areas: Mapping[str, MapArea],
    *,
    title: str,
    description: str,
    html_id: str = "us-state-map",
) -> SafeString:
    """The 50 states and DC (Albers USA); `areas` keyed by 2-digit state FIPS ("37")."""
    return _svg(
        geometry.us_states(geometry.us_atlas_dir()),
        areas,
        kind="us-states",
        title=title,
        description=description,
        html_id=html_id,
        name_neutral=True,
    )


def us_county_map(
    areas: Mapping[str, MapArea],
    *,
    title: str,
    description: str,
    html_id: str = "us-county-map",
) -> SafeString:
    """Every US county, state borders on top; `areas` keyed by 5-digit county FIPS."""
    return _svg(
        geometry.us_counties(geometry.us_atlas_dir()),
        areas,
        kind="us-counties",
        title=title,
        description=description,
        html_id=html_id,
        name_neutral=False,
    )
