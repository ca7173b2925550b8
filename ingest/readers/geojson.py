"""Reader for GeoJSON FeatureCollections: boundaries (polygons) and places (points).

One row per feature: its properties (the catalog names them) and its geometry as GeoJSON text, which
DuckDB spatial turns into a geometry in the models (ST_GeomFromGeoJSON). The layout's
`geometry_types` says which geometries a feature may have (boundaries are polygons, places points);
any other is an error naming the feature. Where points are allowed, the catalog's `longitude` and
`latitude` columns are the point's coordinates (GeoJSON orders them longitude first), so the models
can measure distances without the spatial extension. Nothing spatial happens here, so loading needs
no extension; the same boundaries published as an R sf data frame are read by `ingest.readers.rda`
and as an ESRI shapefile by `ingest.readers.shapefile` (which reprojects them with the extension).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import polars as pl

from ingest.catalog import GEOMETRY_COLUMN, FileLayout, Source
from ingest.errors import PlaceindexError
from ingest.readers import shapefile, tabular
from ingest.readers.cells import cell_text
from ingest.readers.tabular import ROW_NUMBER, cast_columns, layout_for_path

# A point's coordinates, read into these catalog columns where the layout allows points.
POINT_COLUMNS = {"longitude": 0, "latitude": 1}

# The layout fields this reader honours, by format (see `ingest.readers.tabular.LAYOUT_FIELDS`):
# a FeatureCollection is JSON, whose text is UTF-8, and names its properties; the layout says which
# geometry types its features may have.
LAYOUT_FIELDS: dict[str, frozenset[str]] = {
    "json": frozenset({"geometry_types"}),
    "rda": tabular.LAYOUT_FIELDS["rda"],
    "shp": shapefile.LAYOUT_FIELDS,
}


def read_geojson(source: Source, path: Path) -> pl.DataFrame:
    layout = layout_for_path(source, path)
    if layout.format == "rda":
        # The same boundaries as an R sf data frame: ingest.readers.rda reads its geometry column
        # as GeoJSON text, and the tabular reader types the frame as any R data frame's.
        return tabular.read_tabular(source, path)
    if layout.format == "shp":
        return shapefile.read_shapefile(source, layout, path)

    def error(detail: str, **where: Any) -> PlaceindexError:
        return PlaceindexError(
            f"{source.source_id}: {path.name}: {detail}",
            source_id=source.source_id,
            file=path.name,
            **where,
        )

    try:
        document = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise error(f"not readable as JSON ({exc}); the download may be truncated")
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise error("expected a GeoJSON FeatureCollection")
    points = _point_columns(source, layout)
    properties = [
        column.header
        for column in source.columns
        if column.header != GEOMETRY_COLUMN and column.header not in points
    ]
    rows: dict[str, list] = {
        name: [] for name in (ROW_NUMBER, *properties, *points, GEOMETRY_COLUMN)
    }
    expected = _expected_types(layout.geometry_types)
    for number, feature in enumerate(document.get("features") or [], start=1):
        found = feature.get("properties") or {}
        missing = [name for name in properties if name not in found]
        if missing:
            raise error(
                f"feature {number}: missing propert{'y' if len(missing) == 1 else 'ies'} "
                f"{missing}; it has {sorted(found)}",
                row=number,
                column=missing[0],
            )
        geometry = feature.get("geometry")
        if not geometry or geometry.get("type") not in layout.geometry_types:
            raise error(
                f"feature {number}: expected a {expected} geometry",
                row=number,
                column=GEOMETRY_COLUMN,
            )
        coordinates = _point(geometry) if geometry["type"] == "Point" else None
        if geometry["type"] == "Point" and coordinates is None:
            raise error(
                f"feature {number}: a Point's coordinates must be [longitude, latitude] in "
                f"degrees (longitude -180 to 180, latitude -90 to 90), found "
                f"{geometry.get('coordinates')!r}",
                row=number,
                column=GEOMETRY_COLUMN,
            )
        rows[ROW_NUMBER].append(number)
        for name in properties:
            value = found[name]
            rows[name].append(None if value is None else str(value))
        for name, position in points.items():
            rows[name].append(None if coordinates is None else cell_text(coordinates[position]))
        rows[GEOMETRY_COLUMN].append(json.dumps(geometry, separators=(",", ":")))
    schema = {ROW_NUMBER: pl.Int64} | dict.fromkeys(
        (*properties, *points, GEOMETRY_COLUMN), pl.String
    )
    frame = pl.DataFrame(rows, schema=schema)
    return cast_columns(source, path, frame, lambda row: f"feature {row[ROW_NUMBER]}")


def _point_columns(source: Source, layout: FileLayout) -> dict[str, int]:
    """The catalog's columns that hold a point's coordinates: none unless points are allowed."""
    if "Point" not in layout.geometry_types:
        return {}
    headers = {column.header for column in source.columns}
    return {name: position for name, position in POINT_COLUMNS.items() if name in headers}


def _expected_types(types: tuple[str, ...]) -> str:
    """'Point', 'Polygon or MultiPolygon', 'Point, Polygon or MultiPolygon'."""
    return types[0] if len(types) == 1 else f"{', '.join(types[:-1])} or {types[-1]}"


def _point(geometry: dict[str, Any]) -> tuple[float, float] | None:
    """A Point's (longitude, latitude), or None when they are not two finite numbers in range.
    A third number (altitude) is allowed by GeoJSON and ignored."""
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) not in (2, 3):
        return None
    if not all(
        isinstance(value, int | float) and not isinstance(value, bool) for value in coordinates
    ):
        return None
    longitude, latitude = float(coordinates[0]), float(coordinates[1])
    if not (math.isfinite(longitude) and math.isfinite(latitude)):
        return None
    if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
        return None
    return longitude, latitude
