"""Reader for boundary files published as GeoJSON FeatureCollections.

One row per feature: its properties (the catalog names them) and its geometry as GeoJSON text, which
DuckDB spatial turns into a geometry in the models (ST_GeomFromGeoJSON). Nothing spatial happens here,
so loading needs no extension.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from ingest.catalog import Source
from ingest.errors import PlaceindexError
from ingest.readers.tabular import ROW_NUMBER

GEOMETRY_COLUMN = "geometry_geojson"

# The layout fields this reader honours, by format (see `ingest.readers.tabular.LAYOUT_FIELDS`):
# a FeatureCollection is JSON, whose text is UTF-8, and names its properties.
LAYOUT_FIELDS: dict[str, frozenset[str]] = {"json": frozenset()}


def read_geojson(source: Source, path: Path) -> pl.DataFrame:
    def error(detail: str, **where) -> PlaceindexError:
        return PlaceindexError(
            f"{source.source_id}: {path.name}: {detail}",
            source_id=source.source_id,
            file=path.name,
            **where,
        )

    try:
        document = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise error(f"not readable as JSON ({exc}); the download may be truncated") from exc
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise error("expected a GeoJSON FeatureCollection")
    properties = [column.header for column in source.columns if column.header != GEOMETRY_COLUMN]
    rows: dict[str, list] = {name: [] for name in (ROW_NUMBER, *properties, GEOMETRY_COLUMN)}
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
        if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise error(
                f"feature {number}: expected a Polygon or MultiPolygon geometry",
                row=number,
                column=GEOMETRY_COLUMN,
            )
        rows[ROW_NUMBER].append(number)
        for name in properties:
            value = found[name]
            rows[name].append(None if value is None else str(value))
        rows[GEOMETRY_COLUMN].append(json.dumps(geometry, separators=(",", ":")))
    schema = {ROW_NUMBER: pl.Int64} | dict.fromkeys((*properties, GEOMETRY_COLUMN), pl.String)
    return pl.DataFrame(rows, schema=schema)
