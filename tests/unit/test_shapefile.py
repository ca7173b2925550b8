"""ESRI shapefiles as a published form of a boundary set: ONS's constituency boundaries of July 2024
(the real set in shared/data), reprojected from British National Grid to WGS84, and damaged sets."""

from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path

import duckdb
import pytest

from ingest.catalog import get_source
from ingest.errors import PlaceindexError
from ingest.readers import read_source
from ingest.warehouse import install_extension
from tests.conftest import real_file

SOURCE = get_source("ons__pcon24_boundaries")
SHP = "PCON_JULY_2024_UK_BUC.shp"
STEM = "PCON_JULY_2024_UK_BUC"
# What the real .dbf gives these constituencies (its LONG and LAT fields: a point inside each).
BLACKPOOL_SOUTH = ("E14001105", -3.02167, 53.8071)
YNYS_MON = ("W07000112", -4.32298, 53.2793)


@pytest.fixture(scope="module")
def real_frame(shared_data):
    return read_source(SOURCE, real_file(SHP))


@pytest.fixture(scope="module")
def spatial():
    install_extension("spatial")
    con = duckdb.connect()
    con.execute("load spatial")
    yield con
    con.close()


def test_the_real_set_reads_every_constituency(real_frame):
    assert real_frame.columns == [
        "_row_number",
        "PCON24CD",
        "PCON24NM",
        "PCON24NMW",
        "geometry_geojson",
    ]
    assert real_frame.height == 650
    codes = real_frame["PCON24CD"]
    assert codes.n_unique() == 650
    assert codes.str.starts_with("E14").sum() == 543
    assert codes.str.starts_with("W07").sum() == 32
    assert real_frame["_row_number"].to_list() == list(range(1, 651))
    first = real_frame.row(0, named=True)
    assert (first["PCON24CD"], first["PCON24NM"], first["PCON24NMW"]) == (
        "E14001063",
        "Aldershot",
        None,
    )


def test_welsh_names_are_decoded_as_the_cpg_says(real_frame):
    welsh = dict(real_frame.select("PCON24CD", "PCON24NMW").rows())
    assert welsh[YNYS_MON[0]] == "Ynys Môn"
    # Blank outside Wales, and (a quirk of the file) for two Welsh constituencies.
    blank = sorted(code for code, name in welsh.items() if name is None)
    assert len(blank) == 650 - 30
    assert [code for code in blank if code.startswith("W")] == ["W07000097", "W07000102"]


def test_boundaries_are_reprojected_to_longitude_latitude(real_frame, spatial):
    # GeoJSON puts longitude first: the UK lies within 9 W..2 E and 49..61 N.
    spatial.register("boundaries", real_frame.to_arrow())
    xmin, xmax, ymin, ymax, types = spatial.execute(
        """
        select
            min(st_xmin(g)), max(st_xmax(g)), min(st_ymin(g)), max(st_ymax(g)),
            list(distinct st_geometrytype(g)::varchar order by 1)
        from (select st_geomfromgeojson(geometry_geojson) as g from boundaries)
        """
    ).fetchone()
    assert -9 < xmin < xmax < 2 and 49 < ymin < ymax < 61
    assert sorted(types) == ["MULTIPOLYGON", "POLYGON"]
    for code, longitude, latitude in (BLACKPOOL_SOUTH, YNYS_MON):
        inside, swapped = spatial.execute(
            """
            select
                st_contains(st_geomfromgeojson(geometry_geojson), st_point(?, ?)),
                st_contains(st_geomfromgeojson(geometry_geojson), st_point(?, ?))
            from boundaries where "PCON24CD" = ?
            """,
            [longitude, latitude, latitude, longitude, code],
        ).fetchone()
        assert (inside, swapped) == (True, False), code


def test_every_published_inside_point_lies_in_its_reprojected_boundary(real_frame, spatial):
    # LONG and LAT as the .dbf holds them, read without the reader.
    spatial.register("boundaries", real_frame.to_arrow())
    outside = spatial.execute(
        """
        select count(*), count(*) filter (
            where not st_contains(st_geomfromgeojson(b.geometry_geojson), st_point(p.LONG, p.LAT))
        )
        from st_read(?) as p join boundaries as b on b."PCON24CD" = p.PCON24CD
        """,
        [str(real_file(SHP))],
    ).fetchone()
    assert outside == (650, 0)


# --- Damaged sets ----------------------------------------------------------------------------


@pytest.fixture()
def copy(shared_data, tmp_path) -> Path:
    """A writable copy of the real set (the published files, the .shp.xml aside)."""
    for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        target = tmp_path / f"{STEM}{suffix}"
        shutil.copyfile(real_file(f"{STEM}{suffix}"), target)
    return tmp_path / SHP


def _error(path: Path) -> str:
    with pytest.raises(PlaceindexError) as raised:
        read_source(SOURCE, path)
    return str(raised.value)


def _cut(path: Path, keep: int) -> None:
    path.write_bytes(path.read_bytes()[:keep])


def test_a_missing_companion_is_named(copy):
    copy.with_suffix(".dbf").unlink()
    assert _error(copy) == (
        f"ons__pcon24_boundaries: {SHP}: cannot be read without ['{STEM}.dbf'], expected beside "
        f"it in {copy.parent}"
    )


