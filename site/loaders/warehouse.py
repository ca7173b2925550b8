"""The site's one door into the published warehouse: where the file is, how it is opened, and how
its rows and boundary GeoJSON are shaped for a browser.

What belongs here: opening the published DuckDB file read-only, turning query results into plain
JSON-ready rows, and making boundaries small and drawable. What does not: SQL (every statement the
site runs is in `queries.py`, so a renamed column is fixed in one file) and anything a page shows.

The data loaders in `site/src/data/` and the `dynamicPaths` of `observablehq.config.js` import this
module; they run in the project's Python environment (`PLACEINDEX_PYTHON`, default `.venv`).
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

REPO_ROOT = Path(__file__).resolve().parents[2]

# Decimal places kept in boundary coordinates (WGS84 degrees). 4 places is about 7-11 m in England,
# finer than the generalised (BSC/BUC) boundaries themselves; 3 places (about 70-110 m) is plenty
# for a map of all of England's districts.
NEIGHBOURHOOD_DECIMALS = 4
DISTRICT_DECIMALS = 3


class SiteDataError(Exception):
    """The warehouse cannot feed the site (missing file, missing table)."""


def warehouse_path() -> Path:
    """`$PLACEINDEX_HOME/placeindex.duckdb`, as the CLI reads it (default: `data/` in the repo)."""
    home = os.environ.get("PLACEINDEX_HOME")
    return (Path(home) if home else REPO_ROOT / "data").resolve() / "placeindex.duckdb"


# Build the site from a DuckLake release instead (PLACEINDEX_LAKE): `latest`, a release id, or a
# date (the release users saw by the end of that day).
RELEASE_VARIABLE = "PLACEINDEX_SITE_RELEASE"


def connect() -> duckdb.DuckDBPyConnection:
    release = os.environ.get(RELEASE_VARIABLE, "").strip()
    if release:
        return _connect_release(release)
    path = warehouse_path()
    if not path.exists():
        raise SiteDataError(
            f"no published warehouse at {path}; run `placeindex refresh` first "
            "(or set PLACEINDEX_HOME to the data folder that holds placeindex.duckdb)"
        )
    return duckdb.connect(str(path), read_only=True)


def _source_label() -> str:
    release = os.environ.get(RELEASE_VARIABLE, "").strip()
    if release:
        return f"release {release} of the DuckLake (PLACEINDEX_LAKE)"
    return f"the published warehouse at {warehouse_path()}"


def _connect_release(release: str) -> duckdb.DuckDBPyConnection:
    from ingest import lake as lakes
    from ingest.errors import PlaceindexError

    try:
        lake = lakes.lake_from_env()
        if lake is None:
            raise SiteDataError(
                f"{RELEASE_VARIABLE}={release} names a DuckLake release, but PLACEINDEX_LAKE "
                "(the lake's catalog) is not set"
            )
        chosen = lakes.resolve_release(lake, release)
        return lakes.connect(lake, read_only=True, snapshot_id=chosen.snapshot_id)
    except PlaceindexError as exc:
        raise SiteDataError(str(exc)) from exc


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict]:
    try:
        cursor = con.execute(sql, list(params))
    except (duckdb.CatalogException, duckdb.BinderException) as exc:
        first_line = str(exc).splitlines()[0]
        raise SiteDataError(
            f"{_source_label()} lacks what the site reads ({first_line}); "
            "refresh it with this version of placeindex, or fix the query in site/loaders/queries.py"
        ) from exc
    columns = [column[0] for column in cursor.description]
    return [
        dict(zip(columns, [_plain(value) for value in row], strict=True))
        for row in cursor.fetchall()
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_json(data: Any, stream=None) -> None:
    json.dump(data, stream or sys.stdout, ensure_ascii=False, separators=(",", ":"))


def run(main) -> None:
    """Run a loader: a clear one-line error (and a failed build) instead of a traceback."""
    try:
        main()
    except SiteDataError as exc:
        sys.exit(f"placeindex site: {exc}")


# --- boundaries --------------------------------------------------------------------------------


def feature_collection(
    records: Iterable[dict], decimals: int, geometry_key: str = "geometry"
) -> dict:
    """A GeoJSON FeatureCollection of the records' GeoJSON text, drawable by d3-geo.

    Each record's other keys become the feature's properties. A record whose geometry is empty
    after rounding is left out (a sliver smaller than the rounding step).
    """
    features = []
    for record in records:
        properties = {key: value for key, value in record.items() if key != geometry_key}
        geometry = drawable_geometry(record[geometry_key], decimals)
        if geometry is not None:
            features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def drawable_geometry(geojson_text: str | None, decimals: int) -> dict | None:
    """Rounded coordinates, rings wound as d3-geo needs them.

    d3-geo works on the sphere and reads a ring's winding to know which side is inside: an outer
    ring must run clockwise (holes anticlockwise), the reverse of RFC 7946. A ring the other way
    round would be drawn as the whole world minus the area, so every ring is re-wound here rather
    than trusting the publisher's order.
    """
    if not geojson_text:
        return None
    geometry = json.loads(geojson_text)
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return None
    shaped = [p for p in (_polygon(polygon, decimals) for polygon in polygons) if p]
    if not shaped:
        return None
    return {"type": "MultiPolygon", "coordinates": shaped}


def _polygon(rings: list, decimals: int) -> list | None:
    outer, *holes = rings
    shell = _ring(outer, decimals, clockwise=True)
    if shell is None:
        return None
    return [shell, *(h for h in (_ring(hole, decimals, clockwise=False) for hole in holes) if h)]


def _ring(points: list, decimals: int, clockwise: bool) -> list | None:
    ring = list(_deduplicated((round(x, decimals), round(y, decimals)) for x, y, *_ in points))
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    if len(ring) < 3:
        return None
    area = _signed_area(ring)
    if area == 0:
        return None
    # Positive shoelace area = anticlockwise with x east and y north.
    if (area > 0) == clockwise:
        ring.reverse()
    ring.append(ring[0])
    return [list(point) for point in ring]


def _deduplicated(points: Iterable[tuple[float, float]]) -> Iterator[tuple[float, float]]:
    previous = None
    for point in points:
        if point != previous:
            yield point
        previous = point


def _signed_area(ring: list[tuple[float, float]]) -> float:
    return sum(
        x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
    )
