"""The current wards (May 2024), rurality (RUC 2021), the national boundaries and the points placed in
them, checked on the real refresh's published warehouse as a user would check them: row counts,
England and Wales totals, the published class counts, and values computed by hand from the real files
(the R data frames read with `rdata` alone, the Census CSV with the csv module)."""

from __future__ import annotations

import csv
import warnings

import pytest

from ingest.warehouse import install_extension
from tests.conftest import real_file
from tests.integration import scalar


def _rda(name: str):
    """The R package's data frame, read with rdata alone."""
    import rdata

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # tibble and sf classes read as data.frame
        (frame,) = rdata.read_rda(real_file(name)).values()
    return frame


@pytest.fixture(scope="module")
def spatial(real_db):
    install_extension("spatial")
    real_db.execute("load spatial")
    return real_db


# --- Wards of May 2024 and districts of 2024 --------------------------------------------------


def test_every_lsoa_has_a_ward_and_a_district_of_2024(real_db):
    assert scalar(real_db, "select count(*) from raw.ons__lsoa21_ward24_lad24") == 35_672
    counts = real_db.execute(
        "select count(*), count(ward24_code), count(ward24_name), count(lad24_code), "
        "count(distinct ward24_code), count(distinct lad24_code), "
        "count(distinct lad24_code) filter (where lad24_code like 'E%'), "
        "count(distinct lad24_code) filter (where lad24_code like 'W%') from marts.dim_lsoa21"
    ).fetchone()
    assert counts == (35_672, 35_672, 35_672, 35_672, 7_536, 318, 296, 22)


def _as_meant(name: str) -> str:
    """A name the publisher saved as UTF-8 read as code page 850, read back as it was meant."""
    return name.encode("cp850").decode("utf-8") if ("├" in name or "┼" in name) else name


def test_the_wards_are_the_r_files_lsoa_by_lsoa(real_db):
    lookup = _rda("lookup_lsoa21_ward24_ltla24.rda")
    # The file carries the ONS lookup's one mis-encoded ward name ('Llandyg├íi'), repaired.
    assert sum("├" in name for name in lookup["ward24_name"]) == 1
    expected = {
        (
            row.lsoa21_code,
            row.ward24_code,
            _as_meant(row.ward24_name),
            row.ltla24_code,
            row.ltla24_name,
        )
        for row in lookup.itertuples()
    }
    found = set(
        real_db.execute(
            "select lsoa21_code, ward24_code, ward24_name, lad24_code, lad24_name "
            "from marts.dim_lsoa21"
        ).fetchall()
    )
    assert found == expected
    # The file's first row, as a user reads it.
    assert (
        "E01012049",
        "E05009861",
        "Ladgate",
        "E06000002",
        "Middlesbrough",
    ) in found


def test_ward24_rollup_reconciles_with_england_and_wales(real_db):
    by_country = real_db.execute(
        "select left(ward24_code, 1), count(*), sum(lsoa_count), sum(usual_residents), "
        "sum(households) from marts.ward24_indicators group by 1 order by 1"
    ).fetchall()
    countries = real_db.execute(
        "select left(ctry_code, 1), lsoa_count, usual_residents, households "
        "from marts.country_indicators order by 1"
    ).fetchall()
    assert [row[0:2] for row in by_country] == [("E", 6_784), ("W", 752)]
    assert [(row[0], *row[2:]) for row in by_country] == countries
    assert [row[2] for row in by_country] == [33_755, 1_917]


