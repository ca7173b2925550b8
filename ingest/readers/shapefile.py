"""ESRI shapefiles as a published form of a boundary set: the `.shp` (shapes), read with the files
published beside it, `.shx` (index), `.dbf` (attributes), `.prj` (coordinate reference system) and
`.cpg` (the attributes' encoding), which landing keeps together (the layout's `companions`).

The shapes are read with DuckDB spatial's ST_Read (GDAL), the extension loaded from its PyPI wheel,
never downloaded; the `.dbf` here, decoded in the encoding the `.cpg` names (the layout's
`encoding` where there is no `.cpg`), since GDAL passes on as they are bytes it cannot recode. One
row per record not marked deleted: the `.dbf` fields the catalog names, under the publisher's
field names, and the shape as GeoJSON text in `geometry_geojson`, reprojected from the CRS the
`.prj` declares (British National Grid for ONS) to WGS84 longitude/latitude, longitude first as
GeoJSON orders it (PROJ's EPSG:4326 is latitude first; `always_xy` keeps x = longitude). Without
the OSTN15 grid, which the extension does not ship, PROJ shifts the OSGB36 datum with the published
7-parameter Helmert transformation, good to a few metres: far below the 500 m generalisation of
the boundaries read this way. Rings keep the shapefile's winding (exteriors clockwise), which ONS's
own GeoJSON downloads keep too; the project's boundary sources are not all wound alike (the R
packages' are not), so a map that cares about winding rewinds whatever it draws.

GDAL is lenient with damaged sets (a truncated `.shp` reads as shapes missing, a truncated `.dbf`
as rows missing), so the headers of the three binary files are checked against their sizes and one
another first, and a shape GDAL cannot read is an error naming its record.
`_row_number` is the record's position in the file, counted from 1.
"""

from __future__ import annotations

import codecs
import re
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from ingest.catalog import GEOMETRY_COLUMN, ROW_NUMBER, FileLayout, Source
from ingest.errors import PlaceindexError
from ingest.readers.tabular import cast_columns, header_positions

# The layout fields this module honours (the GeoJSON reader declares them for its shp layouts).
LAYOUT_FIELDS = frozenset({"companions", "encoding"})

# The main-file header of a .shp or .shx: file code 9994, then the file's length in 16-bit words.
_FILE_CODE = 9994
_HEADER_BYTES = 100
_SHX_RECORD_BYTES = 8

Error = Callable[..., PlaceindexError]


def read_shapefile(source: Source, layout: FileLayout, path: Path) -> pl.DataFrame:
    """The shapefile set at `path` as the source's table: `_row_number`, the catalog's columns."""

    def error(detail: str, **where: Any) -> PlaceindexError:
        return PlaceindexError(
            f"{source.source_id}: {path.name}: {detail}",
            source_id=source.source_id,
            file=path.name,
            **where,
        )

    sibling = _siblings(path, layout, error)
    _check_structure(path, sibling[".shx"], sibling[".dbf"], error)
    encoding = _encoding(layout, sibling.get(".cpg"), error)
    wanted = [column.header for column in source.columns if column.header != GEOMETRY_COLUMN]
    attributes = _read_dbf(source, path, sibling[".dbf"], wanted, encoding, error)
    shapes = _read_shapes(path, error)
    if shapes[ROW_NUMBER].to_list() != attributes[ROW_NUMBER].to_list():
        raise error(
            f"GDAL read {shapes.height} shapes where {sibling['.dbf'].name} holds "
            f"{attributes.height} records; the files are not of one set"
        )
    for number, text, on_globe in shapes.rows():
        _check_geometry(text, on_globe, number, layout, error)
    table = attributes.with_columns(shapes[GEOMETRY_COLUMN])
    return cast_columns(source, path, table, lambda row: f"record {row[ROW_NUMBER]}")


