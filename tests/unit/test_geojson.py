"""GeoJSON read from the real files: Trafford Data Lab's Greater Manchester LSOA 2021 boundaries
(polygons) and OpenStreetMap's places to meet (points), and the errors a truncated or re-laid-out
file gets."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest

from ingest.catalog import get_source
from ingest.errors import PlaceindexError
from ingest.readers import read_source
from ingest.readers.geojson import GEOMETRY_COLUMN
from tests.conftest import real_file

SOURCE_ID = "trafforddatalab__gm_lsoa21_boundaries"
FILE_NAME = "gm_lsoa21_generalised.geojson"


def read(path: Path | None = None) -> pl.DataFrame:
    return read_source(get_source(SOURCE_ID), path or real_file(FILE_NAME))


@pytest.fixture(scope="module")
def real(shared_data: Path) -> pl.DataFrame:
    return read()


def _rewritten(tmp_path: Path, change) -> Path:
    """The real file with `change` applied to its parsed document, written under its own name."""
    document = json.loads(real_file(FILE_NAME).read_bytes())
    change(document)
    path = tmp_path / FILE_NAME
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_real_file_has_every_greater_manchester_lsoa(real: pl.DataFrame) -> None:
    assert real.columns == ["_row_number", "area_code", "area_name", GEOMETRY_COLUMN]
    assert real.dtypes == [pl.Int64, pl.String, pl.String, pl.String]
    assert real.height == 1_702
    assert real.get_column("_row_number").to_list() == list(range(1, 1_703))
    assert real.get_column("area_code").is_unique().all()
    bolton = real.filter(pl.col("area_name") == "Bolton 005A").row(0, named=True)
    assert bolton["_row_number"] == 1 and bolton["area_code"] == "E01004766"
    districts = real.get_column("area_name").str.replace(r" \d{3}[A-Z]$", "").value_counts()
    assert dict(districts.rows())["Trafford"] == 139


def test_every_real_geometry_is_polygonal_geojson_text(real: pl.DataFrame) -> None:
    types = set()
    for text in real.get_column(GEOMETRY_COLUMN):
        geometry = json.loads(text)
        types.add(geometry["type"])
        assert text.startswith(f'{{"type":"{geometry["type"]}"')  # compact, as the suite expects
        ring = geometry["coordinates"][0][0]
        assert ring[0] == ring[-1] and len(ring) >= 4
        lon, lat = ring[0]
        assert -2.8 < lon < -1.9 and 53.3 < lat < 53.7  # lon/lat order, in Greater Manchester
    assert types == {"MultiPolygon"}


def test_truncated_download_is_a_clear_error(shared_data: Path, tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(real_file(FILE_NAME).read_bytes()[:100_000])
    with pytest.raises(PlaceindexError) as error:
        read(path)
    assert str(error.value) == (
        f"{SOURCE_ID}: {FILE_NAME}: not readable as JSON (Expecting ',' delimiter: line 47 "
        "column 840 (char 100000)); the download may be truncated"
    )
    assert (error.value.source_id, error.value.file) == (SOURCE_ID, FILE_NAME)


def test_feature_without_area_code_names_the_feature(shared_data: Path, tmp_path: Path) -> None:
    def drop_code(document: dict) -> None:
        del document["features"][2]["properties"]["area_code"]

    with pytest.raises(PlaceindexError) as error:
        read(_rewritten(tmp_path, drop_code))
    assert str(error.value) == (
        f"{SOURCE_ID}: {FILE_NAME}: feature 3: missing property ['area_code']; it has ['area_name']"
    )
    assert (error.value.row, error.value.column) == (3, "area_code")


def test_point_geometry_is_refused(shared_data: Path, tmp_path: Path) -> None:
    def to_point(document: dict) -> None:
        document["features"][9]["geometry"] = {"type": "Point", "coordinates": [-2.3, 53.45]}

    with pytest.raises(PlaceindexError) as error:
        read(_rewritten(tmp_path, to_point))
    assert str(error.value) == (
        f"{SOURCE_ID}: {FILE_NAME}: feature 10: expected a Polygon or MultiPolygon geometry"
    )
    assert (error.value.row, error.value.column) == (10, GEOMETRY_COLUMN)


def test_json_that_is_not_a_feature_collection_is_refused(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_text('{"type": "Feature", "properties": {}, "geometry": null}\n', encoding="utf-8")
    with pytest.raises(PlaceindexError) as error:
        read(path)
    assert str(error.value) == (f"{SOURCE_ID}: {FILE_NAME}: expected a GeoJSON FeatureCollection")


# --- Points: OpenStreetMap's places to meet, a layout that allows only points -------------------

PLACES_ID = "openstreetmap__places_to_meet"
PLACES_FILE = "infra.geojson"


def read_places(path: Path | None = None, source=None) -> pl.DataFrame:
    return read_source(source or get_source(PLACES_ID), path or real_file(PLACES_FILE))


def _rewritten_places(tmp_path: Path, change) -> Path:
    document = json.loads(real_file(PLACES_FILE).read_bytes())
    change(document)
    path = tmp_path / PLACES_FILE
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def places(shared_data: Path) -> pl.DataFrame:
    return read_places()


def test_real_places_are_points_with_their_coordinates_in_columns(places: pl.DataFrame) -> None:
    columns = ["_row_number", "name", "kind", "longitude", "latitude", GEOMETRY_COLUMN]
    assert places.columns == columns
    assert places.dtypes == [pl.Int64, pl.String, pl.String, pl.Float64, pl.Float64, pl.String]
    assert places.height == 13_316
    assert dict(places.get_column("kind").value_counts().rows()) == {
        "community_centre": 8_499,
        "village_hall": 4_497,
        "social_centre": 320,
    }
    # Unnamed places keep the published empty name; staging makes it null.
    assert places.filter(pl.col("name") == "").height == 652
    first = places.row(0, named=True)
    assert first == {
        "_row_number": 1,
        "name": "The Kempston Centre",
        "kind": "community_centre",
        "longitude": -0.50669,
        "latitude": 52.11034,
        GEOMETRY_COLUMN: '{"type":"Point","coordinates":[-0.50669,52.11034]}',
    }
    # Every point's columns are its geometry's coordinates, longitude first.
    for lon, lat, text in places.select("longitude", "latitude", GEOMETRY_COLUMN).iter_rows():
        assert json.loads(text)["coordinates"] == [lon, lat]


def test_polygon_where_points_are_expected_is_refused(shared_data: Path, tmp_path: Path) -> None:
    def to_polygon(document: dict) -> None:
        ring = [[-2.3, 53.4], [-2.2, 53.4], [-2.2, 53.5], [-2.3, 53.4]]
        document["features"][4]["geometry"] = {"type": "Polygon", "coordinates": [ring]}

    with pytest.raises(PlaceindexError) as error:
        read_places(_rewritten_places(tmp_path, to_polygon))
    assert str(error.value) == f"{PLACES_ID}: {PLACES_FILE}: feature 5: expected a Point geometry"
    assert (error.value.row, error.value.column) == (5, GEOMETRY_COLUMN)


@pytest.mark.parametrize(
    "coordinates",
    [[52.11034, -200.0], [-0.5], ["-0.50669", "52.11034"], [-0.5, 91.0]],
    ids=["longitude-out-of-range", "one-number", "text", "latitude-out-of-range"],
)
def test_point_without_two_numbers_in_range_is_refused(
    shared_data: Path, tmp_path: Path, coordinates: list
) -> None:
    def damage(document: dict) -> None:
        document["features"][1]["geometry"]["coordinates"] = coordinates

    with pytest.raises(PlaceindexError) as error:
        read_places(_rewritten_places(tmp_path, damage))
    assert str(error.value) == (
        f"{PLACES_ID}: {PLACES_FILE}: feature 2: a Point's coordinates must be [longitude, "
        "latitude] in degrees (longitude -180 to 180, latitude -90 to 90), found "
        f"{coordinates!r}"
    )
    assert (error.value.row, error.value.column) == (2, GEOMETRY_COLUMN)


def test_a_layout_allowing_points_and_polygons_reads_both(tmp_path: Path) -> None:
    # A point's coordinates fill longitude and latitude; a polygon leaves them empty. Anything
    # else is refused, naming every type the layout allows.
    source = get_source(PLACES_ID)
    mixed = replace(
        source,
        layouts=(
            replace(source.default_layout, geometry_types=("Point", "Polygon", "MultiPolygon")),
        ),
    )
    square = [[[0.0, 51.0], [0.1, 51.0], [0.1, 51.1], [0.0, 51.0]]]
    features = [
        {"type": "Point", "coordinates": [0.05, 51.05]},
        {"type": "Polygon", "coordinates": square},
    ]
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": g,
                "properties": {"name": "Hall", "kind": "village_hall"},
            }
            for g in features
        ],
    }
    path = tmp_path / PLACES_FILE
    path.write_text(json.dumps(document), encoding="utf-8")
    frame = read_places(path, mixed)
    assert frame.select("longitude", "latitude").rows() == [(0.05, 51.05), (None, None)]
    document["features"][1]["geometry"] = {"type": "LineString", "coordinates": square[0]}
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(PlaceindexError) as error:
        read_places(path, mixed)
    assert str(error.value) == (
        f"{PLACES_ID}: {PLACES_FILE}: feature 2: expected a Point, Polygon or MultiPolygon geometry"
    )


def test_boundaries_have_no_coordinate_columns_and_read_no_points(real: pl.DataFrame) -> None:
    # The boundary layout keeps the default (polygons): its columns are its properties and the
    # geometry, and the existing Point refusal above still holds word for word.
    assert get_source(SOURCE_ID).default_layout.geometry_types == ("Polygon", "MultiPolygon")
    assert "longitude" not in real.columns