def test_a_named_wards_residents_are_its_lsoas_census_residents(real_db):
    # Longsight, Manchester: its LSOAs by the R lookup, their usual residents by the Census CSV.
    lookup = _rda("lookup_lsoa21_ward24_ltla24.rda")
    lsoas = set(lookup.loc[lookup["ward24_code"] == "E05011370", "lsoa21_code"])
    with real_file("census2021-ts016-lsoa.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    code, total = rows[0].index("geography code"), 3
    assert rows[0][total].startswith("Length of residence in the UK: Total")
    residents = sum(int(row[total]) for row in rows[1:] if row[code] in lsoas)
    found = real_db.execute(
        "select ward24_name, lad24_name, lsoa_count, usual_residents "
        "from marts.ward24_indicators where ward24_code = 'E05011370'"
    ).fetchone()
    assert found == ("Longsight", "Manchester", len(lsoas), residents)
    assert len(lsoas) == 10


# --- Rural Urban Classification 2021 ------------------------------------------------------------


def test_rurality_has_the_published_class_counts(real_db):
    assert scalar(real_db, "select count(*) from raw.ons__ruc21_lsoa21") == 35_672
    counts = dict(
        real_db.execute("select ruc21_code, count(*) from marts.dim_lsoa21 group by 1").fetchall()
    )
    # ONS's counts for LSOAs 2021 in England and Wales.
    assert counts == {
        "UN1": 27_106,
        "UF1": 2_451,
        "RLN1": 2_127,
        "RSN1": 1_735,
        "RSF1": 1_232,
        "RLF1": 1_021,
    }
    assert scalar(real_db, "select count(*) from marts.dim_lsoa21 where is_rural") == 6_115


def test_rurality_is_the_r_files_lsoa_by_lsoa(real_db):
    ruc = _rda("ruc21_lsoa21.rda")
    expected = {
        (row.lsoa21_code, row.ruc21_code, row.classification, row.ruc == "Rural")
        for row in ruc.itertuples()
    }
    found = set(
        real_db.execute(
            "select lsoa21_code, ruc21_code, ruc21_name, is_rural from marts.dim_lsoa21"
        ).fetchall()
    )
    assert found == expected


# --- National boundaries --------------------------------------------------------------------------


def test_boundary_row_counts(real_db):
    for table, rows in [
        ("raw.ons__lsoa21_boundaries", 35_672),
        ("raw.ons__ward23_boundaries", 8_441),
        ("raw.ons__lad24_boundaries", 361),
        ("raw.ons__pcon24_boundaries", 650),
        ("staging.stg_ons__lsoa21_boundaries", 35_672),
    ]:
        assert scalar(real_db, f"select count(*) from {table}") == rows, table
    # The boundaries cover exactly the spine's LSOAs; the districts, the 318 of England and Wales.
    assert (
        scalar(
            real_db,
            "select count(*) from staging.stg_ons__lsoa21_boundaries "
            "full join marts.dim_lsoa21 using (lsoa21_code) "
            "where stg_ons__lsoa21_boundaries.lsoa21_code is null "
            "or dim_lsoa21.lsoa21_code is null",
        )
        == 0
    )
    assert (
        scalar(
            real_db,
            "select count(*) from staging.stg_ons__lad24_boundaries where lad24_code in "
            "(select lad24_code from marts.dim_lsoa21)",
        )
        == 318
    )


def test_welsh_ward_names_are_read_as_utf8(real_db):
    assert real_db.execute(
        "select ward23_name, ward23_name_welsh from staging.stg_ons__ward23_boundaries "
        "where ward23_code = 'W05001040'"
    ).fetchone() == ("Bôn-y-maen", "Bôn-y-maen")
    # Outside Wales the Welsh name is blank (a single space in the file).
    assert (
        scalar(
            real_db,
            "select count(ward23_name_welsh) from staging.stg_ons__ward23_boundaries "
            "where ward23_code not like 'W%'",
        )
        == 0
    )


def test_every_boundary_parses_in_duckdb_spatial_and_is_valid(spatial):
    for table in ("lsoa21", "ward23", "lad24", "pcon24"):
        rows, valid, polygonal = spatial.execute(
            "select count(*), count(*) filter (where st_isvalid(geometry)), "
            "count(*) filter (where st_geometrytype(geometry)::varchar in "
            "('POLYGON', 'MULTIPOLYGON')) "
            f"from (select st_geomfromgeojson(geometry_geojson) as geometry "
            f"from staging.stg_ons__{table}_boundaries)"
        ).fetchone()
        assert rows == valid == polygonal, table


def test_constituencies_are_reprojected_from_the_national_grid(spatial):
    # The shapefile's British National Grid, read back in longitude/latitude: Blackpool South's
    # own inside point (the .dbf's LONG/LAT) lies in it, and constituencies that follow a
    # district's boundary lie in that district as the district file (WGS84) draws it.
    assert spatial.execute(
        "select pcon24_name, st_contains(st_geomfromgeojson(geometry_geojson), "
        "st_point(-3.02167, 53.8071)) from staging.stg_ons__pcon24_boundaries "
        "where pcon24_code = 'E14001105'"
    ).fetchone() == ("Blackpool South", True)
    shares = dict(
        spatial.execute(
            "select p.pcon24_name, st_area(st_intersection(p.g, l.g)) / st_area(p.g) from "
            "(select pcon24_code, pcon24_name, st_geomfromgeojson(geometry_geojson) as g "
            "from staging.stg_ons__pcon24_boundaries) as p join "
            "(select lad24_code, st_geomfromgeojson(geometry_geojson) as g "
            "from staging.stg_ons__lad24_boundaries) as l on "
            "(p.pcon24_code, l.lad24_code) in (('W07000112', 'W06000001'), "
            "('E14001105', 'E06000009'))"
        ).fetchall()
    )
    assert shares["Ynys Môn"] > 0.999  # in the Isle of Anglesey
    assert shares["Blackpool South"] > 0.995  # in Blackpool


def test_the_first_lsoa_is_the_city_of_london_in_lon_lat(spatial):
    # E01000001 'City of London 001A', a few streets north of St Paul's: longitude first.
    name, west, east, south, north = spatial.execute(
        "select lsoa21_name, st_xmin(g), st_xmax(g), st_ymin(g), st_ymax(g) from "
        "(select lsoa21_name, st_geomfromgeojson(geometry_geojson) as g "
        "from staging.stg_ons__lsoa21_boundaries where lsoa21_code = 'E01000001')"
    ).fetchone()
    assert name == "City of London 001A"
    assert -0.11 < west < east < -0.08
    assert 51.51 < south < north < 51.53


def test_the_lsoas_cover_england_and_wales_land_area(spatial):
    # The land areas ONS's Standard Area Measurements give, as commonly cited: England
    # 130,279 km2, Wales 20,779 km2. The 200 m generalisation keeps each within half a percent.
    areas = dict(
        spatial.execute(
            "select left(lsoa21_code, 1), sum(st_area_spheroid(st_flipcoordinates("
            "st_geomfromgeojson(geometry_geojson)))) / 1e6 "
            "from staging.stg_ons__lsoa21_boundaries group by 1"
        ).fetchall()
    )
    assert areas["E"] == pytest.approx(130_279, rel=0.005)
    assert areas["W"] == pytest.approx(20_779, rel=0.005)


def test_lsoa_centres_lie_in_their_own_boundaries(spatial):
    # drkane's geometric centres (of the detailed boundaries): all but a few hundred of concave or
    # coastal LSOAs lie inside their own 200 m generalised polygon.
    pairs, inside = spatial.execute(
        "select count(*), count(*) filter (where st_contains(st_geomfromgeojson("
        "boundaries.geometry_geojson), st_point(centres.longitude, centres.latitude))) "
        "from staging.stg_ons__lsoa21_boundaries as boundaries "
        "inner join staging.stg_drkane__lsoa_latlong as centres "
        "on boundaries.lsoa21_code = centres.area_code"
    ).fetchone()
    assert pairs == 35_672
    assert inside / pairs > 0.97


# --- Points placed nationally ---------------------------------------------------------------------


def test_points_are_placed_nationally_and_greater_manchester_keeps_its_own(real_db):
    placed = {
        f"{kind}: {boundary_set}": count
        for kind, boundary_set, count in real_db.execute(
            "select point_kind, boundary_set, count(*) from intermediate.int_points_in_lsoa21 "
            "group by all"
        ).fetchall()
    }
    assert placed == {
        "library_gm: Greater Manchester boundaries (20 m)": 141,
        "library_2016: Greater Manchester boundaries (20 m)": 145,
        "library_2016: national boundaries (200 m)": 2_839,
    }
    # Every open 2016 library with coordinates but two is placed: Chatham's and Mundesley's
    # points lie just outside the coastline-clipped 200 m polygons.
    unplaced = real_db.execute(
        "select library_name from staging.stg_dcms__libraries_2016_geocoded "
        "where is_open_2016 and latitude is not null and cast(library_id as varchar) not in "
        "(select point_id from intermediate.int_points_in_lsoa21 "
        "where point_kind = 'library_2016') order by 1"
    ).fetchall()
    assert unplaced == [("Chatham Library, Community Hub Chatham",), ("Mundesley Library",)]
    # Outside Greater Manchester a point lands in the LSOA whose polygon holds it.
    assert real_db.execute(
        "select lsoa21_code, lsoa21_name from intermediate.int_points_in_lsoa21 "
        "inner join staging.stg_dcms__libraries_2016_geocoded "
        "on point_id = cast(library_id as varchar) "
        "inner join marts.dim_lsoa21 using (lsoa21_code) "
        "where point_kind = 'library_2016' and library_name = 'Library of Birmingham'"
    ).fetchone() == ("E01033627", "Birmingham 137E")


def test_welsh_ward_names_read_as_published_meant(real_db):
    # The ONS lookups publish a dozen Welsh ward names mis-encoded ('Pen draw Ll┼Àn').
    names = {
        row[0]
        for row in real_db.execute(
            "select ward23_name from marts.dim_lsoa21 union select ward24_name from marts.dim_lsoa21"
        ).fetchall()
    }
    assert {"Pen draw Llŷn", "Tre-garth a Mynydd Llandygái", "Canolbarth Môn"} <= names
    assert not [name for name in names if name and ("├" in name or "┼" in name)]