def test_a_truncated_shp_is_refused(copy):
    # GDAL alone would read the shapes past the cut as missing, without a word.
    _cut(copy, 300_000)
    assert _error(copy) == (
        f"ons__pcon24_boundaries: {SHP}: {SHP} has 300,000 bytes where its header says "
        "635,852; the file is truncated or damaged"
    )


def test_a_truncated_dbf_is_refused(copy):
    # GDAL alone would read 299 rows.
    _cut(copy.with_suffix(".dbf"), 50_000)
    assert _error(copy) == (
        f"ons__pcon24_boundaries: {SHP}: {STEM}.dbf has 50,000 bytes where its header's 650 "
        "records of 166 bytes need 108,189; the file is truncated"
    )


def test_files_of_two_sets_are_refused(copy):
    dbf = copy.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    data[4:8] = struct.pack("<I", 649)
    dbf.write_bytes(bytes(data))
    assert _error(copy).endswith(
        f"{STEM}.dbf holds 649 records where {STEM}.shx indexes 650 shapes; the files are not "
        "of one set"
    )


def test_an_error_page_saved_as_the_shp_is_refused(copy):
    copy.write_bytes(b"<html><body>Service unavailable</body></html>")
    assert "is not a shapefile .shp (expected a 100-byte header" in _error(copy)


def test_a_shp_whose_shapes_cannot_be_read_is_refused(copy):
    # Right length, wrong content: the first record's shape type is garbage, which GDAL reads as
    # no shape at all.
    data = bytearray(copy.read_bytes())
    data[108:112] = struct.pack("<i", 77)
    copy.write_bytes(bytes(data))
    assert _error(copy) == (
        f"ons__pcon24_boundaries: {SHP}: record 1: no shape (a null or unreadable record of the "
        ".shp); the file may be truncated"
    )


def test_a_prj_that_is_not_the_coordinates_system_is_refused(copy):
    # Easting and northing in metres read as degrees of longitude and latitude.
    copy.with_suffix(".prj").write_text(
        'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
        'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
        encoding="ascii",
    )
    assert _error(copy) == (
        f"ons__pcon24_boundaries: {SHP}: record 1: positions off the globe after reprojection to "
        "WGS84 longitude/latitude; the .prj may not be the coordinates' system"
    )


def test_text_that_is_not_the_cpgs_encoding_is_refused(copy):
    dbf = copy.with_suffix(".dbf")
    data = dbf.read_bytes()
    # Ynys Môn's 'ô' as Windows-1252 writes it, under a .cpg that says UTF-8.
    dbf.write_bytes(data.replace("Ynys Môn ".encode(), b"Ynys M\xf4n  ", 1))
    message = _error(copy)
    assert message.startswith(
        f"ons__pcon24_boundaries: {SHP}: {STEM}.dbf: record 650, field 'PCON24NM': bytes are "
        "not utf-8 (invalid continuation byte); expected the encoding its .cpg names"
    )


def test_the_cpg_decides_the_encoding(copy):
    dbf = copy.with_suffix(".dbf")
    dbf.write_bytes(dbf.read_bytes().replace("Ynys Môn ".encode(), b"Ynys M\xf4n  "))
    copy.with_suffix(".cpg").write_bytes(b"1252")
    frame = read_source(SOURCE, copy)
    names = dict(frame.select("PCON24CD", "PCON24NM").rows())
    assert names[YNYS_MON[0]] == "Ynys Môn"
    copy.with_suffix(".cpg").write_bytes(b"KOI-9")
    assert _error(copy).endswith(
        f"{STEM}.cpg names the encoding 'KOI-9', which is not one known here"
    )


def test_a_set_without_a_crs_is_refused(copy):
    # Without the companion check (a layout that does not list the .prj), the reader still needs
    # a CRS to place the shapes.
    from dataclasses import replace

    layout = replace(SOURCE.layout_for(SHP), companions=(".shx", ".dbf", ".cpg"))
    source = replace(SOURCE, layouts=(SOURCE.default_layout, layout))
    copy.with_suffix(".prj").unlink()
    with pytest.raises(PlaceindexError) as raised:
        read_source(source, copy)
    assert "declares no coordinate reference system (expected a .prj beside it" in str(raised.value)


def test_a_catalog_field_missing_from_the_dbf_is_named(copy):
    from dataclasses import replace

    from ingest.catalog import Column

    columns = (*SOURCE.columns[:-1], Column("PCON25CD"), SOURCE.columns[-1])
    with pytest.raises(PlaceindexError) as raised:
        read_source(replace(SOURCE, columns=columns), copy)
    assert str(raised.value).startswith(
        f"ons__pcon24_boundaries: {SHP}: missing column(s) ['PCON25CD']; its {STEM}.dbf has "
        "['PCON24CD', 'PCON24NM', 'PCON24NMW', 'BNG_E', 'BNG_N', 'LONG', 'LAT', 'GlobalID']"
    )


def test_the_geojson_is_compact_with_its_type_first(real_frame):
    text = real_frame["geometry_geojson"][0]
    assert text.startswith('{"type":"Polygon","coordinates":[[[')
    assert json.loads(text)["type"] == "Polygon"
