"""Trafford Data Lab's Greater Manchester LSOA 2021 boundaries (GeoJSON) read from the real file,
and the errors a truncated or re-laid-out file gets."""

from __future__ import annotations

import json
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
