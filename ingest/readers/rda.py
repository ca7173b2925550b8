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
GeoJSON download gives the same column. An sf geometry reads (`ingest.readers.rserialize`, as the
`rdata` package read it before) as nested lists of numpy coordinate arrays without its class: a
MULTIPOLYGON is a list of polygons, each a list of rings (an n x 2 array of longitude, latitude; sf
closes every ring), a POLYGON a list of rings, a POINT one pair. The coordinates are written as
stored: the sf frames these packages save are WGS84 longitude/latitude (EPSG:4326), and the CRS
itself is not kept.

Strings R did not mark with an encoding are decoded as the layout's `encoding` (UTF-8 unless it says
otherwise): R on a UTF-8 system saves them so, and Welsh names ('Ynys Môn') need it.

`_row_number` is the area's position in the data frame: areas counted from 1 in the order of their
first row.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from ingest.catalog import FileLayout, Source
from ingest.errors import PlaceindexError
from ingest.readers import rserialize

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
    fast = _polygon_texts(geometries)
    if fast is not None:
        return fast
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


def _polygon_texts(geometries: list[Any]) -> list[str | None] | None:
    """The GeoJSON text of every geometry at once, the same text json.dumps writes a geometry at a
    time; None unless every geometry is NA, a POLYGON or a MULTIPOLYGON of closed n x 2 rings of 4
    or more finite positions (geometry_geojson then goes row by row, and names the first bad one).

    Why: json.dumps formats each coordinate with Python's float repr, a second for the 420,000
    positions of the LSOA boundaries; polars formats a column of them in a tenth of that."""
    kinds: list[str | None] = []
    polygon_counts: list[int] = []
    ring_counts: list[int] = []
    rings: list[np.ndarray] = []
    for geometry in geometries:
        if geometry is None:
            kinds.append(None)
            continue
        if type(geometry) is not list or not geometry:
            return None
        if type(geometry[0]) is np.ndarray:
            kind, polygons = "Polygon", [geometry]
        elif type(geometry[0]) is list:
            kind, polygons = "MultiPolygon", geometry
        else:
            return None
        for polygon in polygons:
            if type(polygon) is not list or not polygon:
                return None
            for ring in polygon:
                if (
                    type(ring) is not np.ndarray
                    or ring.ndim != 2
                    or ring.shape[1] != 2
                    or ring.shape[0] < 4
                    or ring.dtype.kind not in "fi"
                ):
                    return None
            rings.extend(polygon)
            ring_counts.append(len(polygon))
        kinds.append(kind)
        polygon_counts.append(len(polygons))
    if not rings:
        return [None] * len(kinds)
    coordinates = np.concatenate(rings).astype(float)
    ends = np.cumsum([len(ring) for ring in rings])
    starts = ends - [len(ring) for ring in rings]
    if not np.isfinite(coordinates).all():
        return None
    if not (coordinates[starts] == coordinates[ends - 1]).all():
        return None
    numbers = _float_texts(coordinates.ravel())
    positions = (
        pl.DataFrame({"x": numbers.gather_every(2), "y": numbers.gather_every(2, offset=1)})
        .select(pl.concat_str([pl.lit("["), "x", pl.lit(","), "y", pl.lit("]")]))
        .to_series()
        .to_list()
    )
    ring_texts = [
        "[" + ",".join(positions[start:end]) + "]"
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True)
    ]
    polygon_texts = []
    first = 0
    for count in ring_counts:
        polygon_texts.append("[" + ",".join(ring_texts[first : first + count]) + "]")
        first += count
    texts: list[str | None] = []
    first = 0
    counts = iter(polygon_counts)
    for kind in kinds:
        if kind is None:
            texts.append(None)
        elif kind == "Polygon":
            texts.append('{"type":"Polygon","coordinates":' + polygon_texts[first] + "}")
            first += next(counts)
        else:
            count = next(counts)
            joined = ",".join(polygon_texts[first : first + count])
            texts.append('{"type":"MultiPolygon","coordinates":[' + joined + "]}")
            first += count
    return texts


def _float_texts(values: np.ndarray) -> pl.Series:
    """Each number as Python's repr writes it (and json.dumps with it). polars writes the same
    shortest round-trip digits, but positionally where repr turns to an exponent (below 1e-4 and
    from 1e16), so those, and zero's sign, are left to repr."""
    texts = pl.Series(values).cast(pl.String)
    magnitude = np.abs(values)
    odd = np.flatnonzero((magnitude < 1e-4) | (magnitude >= 1e16))
    if odd.size:
        texts = texts.scatter(odd, [repr(value) for value in values[odd].tolist()])
    return texts


def _geojson_coordinates(geometry: Any) -> tuple[str, list]:
    """(GeoJSON type, coordinates) of one sf geometry as `rserialize.to_python` gives it."""
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
    """The layout's data frame (pandas, as `rserialize.to_python` gives it, the frame `rdata` gave
    before) and its name in the file."""
    import pandas as pd

    try:
        objects = rserialize.read_rda(path, default_encoding=layout.encoding)
    except Exception as exc:  # noqa: BLE001 - damage shows as a format error, an EOF or a codec's own
        raise _unreadable(source, path, exc)
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
    try:
        frame = rserialize.to_python(objects[name])
    except Exception as exc:  # noqa: BLE001 - a malformed object, or one pandas cannot frame
        raise _unreadable(source, path, exc)
    if not isinstance(frame, pd.DataFrame):
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: R object {name!r} is a {type(frame).__name__}, "
            "not a data frame",
            source_id=source.source_id,
            file=path.name,
        )
    return frame, name


def _unreadable(source: Source, path: Path, exc: Exception) -> PlaceindexError:
    return PlaceindexError(
        f"{source.source_id}: {path.name}: not a readable R data file ({exc}); the file may "
        "be truncated or not an .rda",
        source_id=source.source_id,
        file=path.name,
    )