def _siblings(path: Path, layout: FileLayout, error: Error) -> dict[str, Path]:
    """The set's files beside the .shp, by suffix; an error naming the first one missing. The
    .shx and .dbf are needed whatever the layout lists."""
    stem = path.name[: len(path.name) - len(path.suffix)]
    found = {
        suffix: path.with_name(stem + suffix) for suffix in (*layout.companions, ".shx", ".dbf")
    }
    missing = [file.name for file in found.values() if not file.is_file()]
    if missing:
        raise error(f"cannot be read without {missing}, expected beside it in {path.parent}")
    return found


def _check_structure(shp: Path, shx: Path, dbf: Path, error: Error) -> None:
    """An error unless the .shp and .shx are as long as their headers say, and the .dbf holds
    (at least the bytes of) as many records as the .shx indexes. GDAL alone reads a truncated
    .shp as shapes missing and a truncated .dbf as records missing, without a word."""
    for file in (shp, shx):
        head = file.read_bytes()[:_HEADER_BYTES]
        size = file.stat().st_size
        if len(head) < _HEADER_BYTES or struct.unpack(">i", head[:4])[0] != _FILE_CODE:
            raise error(
                f"{file.name} is not a shapefile {file.suffix} (expected a 100-byte header "
                f"starting with the file code {_FILE_CODE}); the file may be truncated or an "
                "error page"
            )
        declared = struct.unpack(">i", head[24:28])[0] * 2
        if declared != size:
            raise error(
                f"{file.name} has {size:,} bytes where its header says {declared:,}; the file "
                "is truncated or damaged"
            )
    records = (shx.stat().st_size - _HEADER_BYTES) // _SHX_RECORD_BYTES
    head = dbf.read_bytes()[:32]
    if len(head) < 32 or head[0] & 0x07 != 0x03:
        raise error(f"{dbf.name} is not a dBASE table (expected a 32-byte dBASE III header)")
    count, header_bytes, record_bytes = struct.unpack("<IHH", head[4:12])
    size = dbf.stat().st_size
    if size < header_bytes + count * record_bytes:
        raise error(
            f"{dbf.name} has {size:,} bytes where its header's {count} records of "
            f"{record_bytes} bytes need {header_bytes + count * record_bytes:,}; the file is "
            "truncated"
        )
    if count != records:
        raise error(
            f"{dbf.name} holds {count} records where {shx.name} indexes {records} shapes; the "
            "files are not of one set"
        )


def _encoding(layout: FileLayout, cpg: Path | None, error: Error) -> str:
    """The Python codec of the .dbf's text: the one the .cpg names, else the layout's."""
    text = layout.encoding
    if cpg is not None:
        text = cpg.read_bytes().decode("ascii", errors="replace").strip()
    # ESRI writes code pages as numbers ('1252', 'ANSI 1252', '88591').
    number = re.fullmatch(r"(?:ANSI\s*)?(\d+)", text, flags=re.IGNORECASE)
    if number:
        digits = number.group(1)
        text = f"iso-8859-{digits[4:]}" if digits.startswith("8859") else f"cp{digits}"
    try:
        return codecs.lookup(text).name
    except LookupError:
        where = cpg.name if cpg is not None else "the layout"
        raise error(f"{where} names the encoding {text!r}, which is not one known here") from None


def _read_dbf(
    source: Source, path: Path, dbf: Path, wanted: list[str], encoding: str, error: Error
) -> pl.DataFrame:
    """The `wanted` fields of every record not marked deleted, as text under the catalog's
    headers (blank = null, text right-trimmed and numbers trimmed as dBASE pads them), with
    `_row_number`."""
    data = dbf.read_bytes()
    count, header_bytes, record_bytes = struct.unpack("<IHH", data[4:12])
    fields: list[tuple[str, str, int, int]] = []  # name, type, offset in the record, width
    offset = 1  # after the deletion flag
    for start in range(32, header_bytes - 1, 32):
        descriptor = data[start : start + 32]
        if descriptor[:1] == b"\r":
            break
        name = descriptor[:11].split(b"\0", 1)[0].decode(encoding, errors="replace")
        fields.append((name, chr(descriptor[11]), offset, descriptor[16]))
        offset += descriptor[16]
    positions = header_positions(
        source, path, [field[0] for field in fields], f"its {dbf.name}", columns=wanted
    )
    chosen = [(header, fields[at]) for header, at in positions.items()]
    rows: dict[str, list] = {name: [] for name in (ROW_NUMBER, *wanted)}
    for index in range(count):
        record = data[
            header_bytes + index * record_bytes : header_bytes + (index + 1) * record_bytes
        ]
        if record[:1] == b"*":
            continue
        rows[ROW_NUMBER].append(index + 1)
        for header, (name, kind, at, width) in chosen:
            raw = record[at : at + width]
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise error(
                    f"{dbf.name}: record {index + 1}, field {name!r}: bytes are not {encoding} "
                    f"({exc.reason}); expected the encoding its .cpg names",
                    row=index + 1,
                    column=header,
                )
            text = text.rstrip(" \0") if kind == "C" else text.strip(" \0*")
            rows[header].append(text or None)
    return pl.DataFrame(rows, schema={ROW_NUMBER: pl.Int64} | dict.fromkeys(wanted, pl.String))


