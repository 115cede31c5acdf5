"""North Carolina's counties as GeoJSON, each with its 287(g) status (the data of the NC map).

Shapes come from `REFERENCE_DATA_DIR/nc/nc_counties.geojson` (longitude, latitude); statuses from
`places.status.county_statuses`, the same reading the site's maps show; `oversight_adopted`
from the adoption record (the county or one of its towns adopted an oversight measure). Only
NC: the national county shapes the project holds (us-atlas) are already projected, not
longitude and latitude.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

from deputized.oversight.adoptions import counties_with_adoptions
from deputized.places.status import county_statuses


@lru_cache(maxsize=2)
def _shapes(path: Path, modified: float) -> tuple[dict[str, Any], ...]:
    del modified  # part of the cache key only: a new file is read again
    return tuple(json.loads(path.read_text(encoding="utf-8"))["features"])


def counties_geojson() -> dict[str, Any]:
    path = Path(settings.REFERENCE_DATA_DIR) / "nc" / "nc_counties.geojson"
    features = _shapes(path, path.stat().st_mtime) if path.is_file() else ()
    statuses = county_statuses(state="NC")
    adopted = counties_with_adoptions()
    out = []
    for feature in features:
        fips = feature["properties"]["county_fips"]
        county, status, models = statuses.get(fips, (None, "none", set()))
        out.append(
            {
                "type": "Feature",
                "id": fips,
                "properties": {
                    "fips": fips,
                    "name": county.full_name if county else feature["properties"]["name"],
                    "state": "NC",
                    "status": status,
                    "models": sorted(models),
                    "oversight_adopted": fips in adopted,
                },
                "geometry": feature["geometry"],
            }
        )
    return {"type": "FeatureCollection", "features": out}
