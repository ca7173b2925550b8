"""R data files as a published form of a table: small .rda files written here (long frames and R
`sf` boundary frames), and bad ones."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pytest
import rdata

from ingest.catalog import Source
from ingest.catalog.load import CatalogError, load_family
from ingest.errors import PlaceindexError
from ingest.readers import read_source
from ingest.warehouse import install_extension

ENTRY = """
[[sources]]
source_id = "example__ethnicity"
title = "Ethnic group by LSOA"
publisher = "Example"
url = "https://example.org/census2021-ts021.zip"
landing_page = "https://example.org/"
licence = "Open Government Licence v3.0"
attribution = "Example"
vintage = "2021"
geography = "LSOA 2021"
release_cadence = "every ten years"
reader = "tabular"
key = ["geography code"]
columns = [
  { header = "date", read = false },
  { header = "geography code" },
  { header = "Ethnic group: Total: All usual residents", dtype = "int" },
  { header = "Ethnic group: Asian", dtype = "int" },
  { header = "Ethnic group: White", dtype = "int" },
]

[[sources.layouts]]
file_name = "census2021-ts021-lsoa.csv"
format = "csv"

[[sources.layouts]]
file_name = "ethnicity.rda"
format = "rda"
rda_columns = { "geography code" = "lsoa21_code", "Ethnic group: Total: All usual residents" = \
"total_residents" }
rda_names_from = "ethnic_group"
rda_values_from = "n"
rda_header_prefix = "Ethnic group: "
"""


def source(tmp_path: Path, text: str = ENTRY) -> Source:
    path = tmp_path / "census.toml"
    path.write_text(text.replace("\\\n", ""), encoding="utf-8")
    (found,) = load_family(path)
    return found


def text(*values: str) -> pd.Series:
    # As R strings: rdata writes python-backed string arrays, not pandas' default Arrow ones.
    return pd.Series(values, dtype="string[python]")


def long_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lsoa21_code": text("E01000002", "E01000002", "E01000001", "E01000001"),
            "total_residents": [10.0, 10.0, 7.0, 7.0],
            "ethnic_group": text("Asian", "White", "Asian", "White"),
            "n": [4.0, 6.0, 1.0, 6.0],
            "prop": [0.4, 0.6, 1 / 7, 6 / 7],
        }
    )


def write_rda(path: Path, objects: dict[str, pd.DataFrame]) -> Path:
    rdata.write_rda(path, objects)
    return path


def test_a_long_frame_reads_as_the_publishers_wide_table(tmp_path):
    entry = source(tmp_path)
    path = write_rda(tmp_path / "ethnicity.rda", {"ethnicity21_lsoa21": long_frame()})
    frame = read_source(entry, path)
    assert frame.columns == [
        "_row_number",
        "geography code",
        "Ethnic group: Total: All usual residents",
        "Ethnic group: Asian",
        "Ethnic group: White",
    ]
    # Areas in the frame's order, numbered from 1; counts typed as the catalog says.
    assert frame.rows() == [(1, "E01000002", 10, 4, 6), (2, "E01000001", 7, 1, 6)]
    assert frame.schema["Ethnic group: Asian"] == pl.Int64


def test_a_header_suffix_the_package_stripped_is_added_back(tmp_path):
    # Nomis ends some tables' headers with '; measures: Value' (TS011); packages strip it.
    suffixed = ENTRY.replace("Ethnic group: Asian", "Ethnic group: Asian; measures: Value").replace(
        "Ethnic group: White", "Ethnic group: White; measures: Value"
    )
    entry = source(tmp_path, suffixed + 'rda_header_suffix = "; measures: Value"\n')
    path = write_rda(tmp_path / "ethnicity.rda", {"x": long_frame()})
    frame = read_source(entry, path)
    assert frame.columns[-2:] == [
        "Ethnic group: Asian; measures: Value",
        "Ethnic group: White; measures: Value",
    ]
    assert frame.rows() == [(1, "E01000002", 10, 4, 6), (2, "E01000001", 7, 1, 6)]


def test_a_missing_r_column_is_named_with_what_the_frame_has(tmp_path):
    entry = source(tmp_path)
    path = write_rda(tmp_path / "ethnicity.rda", {"x": long_frame().rename(columns={"n": "count"})})
    with pytest.raises(PlaceindexError) as error:
        read_source(entry, path)
    assert str(error.value) == (
        "example__ethnicity: ethnicity.rda: R data frame 'x' has no column(s) ['n']; it has "
        "['lsoa21_code', 'total_residents', 'ethnic_group', 'count', 'prop']"
    )


def test_two_rows_for_one_area_and_category_are_an_error(tmp_path):
    entry = source(tmp_path)
    doubled = pd.concat([long_frame(), long_frame().iloc[:1]], ignore_index=True)
    path = write_rda(tmp_path / "ethnicity.rda", {"x": doubled})
    with pytest.raises(PlaceindexError, match="more than one row for an area and 'ethnic_group'"):
        read_source(entry, path)


def test_a_file_of_several_objects_needs_the_layout_to_name_one(tmp_path):
    entry = source(tmp_path)
    path = write_rda(tmp_path / "ethnicity.rda", {"a": long_frame(), "b": long_frame()})
    with pytest.raises(PlaceindexError) as error:
        read_source(entry, path)
    assert str(error.value) == (
        "example__ethnicity: ethnicity.rda: holds 2 R objects (['a', 'b']); the layout must name "
        "one (rda_object)"
    )
    named = source(tmp_path, ENTRY.replace('format = "rda"', 'format = "rda"\nrda_object = "b"'))
    assert read_source(named, path).height == 2


def test_a_truncated_file_is_a_clear_error(tmp_path):
    entry = source(tmp_path)
    path = write_rda(tmp_path / "ethnicity.rda", {"x": long_frame()})
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(PlaceindexError) as error:
        read_source(entry, path)
    assert str(error.value) == (
        "example__ethnicity: ethnicity.rda: not a readable R data file (its gzip compression is "
        "damaged or truncated: Compressed file ended before the end-of-stream marker was "
        "reached); the file may be truncated or not an .rda"
    )
    # Saved uncompressed, and cut in its row names (R's compact 0:3, three numbers).
    rdata.write_rda(path, {"x": long_frame()}, compression=None)
    whole = path.read_bytes()
    path.write_bytes(whole[:-30])
    with pytest.raises(PlaceindexError) as error:
        read_source(entry, path)
    assert str(error.value) == (
        f"example__ethnicity: ethnicity.rda: not a readable R data file (it ends at byte "
        f"{len(whole) - 30}, in the middle of a vector of 3 values); the file may be truncated "
        "or not an .rda"
    )


def test_a_file_that_is_no_r_data_is_a_clear_error(tmp_path):
    entry = source(tmp_path)
    path = tmp_path / "ethnicity.rda"
    path.write_text("lsoa21_code,n\nE01000001,4\n", encoding="utf-8")
    with pytest.raises(PlaceindexError) as error:
        read_source(entry, path)
    assert str(error.value) == (
        "example__ethnicity: ethnicity.rda: not a readable R data file (it does not start with an "
        "R data header (RDX2/RDX3); it starts b'lsoa2'); the file may be truncated or not an .rda"
    )


def test_an_r_object_that_is_no_data_frame_is_named(tmp_path):
    entry = source(tmp_path)
    path = write_rda(tmp_path / "ethnicity.rda", {"x": np.array([1.0, 2.0])})
    with pytest.raises(PlaceindexError) as error:
        read_source(entry, path)
    assert str(error.value) == (
        "example__ethnicity: ethnicity.rda: R object 'x' is a ndarray, not a data frame"
    )


def test_an_na_count_is_an_empty_cell(tmp_path):
    entry = source(tmp_path)
    frame = long_frame()
    frame.loc[1, "n"] = np.nan
    path = write_rda(tmp_path / "ethnicity.rda", {"x": frame})
    assert read_source(entry, path).rows() == [
        (1, "E01000002", 10, 4, None),
        (2, "E01000001", 7, 1, 6),
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('rda_values_from = "n"\n', ""), "rda_names_from and rda_values_from go together"),
        (('"geography code" = "lsoa21_code"', '"code" = "lsoa21_code"'), "no published column"),
        (('format = "csv"', 'format = "csv"\nrda_object = "x"'), "belong to an R data layout"),
    ],
)
def test_a_bad_r_data_layout_is_refused(tmp_path, change, message):
    old, new = change
    with pytest.raises(CatalogError, match=message):
        source(tmp_path, ENTRY.replace(old, new, 1))


# --- R `sf` data frames: boundaries, their geometry column read as GeoJSON text ---------------

SF_ENTRY = """
[[sources]]
source_id = "example__boundaries"
title = "Boundaries"
publisher = "Example"
url = "https://example.org/boundaries.geojson"
landing_page = "https://example.org/"
licence = "Open Government Licence v3.0"
attribution = "Example"
vintage = "2021"
geography = "LSOA 2021"
release_cadence = "every ten years"
reader = "tabular"
key = ["LSOA21CD"]
columns = [
  { header = "LSOA21CD" },
  { header = "LSOA21NM" },
  { header = "geometry_geojson" },
]

