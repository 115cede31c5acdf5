"""Map shapes as compact SVG path data: a small TopoJSON decoder, a projection for NC, paths.

Two sources, both local files (no network, no tile server):

- North Carolina's 100 counties from `REFERENCE_DATA_DIR/nc/nc_counties.geojson` (longitude and
  latitude), projected here with an equirectangular projection scaled by cos(35.5°), NC's middle
  latitude, which keeps the state's proportions right to within a few percent.
- The nation's states and counties from npm's `us-atlas` 3.0.1, TopoJSON already projected with
  Albers USA into a 975 x 610 space, so it only needs decoding.

TopoJSON stores each border once (an "arc") and shapes as lists of arc indexes, so the national
maps are simplified arc by arc: two neighbours share the same simplified border and no slivers
open between them. Decoded and projected layers are cached per process (`functools.lru_cache`):
pages draw the same shapes on every request.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from deputized.env import PROJECT_ROOT

Point = tuple[float, float]
Ring = list[Point]
# A polygon is its outer ring then its holes; a shape is a list of polygons (a TopoJSON or GeoJSON
# Polygon is a MultiPolygon of one).
Polygon = list[Ring]
Polygons = list[Polygon]
GridPoint = tuple[int, int]

# us-atlas's projected coordinate space (its README: "projected ... to fit a 975×610 viewport").
US_ATLAS_WIDTH = 975
US_ATLAS_HEIGHT = 610
NC_WIDTH = 1000
NC_PADDING = 4
NC_REFERENCE_LATITUDE = 35.5

# Douglas–Peucker tolerances in viewBox units. The NC file is already simplified upstream, so it is
# only rounded; the national county map needs real simplification to stay a few hundred KB.
US_STATES_TOLERANCE = 0.25
US_COUNTIES_TOLERANCE = 0.45


class AtlasMissingError(RuntimeError):
    """The us-atlas files (installed from npm by `make setup`) are not where they should be."""


@dataclass(frozen=True, slots=True)
class Shape:
    """One place on a map: its FIPS code, its name in the source file, its path, its extent."""

    fips: str
    name: str
    path: str
    # min x, min y, max x, max y in the map's viewBox units (y grows downward, as in SVG).
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Layer:
    """Everything one map draws: its viewBox size, its shapes, and borders drawn over them."""

    width: float
    height: float
    shapes: tuple[Shape, ...]
    borders: str = ""


# --- TopoJSON ------------------------------------------------------------------------------------


def decode_arcs(topology: Mapping[str, Any]) -> list[list[Point]]:
    """Every arc in absolute coordinates: undo quantization's delta encoding and its transform."""
    transform = topology.get("transform")
    if not transform:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for position in arc:
            # Quantized arcs store the first position absolute and the rest as differences.
            x += position[0]
            y += position[1]
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def stitch(indexes: Iterable[int], arcs: Sequence[Sequence[Any]]) -> list[Any]:
    """One ring from its arcs; a negative index ~i means arc i walked backwards."""
    ring: list[Any] = []
    for index in indexes:
        arc = list(reversed(arcs[~index])) if index < 0 else arcs[index]
        # Consecutive arcs share their meeting point: keep it once.
        ring.extend(arc[1:] if ring else arc)
    return ring


