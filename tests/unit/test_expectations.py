"""The expectation suites against the real published files, and the failure messages they give.

GX is imported and its context built once per session (expectations.validate caches it); the real
files are read once per module. Real-file tests fail, never skip, when a file is missing.
"""

from __future__ import annotations

import importlib
import json
import re
import socket
import subprocess
import sys
from datetime import date
from functools import cache
from pathlib import Path

import polars as pl
import pytest

from expectations.validate import (
    PUBLISHER_ROW_COUNT,
    SuiteError,
    ValidationReport,
    load_suite,
    suite_ids,
    suite_json,
    validate,
)
from ingest.catalog import SOURCES, family_sources, get_source
from ingest.warehouse import REJECT_COLUMNS
from tests.conftest import REPO_ROOT, read_real_source, real_source_file

# The module itself: the package re-exports its `validate` function under the same name.
gxv = importlib.import_module("expectations.validate")

SOURCE_IDS = tuple(source.source_id for source in SOURCES)
# Sources whose published file (any of its layouts) is in the shared folder of real files.
REAL_FILE_SOURCES = tuple(s.source_id for s in SOURCES if real_source_file(s) is not None)
GRANT_SOURCE_IDS = tuple(source.source_id for source in family_sources("grants"))

FILE1 = "mhclg__iod2019_file1"
LSOA11_CODE = "LSOA code (2011)"
IMD_DECILE = "Index of Multiple Deprivation (IMD) Decile"
IOD_ROWS = 32_844
TS054_LSOA = "ons__census2021_ts054_lsoa"
TRAFFORD = "trafford__grants_360giving"
EPRACCUR = "nhs_ods__epraccur"
GM_LIBRARIES = "trafforddatalab__gm_libraries"
GM_BOUNDARIES = "trafforddatalab__gm_lsoa21_boundaries"
LUF = "mhclg__levelling_up_fund_priority"
PROJECT_GRANTS = "acearts__project_grants_2019_20"


def real_path(source_id: str) -> Path:
    path = real_source_file(get_source(source_id))
    if path is None:
        pytest.fail(f"{source_id}: none of its published files is in the shared data")
    return path


def as_stored(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame as `ingest.warehouse.load_raw` stores it: rejected rows and _reject_* dropped."""
    if "_reject_reason" not in frame.columns:
        return frame
    return frame.filter(pl.col("_reject_reason").is_null()).drop(*REJECT_COLUMNS)


def _read_real(source_id: str) -> pl.DataFrame:
    real_path(source_id)  # fails the test, naming the source, when its file is not there
    return read_real_source(get_source(source_id))


@cache
def _real_frame(source_id: str) -> pl.DataFrame:
    return as_stored(_read_real(source_id))


def real_frame(source_id: str) -> pl.DataFrame:
    return _real_frame(source_id).clone()


def set_value(frame: pl.DataFrame, column: str, row_number: int, value: object) -> pl.DataFrame:
    return frame.with_columns(
        pl.when(pl.col("_row_number") == row_number)
        .then(pl.lit(value, dtype=frame.schema[column]))
        .otherwise(pl.col(column))
        .alias(column)
    )


@pytest.fixture(scope="module")
def network_attempts() -> list[object]:
    """Builds the cached GX context (first import included) and runs one validation with every
    outgoing connection refused and recorded: nothing may phone home."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError(f"network access attempted during validation: {args!r}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket.socket, "connect_ex", refuse)
        patch.setattr(socket, "create_connection", refuse)
        patch.setattr(socket, "getaddrinfo", refuse)
        gxv._batch_definition()
        report = validate("drkane__la_all_codes", real_frame("drkane__la_all_codes"))
    assert report.success, report.message()
    return attempts


@pytest.fixture
def gx_ready(network_attempts: list[object]) -> None:
    return None


# --------------------------------------------------------------------------------------------------
# Suites and the catalog