[[sources.layouts]]
file_name = "boundaries.csv"
format = "csv"

[[sources.layouts]]
file_name = "boundaries.rda"
format = "rda"
rda_columns = { LSOA21CD = "lsoa21_code", LSOA21NM = "lsoa21_name", geometry_geojson = "geometry" }
rda_geometry = "geometry"
"""

# A ring as sf stores it: an n x 2 matrix of longitude, latitude, closed (last row = first).
OUTER = np.array([[-2.5, 53.4], [-2.3, 53.4], [-2.3, 53.5], [-2.5, 53.5], [-2.5, 53.4]])
HOLE = np.array([[-2.45, 53.42], [-2.45, 53.45], [-2.4, 53.45], [-2.4, 53.42], [-2.45, 53.42]])
ISLAND = np.array([[-2.2, 53.4], [-2.1, 53.4], [-2.1, 53.45], [-2.2, 53.4]])


def _sf_frame(data: pd.DataFrame, converter) -> object:
    """An R `sf` data frame as sf saves one: a list column of geometries, each nested lists of
    coordinate matrices (a MULTIPOLYGON a list of polygons, a POLYGON a list of rings), and the
    sf class and sf_column attributes. rdata's own data frame writer takes no list column."""
    from rdata.conversion.to_r import R_INT_NA, build_r_object, convert_pd_array_to_np_array
    from rdata.parser import RObjectType

    values = [
        converter.convert_to_r_object(
            list(series) if series.dtype == object else convert_pd_array_to_np_array(series.array)
        )
        for _, series in data.items()
    ]
    row_names = np.ma.array(data=[R_INT_NA, -len(data)], mask=[True, False], fill_value=R_INT_NA)
    attributes = converter.convert_to_r_attributes(
        {
            "names": np.array(list(data.columns), dtype="U"),
            "class": np.array(["sf", "data.frame"], dtype="U"),
            "row.names": row_names,
            "sf_column": np.array(["geometry"], dtype="U"),
        }
    )
    return build_r_object(RObjectType.VEC, value=values, is_object=True, attributes=attributes)


