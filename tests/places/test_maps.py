"""Server-drawn SVG maps: the TopoJSON decoder, NC's projection, and the three maps' markup."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings

from deputized.places import geometry, maps
from deputized.places.maps import NEUTRAL_CLASS, STATUS_CLASSES, MapArea

SVG = "{http://www.w3.org/2000/svg}"
DUPLIN, WAKE, WAYNE = "37061", "37183", "37191"


def nc_geojson() -> Path:
    return settings.REFERENCE_DATA_DIR / "nc" / "nc_counties.geojson"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def links(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}a"))


def area(fips: str, name: str, status: str = "status-none") -> MapArea:
    return MapArea(fips, f"{name}: {status}", f"/places/{fips}/", status)


# --- the decoder --------------------------------------------------------------------------------

TINY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 2.0], "translate": [10.0, 100.0]},
    # Quantized and delta-encoded: arc 0 runs (0,0) (2,0) (2,2); arc 1 runs (2,2) (0,2) (0,0).
    "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]], [[4, 4], [1, 0], [0, 1]]],
    "objects": {
        "shapes": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "A", "properties": {"name": "a"}},
                # The same square walked backwards: ~1 is arc 1 reversed, ~0 is arc 0 reversed.
                {"type": "MultiPolygon", "arcs": [[[~1, ~0]], [[2]]], "id": "B"},
                {"type": None, "id": "C"},
            ],
        }
    },
}


def test_quantized_arcs_are_delta_decoded_and_transformed():
    arcs = geometry.decode_arcs(TINY)
    assert arcs[0] == [(10.0, 100.0), (11.0, 100.0), (11.0, 104.0)]
    assert arcs[1] == [(11.0, 104.0), (10.0, 104.0), (10.0, 100.0)]


def test_rings_are_stitched_with_shared_points_once_and_reversed_arcs_walked_backwards():
    features = geometry.topology_features(TINY, "shapes")
    assert [(fid, name) for fid, name, _ in features] == [("A", "a"), ("B", "")]
    (polygon,) = features[0][2]
    assert polygon == [[(10, 100), (11, 100), (11, 104), (10, 104), (10, 100)]]
    backwards, _second = features[1][2]
    assert backwards[0] == list(reversed(polygon[0]))


def test_a_mesh_uses_each_arc_once_whatever_its_direction():
    assert geometry.object_arcs(TINY["objects"]["shapes"]) == {0, 1, 2}


def test_simplification_keeps_arc_ends_and_the_far_side_of_a_loop():
    line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]
    assert geometry.simplify(line, 0.1) == [(0.0, 0.0), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]
    loop = [(0.0, 0.0), (5.0, 0.0), (5.0, 5.0), (0.0, 5.0), (0.0, 0.0)]
    assert len(geometry.simplify(loop, 1.0)) >= 4


def test_path_data_is_relative_and_short():
    ring = geometry.clean_ring([(0, 0), (10, 0), (20, 0), (20, -5), (20, -5), (0, 0)])
    assert ring == [(0, 0), (20, 0), (20, -5)]
    assert geometry.path_data([ring], 1) == "M0 0l2 0 0-.5z"


def bbox_of(polygons: list) -> tuple[float, float, float, float]:
    return geometry.bounding_box(p for polygon in polygons for ring in polygon for p in ring)


def center(box: tuple[float, float, float, float]) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def test_duplin_sits_east_of_wake_and_south_of_wayne_in_the_nc_file():
    features = json.loads(nc_geojson().read_text())["features"]
    boxes = {
        f["properties"]["county_fips"]: bbox_of(geometry.geojson_polygons(f["geometry"]))
        for f in features
    }
    # Longitude grows eastward, latitude northward.
    assert boxes[DUPLIN][0] > boxes[WAKE][2]
    assert center(boxes[DUPLIN])[1] < boxes[WAYNE][1]
    # Projected: x still grows eastward, but y grows southward (SVG).
    layer = geometry.nc_counties(nc_geojson())
    shapes = {s.fips: s for s in layer.shapes}
    assert shapes[DUPLIN].bbox[0] > shapes[WAKE].bbox[2]
    assert center(shapes[DUPLIN].bbox)[1] > shapes[WAYNE].bbox[3]
    assert all(s.bbox[0] >= 0 and s.bbox[2] <= layer.width for s in layer.shapes)
    assert all(s.bbox[1] >= 0 and s.bbox[3] <= layer.height for s in layer.shapes)


def test_duplin_sits_east_of_wake_and_south_of_wayne_in_us_atlas():
    path = geometry.us_atlas_dir() / "counties-albers-10m.json"
    topology = json.loads(path.read_text())
    features = geometry.topology_features(topology, "counties")
    boxes = {fid: bbox_of(polygons) for fid, _, polygons in features}
    assert len(boxes) > 3000
    # us-atlas is projected for the screen: x eastward, y southward.
    assert center(boxes[DUPLIN])[0] > boxes[WAKE][2]
    assert center(boxes[DUPLIN])[1] > boxes[WAYNE][3]
    # And NC is in the east of the 975 x 610 map, in its southern half.
    x0, y0, x1, y1 = boxes[DUPLIN]
    assert 750 < x0 < x1 < 900 and 305 < y0 < y1 < 450


def test_the_decoded_layers_are_cached_per_process():
    assert geometry.nc_counties(nc_geojson()) is geometry.nc_counties(nc_geojson())
    atlas = geometry.us_atlas_dir()
    assert geometry.us_counties(atlas) is geometry.us_counties(atlas)


def test_a_missing_atlas_says_to_run_make_setup(monkeypatch, tmp_path):
    monkeypatch.setattr(geometry, "PROJECT_ROOT", tmp_path)
    with pytest.raises(geometry.AtlasMissingError, match="make setup"):
        geometry.us_atlas_dir()


# --- the maps -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nc_areas() -> dict[str, MapArea]:
    layer = geometry.nc_counties(nc_geojson())
    return {
        s.fips: area(s.fips, f"{s.name} County", STATUS_CLASSES[i % len(STATUS_CLASSES)])
        for i, s in enumerate(layer.shapes)
    }


def test_the_nc_map_links_each_of_the_100_counties_with_a_title(nc_areas):
    svg = maps.nc_county_map(nc_areas, title="NC counties", description="Status of each county")
    root = parse(svg)
    found = links(root)
    assert len(found) == 100
    assert {a.get("href") for a in found} == {a.href for a in nc_areas.values()}
    labels = {a.href: a.label for a in nc_areas.values()}
    for link in found:
        assert link.find(f"{SVG}title").text == labels[link.get("href")]
        assert link.find(f"{SVG}path").get("d").startswith("M")
    duplin = next(a for a in found if a.get("href") == "/places/37061/")
    assert duplin.find(f"{SVG}title").text == nc_areas[DUPLIN].label
    assert duplin.find(f"{SVG}path").get("class") == nc_areas[DUPLIN].css_class
    assert len(svg.encode()) < 60_000


def test_the_map_is_labelled_responsive_and_self_styled(nc_areas):
    root = parse(maps.nc_county_map(nc_areas, title="T", description="D", html_id="m1"))
    assert root.get("aria-labelledby") == "m1-title m1-desc"
    assert root.find(f"{SVG}title").get("id") == "m1-title"
    assert root.find(f"{SVG}desc").get("id") == "m1-desc"
    assert root.get("width") == "100%" and root.get("height") is None
    assert root.get("viewBox").startswith("0 0 1000 ")
    assert root.get("focusable") == "false"
    style = root.find(f"{SVG}style").text
    for css in (*STATUS_CLASSES, NEUTRAL_CLASS):
        assert f".{css})" in style


def test_text_is_escaped_and_counties_left_out_are_neutral():
    tricky = MapArea(DUPLIN, 'Duplin <County> & "friends"', "/c/?a=1&b=2", "status-pending")
    svg = maps.nc_county_map({DUPLIN: tricky}, title="<T>", description="D & E")
    root = parse(svg)
    (link,) = links(root)
    assert link.get("href") == "/c/?a=1&b=2"
    assert link.find(f"{SVG}title").text == 'Duplin <County> & "friends"'
    assert root.find(f"{SVG}title").text == "<T>"
    neutral = [p for p in root.iter(f"{SVG}path") if p.get("class") == NEUTRAL_CLASS]
    assert len(neutral) == 99


def test_the_state_map_draws_the_50_states_and_dc():
    layer = geometry.us_states(geometry.us_atlas_dir())
    areas = {s.fips: area(s.fips, s.name) for s in layer.shapes}
    assert len(areas) >= 51 and "11" in areas and "37" in areas
    svg = maps.us_state_map(areas, title="States", description="D")
    root = parse(svg)
    assert len(links(root)) == len(areas)
    assert root.get("viewBox") == "0 0 975 610"
    assert len(svg.encode()) < 60_000


def test_the_county_map_draws_every_county_under_state_borders():
    layer = geometry.us_counties(geometry.us_atlas_dir())
    areas = {
        s.fips: area(s.fips, f"{s.name} County, State: active agreement (WSO)")
        for s in layer.shapes
    }
    svg = maps.us_county_map(areas, title="Counties", description="D")
    root = parse(svg)
    paths = [p for p in root.iter(f"{SVG}path") if p.get("class") != "map-borders"]
    assert len(paths) > 3000 and all(p.get("d") for p in paths)
    assert len(links(root)) == len(areas)
    # Borders come last, so they are drawn over the counties.
    assert list(root)[-1].get("class") == "map-borders"
    assert len(svg.encode()) < 700_000


def test_the_county_map_with_only_nc_is_mostly_neutral(nc_areas):
    root = parse(maps.us_county_map(nc_areas, title="T", description="D"))
    assert len(links(root)) == 100
    neutral = [p for p in root.iter(f"{SVG}path") if p.get("class") == NEUTRAL_CLASS]
    assert len(neutral) > 3000