def test_every_catalog_source_has_a_suite_and_every_suite_a_source() -> None:
    assert set(suite_ids()) == set(SOURCE_IDS)


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.source_id)
def test_value_rules_name_catalog_columns_and_portable_patterns(source) -> None:
    data = suite_json(source.source_id)
    types = [e["type"] for e in data["expectations"]]
    # Provenance columns may be present, so no whole-table column list.
    assert "expect_table_columns_to_match_set" not in types
    assert "expect_table_columns_to_match_ordered_list" not in types
    headers = {column.header for column in source.columns}
    for expectation in data["expectations"]:
        kwargs = expectation["kwargs"]
        for column in kwargs.get("column_list", [kwargs["column"]] if "column" in kwargs else []):
            assert column in headers, f"{expectation['type']} names unknown column {column!r}"
        if "regex" in kwargs:
            # Python's re (GX) and Rust's regex (the polars re-check) must read it alike: keep to
            # the common subset, and no capturing groups (pandas warns about them).
            assert re.compile(kwargs["regex"]).groups == 0, kwargs["regex"]
            pl.select(pl.lit("x").str.contains(kwargs["regex"]))
    if source.key_unique:
        for column in source.key:
            not_null = {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": column}}
            assert not_null in data["expectations"], column


def test_structural_expectations_come_from_the_catalog() -> None:
    file1 = suite_json(FILE1)["expectations"]
    assert [e["kwargs"]["column"] for e in file1[:6]] == [
        c.header for c in get_source(FILE1).columns
    ]
    assert file1[6] == {
        "type": "expect_column_values_to_be_unique",
        "kwargs": {"column": LSOA11_CODE},
    }
    assert file1[7]["kwargs"] == {"value": IOD_ROWS}
    assert file1[7]["meta"][PUBLISHER_ROW_COUNT] is True
    # The raw table holds the grants the reader accepted: 4,116 in the file, 6 rejected.
    lloyds = suite_json("lloyds_bank_foundation__grants_360giving")["expectations"]
    counts = [e for e in lloyds if e["type"] == "expect_table_row_count_to_equal"]
    assert [e["kwargs"]["value"] for e in counts] == [4_110]
    # A key the publisher repeats is not demanded unique.
    subnational = suite_json("ons__subnational_indicators")["expectations"]
    assert not any(e["type"].endswith("_to_be_unique") for e in subnational)


@pytest.mark.parametrize(
    "rule",
    [
        {"type": "expect_column_to_exist", "kwargs": {"column": LSOA11_CODE}},
        # A different count would contradict the catalog, not only repeat it.
        {"type": "expect_table_row_count_to_equal", "kwargs": {"value": 5}},
        {
            "type": "expect_column_values_to_be_unique",
            "kwargs": {"column": LSOA11_CODE, "mostly": 0.9},
        },
    ],
)
def test_a_suite_file_that_restates_the_catalog_is_an_error(tmp_path, monkeypatch, rule) -> None:
    data = json.loads((gxv.SUITES_DIR / f"{FILE1}.json").read_text(encoding="utf-8"))
    data["expectations"].append(rule)
    (tmp_path / f"{FILE1}.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(gxv, "SUITES_DIR", tmp_path)
    gxv._suite_json.cache_clear()
    try:
        with pytest.raises(SuiteError, match="restates what the catalog says"):
            suite_json(FILE1)
    finally:
        gxv._suite_json.cache_clear()


def test_a_suite_entry_without_type_or_kwargs_is_named(tmp_path, monkeypatch) -> None:
    data = json.loads((gxv.SUITES_DIR / f"{FILE1}.json").read_text(encoding="utf-8"))
    data["expectations"].insert(1, {"kwargs": {"column": LSOA11_CODE}})
    (tmp_path / f"{FILE1}.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(gxv, "SUITES_DIR", tmp_path)
    gxv._suite_json.cache_clear()
    try:
        with pytest.raises(SuiteError) as error:
            suite_json(FILE1)
        assert str(error.value) == (
            f"{FILE1}: {FILE1}.json: expectation #1 is not an object with a 'type' and 'kwargs'"
        )
    finally:
        gxv._suite_json.cache_clear()


def test_an_expectation_gx_would_drop_is_an_error(tmp_path, monkeypatch, gx_ready: None) -> None:
    suite = {
        "name": "test__broken",
        "expectations": [
            {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "a"}},
            {"type": "expect_column_values_to_be_purple", "kwargs": {"column": "a"}},
        ],
    }
    (tmp_path / "test__broken.json").write_text(json.dumps(suite), encoding="utf-8")
    monkeypatch.setattr(gxv, "SUITES_DIR", tmp_path)
    with pytest.raises(
        SuiteError, match=r"suite file has 2 expectation\(s\) but GX built 1.*purple"
    ):
        load_suite("test__broken")
    gxv._suite_json.cache_clear()


def test_unknown_suite_is_an_error() -> None:
    with pytest.raises(SuiteError, match="no expectation suite"):
        load_suite("nobody__nothing")


# --------------------------------------------------------------------------------------------------
# Real files pass


def test_every_required_source_has_a_real_file() -> None:
    missing = [s.source_id for s in SOURCES if s.required and s.source_id not in REAL_FILE_SOURCES]
    assert missing == []


@pytest.mark.sweep
@pytest.mark.parametrize("source_id", REAL_FILE_SOURCES)
def test_suite_passes_on_the_real_file(source_id: str, gx_ready: None) -> None:
    frame = real_frame(source_id)
    report = validate(source_id, frame)
    assert isinstance(report, ValidationReport)
    assert report.success, report.message()
    assert report.failed == []
    assert report.evaluated == len(suite_json(source_id)["expectations"])
    assert report.message() == f"{source_id}: all {report.evaluated} expectation(s) passed"


@pytest.mark.parametrize(
    "source_id",
    [s.source_id for s in SOURCES if not s.key_unique and s.source_id in REAL_FILE_SOURCES],
)
def test_keys_not_checked_unique_do_repeat_in_the_real_file(source_id: str) -> None:
    # Once the publisher fixes the file, the key should be checked again.
    frame = real_frame(source_id)
    key = list(get_source(source_id).key)
    assert frame.select(pl.struct(key).is_duplicated().any()).item()


def test_subnational_indicator_duplicates_are_the_west_midlands_itl_rows() -> None:
    frame = real_frame("ons__subnational_indicators")
    key = list(get_source("ons__subnational_indicators").key)
    duplicated = frame.filter(pl.struct(key).is_duplicated())
    assert duplicated.height == 12
    assert set(duplicated.get_column("AREACD")) == {"TLG", "TLG3"}
    assert duplicated.get_column("Indicator").n_unique() == 3
    # AREACD is the publisher's 'na' (null) in 28 FDI rows, so the key is not complete either.
    assert frame.get_column("AREACD").null_count() == 28
    # The rows differ only in Value: no compound key without it would do.
    assert not frame.select(pl.struct([*key, "Value"]).is_duplicated().any()).item()


@pytest.mark.parametrize("source_id", GRANT_SOURCE_IDS)
def test_grant_suites_count_the_accepted_grants(source_id: str) -> None:
    read = _read_real(source_id)
    source = get_source(source_id)
    assert read.height == source.expected_rows
    rejected = read.filter(pl.col("_reject_reason").is_not_null()).height
    assert rejected == source.rows_rejected
    stored = real_frame(source_id)
    assert stored.height == source.expected_rows - rejected
    assert not set(REJECT_COLUMNS) & set(stored.columns)


def test_nothing_phones_home(network_attempts: list[object]) -> None:
    assert network_attempts == []


def test_provenance_columns_are_ignored(gx_ready: None) -> None:
    frame = real_frame("ons__ward19_lad19").with_columns(
        pl.lit("ab" * 32).alias("_source_sha256"), pl.lit("2024-01-01").alias("_loaded_at")
    )
    assert validate("ons__ward19_lad19", frame).success


def test_gx_builds_each_configuration_as_its_own_again_after_a_run(gx_ready: None) -> None:
    import great_expectations as gx
    from great_expectations.expectations.expectation import Expectation

    gx_property = Expectation.__dict__["configuration"]
    rule = gx.expectations.ExpectColumnValuesToNotBeNull(column="LSOA21CD")
    with gxv._configurations_built_once():
        assert rule.configuration is rule.configuration  # built once in a run
    assert Expectation.__dict__["configuration"] is gx_property
    assert rule.configuration is not rule.configuration  # GX's own: a new one each read
    with pytest.raises(RuntimeError), gxv._configurations_built_once():
        raise RuntimeError("a run that fails")
    assert Expectation.__dict__["configuration"] is gx_property
    assert validate("ons__ward19_lad19", real_frame("ons__ward19_lad19")).success


def test_importing_expectations_does_not_import_gx() -> None:
    code = "import sys, expectations; assert 'great_expectations' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO_ROOT)


# --------------------------------------------------------------------------------------------------
# Failures and their messages


def test_duplicated_key_row_names_column_value_and_rows(gx_ready: None) -> None:
    frame = real_frame(FILE1)
    copy = frame.head(1).with_columns(pl.lit(IOD_ROWS + 2, dtype=pl.Int64).alias("_row_number"))
    report = validate(FILE1, pl.concat([frame, copy]))
    assert not report.success
    unique = [f for f in report.failed if f.expectation_type == "expect_column_values_to_be_unique"]
    assert len(unique) == 1
    assert unique[0].column == LSOA11_CODE
    assert unique[0].unexpected_values == ("E01000001",)
    assert unique[0].rows == (2, 32_846)
    assert (
        f"{FILE1}: " in report.message()
        and "column 'LSOA code (2011)': expect_column_values_to_be_unique failed: "
        "1 duplicate value(s), e.g. 'E01000001' at row(s) 2, 32846"
        in report.message()
    )


def test_truncated_table_fails_the_row_count(gx_ready: None) -> None:
    report = validate(FILE1, real_frame(FILE1).head(1_000))
    assert not report.success
    assert [f.expectation_type for f in report.failed] == ["expect_table_row_count_to_equal"]
    assert report.failed[0].observed_value == 1_000
    assert report.message() == (
        f"{FILE1}: expect_table_row_count_to_equal failed: expected 32,844 rows, observed 1,000"
    )


def test_synthetic_data_skips_the_publisher_row_count(gx_ready: None) -> None:
    expected = len(suite_json(FILE1)["expectations"])
    report = validate(FILE1, real_frame(FILE1).head(1_000), synthetic=True)
    assert report.success, report.message()
    assert (report.evaluated, report.skipped) == (expected - 1, 1)
    assert "skipped" in report.message()
    # Everything else still applies to synthetic data.
    bad = set_value(real_frame(FILE1).head(1_000), IMD_DECILE, 3, 0)
    assert not validate(FILE1, bad, synthetic=True).success


def test_out_of_range_decile_names_column_and_row(gx_ready: None) -> None:
    report = validate(FILE1, set_value(real_frame(FILE1), IMD_DECILE, 7, 11))
    assert not report.success
    (failure,) = report.failed
    assert (failure.expectation_type, failure.column, failure.rows) == (
        "expect_column_values_to_be_between",
        IMD_DECILE,
        (7,),
    )
    assert report.message() == (
        f"{FILE1}: column '{IMD_DECILE}': expect_column_values_to_be_between failed: "
        "1 value(s) outside 1..10, e.g. 11 at row(s) 7"
    )


def test_bad_change_indicator(gx_ready: None) -> None:
    source_id = "ons__lsoa11_lsoa21_lad22"
    report = validate(source_id, set_value(real_frame(source_id), "CHGIND", 10, "Z"))
    assert not report.success
    (failure,) = report.failed
    assert failure.expectation_type == "expect_column_values_to_be_in_set"
    assert (failure.column, failure.unexpected_values, failure.rows) == ("CHGIND", ("Z",), (10,))
    assert report.message() == (
        f"{source_id}: column 'CHGIND': expect_column_values_to_be_in_set failed: "
        "1 value(s) not in {'M', 'S', 'U', 'X'}, e.g. 'Z' at row(s) 10"
    )


def test_rurality_flag_disagreeing_with_its_class_names_the_condition_and_rows(
    gx_ready: None,
) -> None:
    # Row 5 of the real file is E01000006, class UN1 (urban): a Rural flag contradicts it.
    source_id = "ons__ruc21_lsoa21"
    frame = real_frame(source_id)
    assert frame.filter(pl.col("_row_number") == 5).get_column("RUC21CD").to_list() == ["UN1"]
    report = validate(source_id, set_value(frame, "Urban_rural_flag", 5, "Rural"))
    assert not report.success
    (failure,) = report.failed
    assert (failure.column, failure.unexpected_values, failure.rows) == (
        "Urban_rural_flag",
        ("Rural",),
        (5,),
    )
    assert report.message() == (
        f"{source_id}: column 'Urban_rural_flag': expect_column_values_to_be_in_set failed: "
        "1 value(s) not in {'Urban'} where RUC21CD in {'UF1', 'UN1'}, e.g. 'Rural' at row(s) 5"
    )


def test_bad_code_pattern_and_duplicate_pair(gx_ready: None) -> None:
    source_id = "ons__lsoa11_lsoa21_lad22"
    frame = real_frame(source_id)
    last = frame.tail(1).with_columns(
        pl.lit(35_798, dtype=pl.Int64).alias("_row_number"),
        pl.lit(99_999, dtype=pl.Int64).alias("ObjectId"),
    )
    frame = set_value(pl.concat([frame, last]), "LAD22CD", 4, "X09000001")
    message = validate(source_id, frame, synthetic=True).message()
    assert (
        "column 'LAD22CD': expect_column_values_to_match_regex failed: 1 value(s) not matching"
        in (message)
    )
    assert "'X09000001' at row(s) 4" in message
    assert (
        "columns 'LSOA11CD', 'LSOA21CD': expect_compound_columns_to_be_unique failed: " in message
    )
    assert "1 duplicate combination(s), e.g. ('W01001927', 'W01001927') at row(s) 35797, 35798" in (
        message
    )


def test_negative_census_count_names_column_value_and_row(gx_ready: None) -> None:
    column = "Tenure of household: Lives rent free"
    report = validate(TS054_LSOA, set_value(real_frame(TS054_LSOA), column, 5, -3))
    assert not report.success
    (failure,) = report.failed
    assert (failure.expectation_type, failure.column, failure.unexpected_values, failure.rows) == (
        "expect_column_values_to_be_between",
        column,
        (-3,),
        (5,),
    )
    assert report.message() == (
        f"{TS054_LSOA}: column '{column}': expect_column_values_to_be_between failed: "
        "1 value(s) outside >= 0, e.g. -3 at row(s) 5"
    )


def test_duplicated_census_geography_code_names_value_and_rows(gx_ready: None) -> None:
    frame = real_frame(TS054_LSOA)
    first = frame.row(0, named=True)["geography code"]
    report = validate(TS054_LSOA, set_value(frame, "geography code", 4, first))
    assert not report.success
    (failure,) = report.failed
    assert (failure.expectation_type, failure.column, failure.unexpected_values, failure.rows) == (
        "expect_column_values_to_be_unique",
        "geography code",
        (first,),
        (2, 4),
    )
    assert report.message() == (
        f"{TS054_LSOA}: column 'geography code': expect_column_values_to_be_unique failed: "
        f"1 duplicate value(s), e.g. {first!r} at row(s) 2, 4"
    )


def test_duplicated_grant_id_names_column_value_and_rows(gx_ready: None) -> None:
    frame = real_frame(TRAFFORD)
    first = frame.row(0, named=True)["grant_id"]
    report = validate(TRAFFORD, set_value(frame, "grant_id", 5, first))
    assert not report.success
    (failure,) = report.failed
    assert (failure.expectation_type, failure.column, failure.unexpected_values, failure.rows) == (
        "expect_column_values_to_be_unique",
        "grant_id",
        (first,),
        (2, 5),
    )
    assert report.message() == (
        f"{TRAFFORD}: column 'grant_id': expect_column_values_to_be_unique failed: "
        f"1 duplicate value(s), e.g. {first!r} at row(s) 2, 5"
    )


def test_bad_gp_status_code_names_column_value_and_row(gx_ready: None) -> None:
    report = validate(EPRACCUR, set_value(real_frame(EPRACCUR), "Status Code", 6, "X"))
    assert not report.success
    (failure,) = report.failed
    assert (failure.expectation_type, failure.column, failure.unexpected_values, failure.rows) == (
        "expect_column_values_to_be_in_set",
        "Status Code",
        ("X",),
        (6,),
    )
    assert report.message() == (
        f"{EPRACCUR}: column 'Status Code': expect_column_values_to_be_in_set failed: "
        "1 value(s) not in {'A', 'C', 'D', 'P'}, e.g. 'X' at row(s) 6"
    )


def test_gp_prescribing_setting_outside_the_ods_codes_fails(gx_ready: None) -> None:
    # 5, 6 and 7 are not ODS prescribing settings.
    report = validate(EPRACCUR, set_value(real_frame(EPRACCUR), "Prescribing Setting", 9, 7))
    (failure,) = report.failed
    assert (failure.column, failure.unexpected_values, failure.rows) == (
        "Prescribing Setting",
        (7,),
        (9,),
    )


def test_library_latitude_of_zero_names_column_value_and_row(gx_ready: None) -> None:
    report = validate(GM_LIBRARIES, set_value(real_frame(GM_LIBRARIES), "lat", 3, 0.0))
    assert not report.success
    (failure,) = report.failed
    assert (failure.expectation_type, failure.column, failure.unexpected_values, failure.rows) == (
        "expect_column_values_to_be_between",
        "lat",
        (0.0,),
        (3,),
    )
    assert report.message() == (
        f"{GM_LIBRARIES}: column 'lat': expect_column_values_to_be_between failed: "
        "1 value(s) outside 49..61, e.g. 0 at row(s) 3"
    )


def test_boundaries_are_validated_against_their_real_file() -> None:
    # Found by the catalog's file name (geography/gm_lsoa21_generalised.geojson), read as GeoJSON.
    assert GM_BOUNDARIES in REAL_FILE_SOURCES
    assert real_path(GM_BOUNDARIES).name == "gm_lsoa21_generalised.geojson"
    assert real_frame(GM_BOUNDARIES).height == 1_702


def test_boundary_geometry_and_name_failures_name_column_value_and_row(gx_ready: None) -> None:
    point = '{"type":"Point","coordinates":[-2.3,53.45]}'
    frame = set_value(real_frame(GM_BOUNDARIES), "geometry_geojson", 5, point)
    frame = set_value(frame, "area_name", 7, "Bolton")
    report = validate(GM_BOUNDARIES, frame)
    assert not report.success
    failures = {failure.column: failure for failure in report.failed}
    assert sorted(failures) == ["area_name", "geometry_geojson"]
    assert (failures["geometry_geojson"].unexpected_values, failures["geometry_geojson"].rows) == (
        (point,),
        (5,),
    )
    assert (failures["area_name"].unexpected_values, failures["area_name"].rows) == (
        ("Bolton",),
        (7,),
    )
    assert report.message() == (
        f"{GM_BOUNDARIES}: column 'area_name': expect_column_values_to_match_regex failed: "
        r"1 value(s) not matching '^.+ \\d{3}[A-Z]$', e.g. 'Bolton' at row(s) 7; "
        "column 'geometry_geojson': expect_column_values_to_match_regex failed: "
        r"""1 value(s) not matching '^\\{"type":"(?:Polygon|MultiPolygon)"', e.g. """
        f"'{point}' at row(s) 5"
    )


def test_levelling_up_priority_outside_1_to_3_names_column_value_and_row(gx_ready: None) -> None:
    report = validate(LUF, set_value(real_frame(LUF), "Priority category", 4, 4))
    assert not report.success
    (failure,) = report.failed
    assert (failure.expectation_type, failure.column, failure.unexpected_values, failure.rows) == (
        "expect_column_values_to_be_in_set",
        "Priority category",
        (4,),
        (4,),
    )
    assert report.message() == (
        f"{LUF}: column 'Priority category': expect_column_values_to_be_in_set failed: "
        "1 value(s) not in {1, 2, 3}, e.g. 4 at row(s) 4"
    )


def test_project_grant_dated_outside_2019_20_fails(gx_ready: None) -> None:
    frame = set_value(real_frame(PROJECT_GRANTS), "Award date", 6, date(2020, 4, 1))
    report = validate(PROJECT_GRANTS, frame)
    assert not report.success
    (failure,) = report.failed
    assert (failure.expectation_type, failure.column, failure.rows) == (
        "expect_column_values_to_be_between",
        "Award date",
        (6,),
    )


def test_missing_column_is_reported_once(gx_ready: None) -> None:
    report = validate(FILE1, real_frame(FILE1).drop(LSOA11_CODE))
    assert not report.success
    assert report.message().startswith(
        f"{FILE1}: column '{LSOA11_CODE}': expect_column_to_exist failed: the column is missing"
    )
    assert "not evaluated" in report.message()