def geometry_polygons(geometry: Mapping[str, Any], arcs: Sequence[Sequence[Any]]) -> list[Any]:
    """A TopoJSON geometry's polygons (each a list of rings); other geometry types have none."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [[stitch(ring, arcs) for ring in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[stitch(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]]
    if kind == "GeometryCollection":
        return [p for child in geometry["geometries"] for p in geometry_polygons(child, arcs)]
    return []


def object_arcs(geometry: Mapping[str, Any]) -> set[int]:
    """The arcs a geometry uses, each once whatever its direction: the stuff of a border mesh."""
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        return {i for child in geometry["geometries"] for i in object_arcs(child)}
    if kind == "Polygon":
        rings = geometry["arcs"]
    elif kind == "MultiPolygon":
        rings = [ring for polygon in geometry["arcs"] for ring in polygon]
    else:
        return set()
    return {index if index >= 0 else ~index for ring in rings for index in ring}


def topology_features(
    topology: Mapping[str, Any], name: str, arcs: Sequence[Sequence[Any]] | None = None
) -> list[tuple[str, str, list[Any]]]:
    """(id, name, polygons) for each geometry of one object; arcs default to the decoded ones."""
    arcs = decode_arcs(topology) if arcs is None else arcs
    return [
        (str(g.get("id", "")), str(g.get("properties", {}).get("name", "")), polygons)
        for g in topology["objects"][name]["geometries"]
        if (polygons := geometry_polygons(g, arcs))
    ]


# --- GeoJSON and the NC projection ---------------------------------------------------------------


def geojson_polygons(geometry: Mapping[str, Any]) -> Polygons:
    """A GeoJSON Polygon or MultiPolygon as polygons of (longitude, latitude) rings."""
    if geometry["type"] == "Polygon":
        raw = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        raw = geometry["coordinates"]
    else:
        return []
    return [[[(float(p[0]), float(p[1])) for p in ring] for ring in polygon] for polygon in raw]


def equirectangular_fit(
    shapes: Iterable[Polygons], *, width: float, padding: float, latitude: float
) -> tuple[Callable[[Point], Point], float]:
    """A projection of longitude/latitude into [0, width] x [0, height] with north up, and height.

    Longitude is scaled by cos(latitude) so a degree east is as long as a degree north at that
    latitude; SVG's y axis points down, so latitude is flipped.
    """
    k = math.cos(math.radians(latitude))
    points = [p for polygons in shapes for polygon in polygons for ring in polygon for p in ring]
    min_x = min(lon for lon, _ in points) * k
    max_x = max(lon for lon, _ in points) * k
    min_lat = min(lat for _, lat in points)
    max_lat = max(lat for _, lat in points)
    scale = (width - 2 * padding) / (max_x - min_x)
    height = (max_lat - min_lat) * scale + 2 * padding

    def project(point: Point) -> Point:
        lon, lat = point
        return ((lon * k - min_x) * scale + padding, (max_lat - lat) * scale + padding)

    return project, height


# --- simplification and path data ---------------------------------------------------------------


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: drop points closer than `tolerance` to the line that skips them.

    The ends always stay (they are where arcs meet), so shared borders stay shared. A closed arc
    has equal ends; distance then falls back to distance from that point, which keeps the far
    side of the loop. Iterative, so a long arc cannot exhaust the recursion limit.
    """
    if len(points) < 3 or tolerance <= 0:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    limit = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        farthest, worst = -1, limit
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = (px - ax) ** 2 + (py - ay) ** 2
            else:
                cross = (px - ax) * dy - (py - ay) * dx
                distance = cross * cross / length
            if distance > worst:
                farthest, worst = i, distance
        if farthest >= 0:
            keep[farthest] = True
            stack.append((first, farthest))
            stack.append((farthest, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def to_grid(points: Iterable[Point], digits: int) -> list[GridPoint]:
    """Points rounded to `digits` decimals, as integers in units of 10**-digits (exact deltas)."""
    factor = 10**digits
    return [(round(x * factor), round(y * factor)) for x, y in points]


def clean_ring(ring: Sequence[GridPoint]) -> list[GridPoint]:
    """A ring without repeated points or points on a straight line (exact on the grid), open.

    Removing collinear points changes nothing drawn, so it is safe even where a neighbour's copy
    of the same border keeps them.
    """
    points: list[GridPoint] = []
    for point in ring:
        if not points or points[-1] != point:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    changed = True
    while changed and len(points) >= 3:
        changed = False
        kept: list[GridPoint] = []
        n = len(points)
        for i, (x, y) in enumerate(points):
            px, py = kept[-1] if kept else points[i - 1]
            nx, ny = points[(i + 1) % n]
            if (x - px) * (ny - y) - (y - py) * (nx - x) == 0:
                changed = True
                continue
            kept.append((x, y))
        points = kept
    return points if len(points) >= 3 else []


def _number(value: int, digits: int) -> str:
    if digits == 0:
        return str(value)
    sign = "-" if value < 0 else ""
    whole, fraction = divmod(abs(value), 10**digits)
    if fraction == 0:
        return f"{sign}{whole}"
    fraction_text = str(fraction).rjust(digits, "0").rstrip("0")
    # A leading zero is optional in SVG numbers ("-.5"), and paths are mostly small deltas.
    return f"{sign}{whole or ''}.{fraction_text}"


def _join(numbers: Iterable[str]) -> str:
    """Numbers separated by a space, except before a minus sign, which already separates them."""
    out: list[str] = []
    for number in numbers:
        if out and not number.startswith("-"):
            out.append(" ")
        out.append(number)
    return "".join(out)


def path_data(rings: Iterable[Sequence[GridPoint]], digits: int, *, closed: bool = True) -> str:
    """SVG path data: each ring an absolute moveto, relative linetos, then close (or not, for
    border lines, which are open)."""
    parts = []
    for ring in rings:
        (x0, y0), rest = ring[0], ring[1:]
        moves = [_number(x0, digits), _number(y0, digits)]
        deltas = []
        px, py = x0, y0
        for x, y in rest:
            deltas += [_number(x - px, digits), _number(y - py, digits)]
            px, py = x, y
        parts.append(f"M{_join(moves)}l{_join(deltas)}{'z' if closed else ''}")
    return "".join(parts)


def bounding_box(points: Iterable[Point]) -> tuple[float, float, float, float]:
    xs, ys = zip(*points, strict=True)
    return (min(xs), min(ys), max(xs), max(ys))


def _shape(
    fips: str, name: str, candidates: Sequence[Sequence[Sequence[Ring]]], digits: int
) -> Shape:
    """A shape from its first candidate polygons that survive rounding.

    Candidates go from most to least simplified; a place too small to survive (a Virginia
    independent city is under a unit wide on the national map) is drawn from its unsimplified
    rings, with more decimals if need be. A few are degenerate in the source itself (us-atlas
    quantizes Lexington, VA to a single point): they get a one-unit square at their centre, so
    every place keeps something to see and click.
    """
    outline = [p for polygon in candidates[-1] for r in polygon for p in r]
    box = bounding_box(outline)
    cleaned: list[list[GridPoint]] = []
    used = digits
    for extra in range(3):
        for polygons in candidates:
            rings = [r for polygon in polygons for r in polygon]
            cleaned = [c for r in rings if (c := clean_ring(to_grid(r, digits + extra)))]
            if cleaned:
                break
        if cleaned:
            used = digits + extra
            break
    if not cleaned:
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        square = [
            (cx - 0.5, cy - 0.5),
            (cx + 0.5, cy - 0.5),
            (cx + 0.5, cy + 0.5),
            (cx - 0.5, cy + 0.5),
        ]
        used = digits + 1
        cleaned = [to_grid(square, used)]
    return Shape(fips=fips, name=name, path=path_data(cleaned, used), bbox=box)


# --- the layers maps draw -------------------------------------------------------------------------


@lru_cache(maxsize=4)
def nc_counties(geojson_path: Path) -> Layer:
    """NC's counties, projected to a 1000-unit-wide viewBox, coordinates to one decimal."""
    if not geojson_path.is_file():
        raise FileNotFoundError(f"{geojson_path}: not found (set REFERENCE_DATA_DIR)")
    features = json.loads(geojson_path.read_text())["features"]
    decoded = [
        (f["properties"]["county_fips"], f["properties"]["name"], geojson_polygons(f["geometry"]))
        for f in features
    ]
    project, height = equirectangular_fit(
        (polygons for _, _, polygons in decoded),
        width=NC_WIDTH,
        padding=NC_PADDING,
        latitude=NC_REFERENCE_LATITUDE,
    )
    shapes = tuple(
        _shape(fips, name, [[[[project(p) for p in r] for r in poly] for poly in polygons]], 1)
        for fips, name, polygons in sorted(decoded)
    )
    return Layer(width=NC_WIDTH, height=round(height, 1), shapes=shapes)


def us_atlas_dir() -> Path:
    """Where `make setup` installs us-atlas (npm), beside the project's code."""
    folder = PROJECT_ROOT / "node_modules" / "us-atlas"
    if not (folder / "states-albers-10m.json").is_file():
        raise AtlasMissingError(
            f"{folder}: the us-atlas map files are missing; run `make setup` to install them"
        )
    return folder


class _Atlas(NamedTuple):
    topology: dict[str, Any]
    simplified: list[list[Point]]
    raw: list[list[Point]]


def _load_atlas(path: Path, tolerance: float) -> _Atlas:
    """A topology with its arcs simplified once, arc by arc (so neighbours stay joined), and raw.

    Not cached itself: only the layers built from it are, so the parsed JSON is let go.
    """
    topology = json.loads(path.read_text())
    raw = decode_arcs(topology)
    return _Atlas(topology, [simplify(arc, tolerance) for arc in raw], raw)


def _atlas_shapes(atlas: _Atlas, name: str) -> tuple[Shape, ...]:
    full = {
        fips: polygons for fips, _, polygons in topology_features(atlas.topology, name, atlas.raw)
    }
    shapes = [
        _shape(fips, label, [polygons, full[fips]], 0)
        for fips, label, polygons in topology_features(atlas.topology, name, atlas.simplified)
    ]
    return tuple(sorted(shapes, key=lambda shape: shape.fips))


def _mesh(atlas: _Atlas, name: str) -> str:
    """Path data for every arc of one object, each drawn once: borders as lines, not areas."""
    lines = []
    for index in sorted(object_arcs(atlas.topology["objects"][name])):
        points: list[GridPoint] = []
        for point in to_grid(atlas.simplified[index], 0):
            if not points or points[-1] != point:
                points.append(point)
        if len(points) >= 2:
            lines.append(points)
    return path_data(lines, 0, closed=False)


@lru_cache(maxsize=2)
def us_states(atlas_dir: Path) -> Layer:
    """The 50 states and DC (us-atlas ids: 2-digit FIPS), Albers USA, integer coordinates."""
    atlas = _load_atlas(atlas_dir / "states-albers-10m.json", US_STATES_TOLERANCE)
    return Layer(US_ATLAS_WIDTH, US_ATLAS_HEIGHT, _atlas_shapes(atlas, "states"))


@lru_cache(maxsize=2)
def us_counties(atlas_dir: Path) -> Layer:
    """Every county (5-digit FIPS), with state borders as one mesh to draw over them."""
    atlas = _load_atlas(atlas_dir / "counties-albers-10m.json", US_COUNTIES_TOLERANCE)
    return Layer(
        US_ATLAS_WIDTH,
        US_ATLAS_HEIGHT,
        _atlas_shapes(atlas, "counties"),
        borders=_mesh(atlas, "states"),
    )