def write_sf_rda(path: Path, geometries: list, codes: tuple[str, ...] | None = None) -> Path:
    from rdata.conversion.to_r import DEFAULT_CLASS_MAP

    codes = codes or tuple(f"E0100000{n}" for n in range(1, len(geometries) + 1))
    frame = pd.DataFrame(
        {
            "lsoa21_code": text(*codes),
            "lsoa21_name": text(*(f"Example 001{chr(64 + n)}" for n in range(1, len(codes) + 1))),
            "geometry": pd.Series(geometries, dtype=object),
        }
    )
    rdata.write_rda(
        path, {"boundaries": frame}, constructor_dict={**DEFAULT_CLASS_MAP, pd.DataFrame: _sf_frame}
    )
    return path


def test_an_sf_frame_reads_its_geometry_as_geojson_text(tmp_path):
    entry = source(tmp_path, SF_ENTRY)
    # A MULTIPOLYGON of a polygon with a hole and an island, then a POLYGON.
    path = write_sf_rda(tmp_path / "boundaries.rda", [[[OUTER, HOLE], [ISLAND]], [OUTER + 1]])
    frame = read_source(entry, path)
    assert frame.columns == ["_row_number", "LSOA21CD", "LSOA21NM", "geometry_geojson"]
    assert frame.rows()[0][:3] == (1, "E01000001", "Example 001A")
    first, second = frame.get_column("geometry_geojson").to_list()
    assert first == (
        '{"type":"MultiPolygon","coordinates":[[[[-2.5,53.4],[-2.3,53.4],[-2.3,53.5],[-2.5,53.5],'
        "[-2.5,53.4]],[[-2.45,53.42],[-2.45,53.45],[-2.4,53.45],[-2.4,53.42],[-2.45,53.42]]],"
        "[[[-2.2,53.4],[-2.1,53.4],[-2.1,53.45],[-2.2,53.4]]]]}"
    )
    assert json.loads(second) == {
        "type": "Polygon",
        "coordinates": [(OUTER + 1).tolist()],
    }