def _read_shapes(path: Path, error: Error) -> pl.DataFrame:
    """`_row_number`, each record's shape as WGS84 GeoJSON text, and whether it lies on the globe
    (a position PROJ could not place is infinite, and NaN fails `between` as well)."""
    con = _spatial_connection()
    try:
        crs = _crs(con, path, error)
        return con.execute(
            f"""
            with shapes as (
                select
                    OGC_FID + 1 as {ROW_NUMBER},
                    st_transform(geom, ?, 'EPSG:4326', always_xy := true) as shape
                from st_read(?)
            )
            select
                {ROW_NUMBER},
                st_asgeojson(shape)::varchar as {GEOMETRY_COLUMN},
                st_xmin(shape) between -180 and 180 and st_xmax(shape) between -180 and 180
                and st_ymin(shape) between -90 and 90 and st_ymax(shape) between -90 and 90
                    as on_globe
            from shapes
            order by {ROW_NUMBER}
            """,
            [crs, str(path)],
        ).pl()
    except duckdb.Error as exc:
        raise error(f"not a readable ESRI shapefile set ({exc})")
    finally:
        con.close()


def _spatial_connection() -> duckdb.DuckDBPyConnection:
    from ingest.warehouse import install_extension

    install_extension("spatial")
    con = duckdb.connect()
    con.execute("load spatial")
    return con


def _crs(con: duckdb.DuckDBPyConnection, path: Path, error: Error) -> str:
    """The CRS the .prj declares, as PROJ takes it ('EPSG:27700'); an error where there is none."""
    row = con.execute(
        "select layers[1].geometry_fields[1].crs from st_read_meta(?)", [str(path)]
    ).fetchone()
    crs = row[0] if row else None
    if not crs or not (crs.get("auth_code") or crs.get("wkt")):
        raise error(
            "declares no coordinate reference system (expected a .prj beside it, such as "
            "British National Grid's); its coordinates cannot be placed on a map"
        )
    if crs.get("auth_name") and crs.get("auth_code"):
        return f"{crs['auth_name']}:{crs['auth_code']}"
    return crs["wkt"]


def _check_geometry(
    text: str | None, on_globe: bool | None, number: int, layout: FileLayout, error: Error
) -> None:
    """An error for a record without a shape, placed off the globe by the reprojection, or of a
    type the layout does not allow."""
    if text is None:
        raise error(
            f"record {number}: no shape (a null or unreadable record of the .shp); the file "
            "may be truncated",
            row=number,
            column=GEOMETRY_COLUMN,
        )
    if not on_globe:
        raise error(
            f"record {number}: positions off the globe after reprojection to WGS84 "
            "longitude/latitude; the .prj may not be the coordinates' system",
            row=number,
            column=GEOMETRY_COLUMN,
        )
    kind = re.match(r'\{"type":"(\w+)"', text)
    if kind is None or kind.group(1) not in layout.geometry_types:
        found = kind.group(1) if kind else "unknown"
        raise error(
            f"record {number}: a {found} shape where {' or '.join(layout.geometry_types)} is "
            "expected",
            row=number,
            column=GEOMETRY_COLUMN,
        )
