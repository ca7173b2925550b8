"""R data files (.rda) as a published form of a table: one data frame, turned back into the table
its publisher's own file holds.

R packages that repackage official statistics (humaniverse's demographr, for one) save a Census
table as a data frame, often long: one row per area and category, where the publisher's CSV is wide.
The layout says how the frame maps to the publisher's columns: `rda_columns` names the R column of
each published column it holds as it is (`geography code` = `lsoa21_code`), and `rda_names_from`,
`rda_values_from`, `rda_header_prefix` and `rda_header_suffix` pivot the long rows back into one
column per category (`Ethnic group: ` + `White`; TS011's `Household deprivation: ` + category +
`; measures: Value`, a suffix Nomis gives some tables and packages strip). The result is text
under the publisher's headers, so the tabular reader selects and types it exactly as it does the
CSV form, and a refresh that finds the R file loads the same raw table as one that finds the
publisher's.

Boundaries are saved as R `sf` data frames (humaniverse's geographr, jimgar's wardboundaries): the
layout's `rda_geometry` names the frame's geometry column, which `rda_columns` pairs with the
published column that receives it as GeoJSON text (`geometry_geojson`), the text the publisher's
GeoJSON download gives the same column. `rdata` reads an sf geometry as nested lists of numpy
coordinate arrays without its class: a MULTIPOLYGON is a list of polygons, each a list of rings
(an n x 2 array of longitude, latitude; sf closes every ring), a POLYGON a list of rings, a POINT
one pair. The coordinates are written as stored: the sf frames these packages save are WGS84
longitude/latitude (EPSG:4326), and the CRS itself is not kept by `rdata`.

Strings R did not mark with an encoding are decoded as the layout's `encoding` (UTF-8 unless it says
otherwise): R on a UTF-8 system saves them so, and Welsh names ('Ynys Môn') need it.

`_row_number` is the area's position in the data frame: areas counted from 1 in the order of their
first row.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from ingest.catalog import FileLayout, Source
from ingest.errors import PlaceindexError

# The layout fields this module honours (the tabular reader declares them for its rda layouts).
LAYOUT_FIELDS = frozenset(
    {
        "rda_object",
        "rda_columns",
        "rda_names_from",
        "rda_values_from",
        "rda_header_prefix",
        "rda_header_suffix",
        "rda_geometry",
        "encoding",
    }
)


def read_rda_table(source: Source, layout: FileLayout, path: Path) -> pl.DataFrame:
    """The layout's data frame as the publisher's table: text cells under published headers."""
    frame, name = _data_frame(source, layout, path)
    wanted = [r_column for _, r_column in layout.rda_columns]
    if layout.rda_names_from is not None:
        wanted += [layout.rda_names_from, layout.rda_values_from]
    missing = [column for column in wanted if column not in frame.columns]
    if missing:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: R data frame {name!r} has no column(s) {missing}; "
            f"it has {list(frame.columns)}",
            source_id=source.source_id,
            file=path.name,
            column=missing[0],
        )
    # Only the columns the layout maps are converted (an R column may hold two published ones).
    frame = frame[list(dict.fromkeys(wanted))].reset_index(drop=True)
    if layout.rda_geometry is not None:
        if layout.rda_geometry not in wanted:
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: the geometry column {layout.rda_geometry!r} "
                "is paired with no published column in rda_columns",
                source_id=source.source_id,
                file=path.name,
                column=layout.rda_geometry,
            )
        frame[layout.rda_geometry] = geometry_geojson(
            frame[layout.rda_geometry].tolist(), source, path, layout.rda_geometry
        )
    table = pl.from_pandas(frame)
    index = [r_column for _, r_column in layout.rda_columns]
    if layout.rda_names_from is not None:
        categories = table.get_column(layout.rda_names_from).unique(maintain_order=True)
        if categories.null_count():
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: R data frame {name!r} has rows with no "
                f"{layout.rda_names_from!r}; each row must name its category",
                source_id=source.source_id,
                file=path.name,
                column=layout.rda_names_from,
            )
        try:
            table = table.pivot(
                on=layout.rda_names_from,
                index=index,
                values=layout.rda_values_from,
                aggregate_function=None,
                maintain_order=True,
            )
        except pl.exceptions.ComputeError as exc:
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: R data frame {name!r} has more than one row for "
                f"an area and {layout.rda_names_from!r} ({exc})",
                source_id=source.source_id,
                file=path.name,
                column=layout.rda_names_from,
            )
        table = table.rename(
            {
                str(category): f"{layout.rda_header_prefix}{category}{layout.rda_header_suffix}"
                for category in categories
            }
        )
    table = table.rename({r_column: header for header, r_column in layout.rda_columns})
    return table.select(pl.all().cast(pl.String))


def geometry_geojson(
    geometries: list[Any], source: Source, path: Path, column: str
) -> list[str | None]:
    """Each sf geometry as compact GeoJSON text ('{"type":"MultiPolygon","coordinates":...}', as
    the GeoJSON reader writes a feature's geometry); None where R has NA. A geometry of another
    shape, an empty one or a coordinate that is not a finite number is an error naming its row."""
    texts: list[str | None] = []
    for number, geometry in enumerate(geometries, start=1):
        if geometry is None:
            texts.append(None)
            continue
        try:
            kind, coordinates = _geojson_coordinates(geometry)
            texts.append(
                json.dumps(
                    {"type": kind, "coordinates": coordinates},
                    separators=(",", ":"),
                    allow_nan=False,
                )
            )
        except ValueError as exc:
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: row {number}, column {column!r}: {exc}",
                source_id=source.source_id,
                file=path.name,
                row=number,
                column=column,
            )
    return texts


def _geojson_coordinates(geometry: Any) -> tuple[str, list]:
    """(GeoJSON type, coordinates) of one sf geometry as `rdata` reads it."""
    if isinstance(geometry, np.ndarray):
        if geometry.ndim == 1 and geometry.shape[0] in (2, 3):
            return "Point", _finite(geometry).tolist()
        raise ValueError(
            f"expected a POINT, POLYGON or MULTIPOLYGON; found a coordinate matrix of shape "
            f"{geometry.shape} (a LINESTRING or MULTIPOINT, which boundaries are not)"
        )
    if not isinstance(geometry, list) or not geometry:
        raise ValueError(
            "expected a POINT, POLYGON or MULTIPOLYGON; found an empty geometry"
            if isinstance(geometry, list)
            else f"expected an sf geometry (nested lists of coordinates); found "
            f"{type(geometry).__name__}"
        )
    if all(isinstance(part, np.ndarray) for part in geometry):
        return "Polygon", _polygon(geometry)
    if all(isinstance(part, list) for part in geometry):
        return "MultiPolygon", [_polygon(polygon) for polygon in geometry]
    raise ValueError("expected a POLYGON (a list of rings) or a MULTIPOLYGON (a list of polygons)")


def _polygon(rings: list[Any]) -> list:
    if not rings or not all(isinstance(ring, np.ndarray) for ring in rings):
        raise ValueError("a polygon must be a non-empty list of rings (coordinate matrices)")
    found = []
    for ring in rings:
        if ring.ndim != 2 or ring.shape[1] not in (2, 3) or ring.shape[0] < 4:
            raise ValueError(
                f"a polygon ring must be a matrix of 4 or more positions (longitude, latitude); "
                f"found shape {ring.shape}"
            )
        if not np.array_equal(ring[0], ring[-1]):
            raise ValueError("a polygon ring must be closed (its last position its first)")
        found.append(_finite(ring).tolist())
    return found


def _finite(coordinates: np.ndarray) -> np.ndarray:
    values = np.asarray(coordinates, dtype=float)
    if not np.isfinite(values).all():
        raise ValueError("a coordinate is not a finite number (NA, NaN or infinite)")
    return values


def _data_frame(source: Source, layout: FileLayout, path: Path):
    """The layout's data frame (pandas, as `rdata` converts it) and its name in the file."""
    import pandas as pd
    import rdata

    try:
        with warnings.catch_warnings():
            # A tibble's classes ('tbl_df', 'tbl') and an sf frame's ('sf') read as the
            # data.frame they extend.
            warnings.simplefilter("ignore", UserWarning)
            objects = rdata.read_rda(path, default_encoding=layout.encoding)
    except Exception as exc:  # noqa: BLE001 - rdata raises assorted errors (and EOF, zlib errors) for damage
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: not a readable R data file ({exc}); the file may "
            "be truncated or not an .rda",
            source_id=source.source_id,
            file=path.name,
        )
    name = layout.rda_object
    if name is None:
        if len(objects) != 1:
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: holds {len(objects)} R objects "
                f"({sorted(objects)}); the layout must name one (rda_object)",
                source_id=source.source_id,
                file=path.name,
            )
        (name,) = objects
    if name not in objects:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: no R object {name!r}; the file holds "
            f"{sorted(objects)}",
            source_id=source.source_id,
            file=path.name,
        )
    frame = objects[name]
    if not isinstance(frame, pd.DataFrame):
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: R object {name!r} is a {type(frame).__name__}, "
            "not a data frame",
            source_id=source.source_id,
            file=path.name,
        )
    return frame, name