def test_the_geojson_is_what_duckdb_spatial_reads_as_the_boundary(tmp_path):
    install_extension("spatial")
    entry = source(tmp_path, SF_ENTRY)
    path = write_sf_rda(tmp_path / "boundaries.rda", [[[OUTER, HOLE], [ISLAND]], [OUTER + 1]])
    frame = read_source(entry, path)
    con = duckdb.connect()
    con.execute("load spatial")
    con.register("boundaries", frame.to_arrow())
    found = con.execute(
        """
        select
            "LSOA21CD",
            st_geometrytype(st_geomfromgeojson(geometry_geojson))::varchar,
            st_isvalid(st_geomfromgeojson(geometry_geojson)),
            -- inside the outer ring, inside the hole, on the island (longitude, latitude)
            st_contains(st_geomfromgeojson(geometry_geojson), st_point(-2.35, 53.48)),
            st_contains(st_geomfromgeojson(geometry_geojson), st_point(-2.42, 53.44)),
            st_contains(st_geomfromgeojson(geometry_geojson), st_point(-2.15, 53.41))
        from boundaries order by 1
        """
    ).fetchall()
    assert found == [
        ("E01000001", "MULTIPOLYGON", True, True, False, True),
        ("E01000002", "POLYGON", True, False, False, False),
    ]


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        (OUTER, r"row 2, column 'geometry': .*a coordinate matrix of shape \(5, 2\)"),
        ([[]], "row 2, column 'geometry': a polygon must be a non-empty list of rings"),
        ([], "row 2, column 'geometry': .*found an empty geometry"),
        ([OUTER[:-1]], "row 2, column 'geometry': a polygon ring must be closed"),
        (
            [np.where(OUTER == -2.3, np.nan, OUTER)],
            "row 2, column 'geometry': a coordinate is not a finite number",
        ),
    ],
)
def test_a_geometry_that_is_no_boundary_is_named_by_its_row(tmp_path, geometry, message):
    entry = source(tmp_path, SF_ENTRY)
    path = write_sf_rda(tmp_path / "boundaries.rda", [[[OUTER]], geometry])
    with pytest.raises(PlaceindexError, match=r"^example__boundaries: boundaries.rda: " + message):
        read_source(entry, path)


def test_a_geometry_column_paired_with_no_published_column_is_an_error(tmp_path):
    entry = source(
        tmp_path,
        SF_ENTRY.replace(', geometry_geojson = "geometry" }', " }").replace(
            '{ header = "geometry_geojson" },', ""
        ),
    )
    path = write_sf_rda(tmp_path / "boundaries.rda", [[[OUTER]]])
    with pytest.raises(PlaceindexError) as error:
        read_source(entry, path)
    assert str(error.value) == (
        "example__boundaries: boundaries.rda: the geometry column 'geometry' is paired with no "
        "published column in rda_columns"
    )
