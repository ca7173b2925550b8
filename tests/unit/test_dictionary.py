"""The data dictionary's units, grains and the rounding of human-readable exports."""

from __future__ import annotations

import duckdb
import pytest

from ingest.dictionary import (
    column_precision,
    column_unit,
    data_dictionary,
    rounded_select,
    table_grain,
)
from ingest.workbook import SHEET_NAME_MAX, sheet_names


@pytest.mark.parametrize(
    ("name", "data_type", "unit", "places"),
    [
        ("private_rented_pct", "DOUBLE", "percent (0-100)", 2),
        ("turnout_change_pp", "DOUBLE", "percentage points", 2),
        ("amount_per_head_gbp", "DOUBLE", "GBP per resident", 2),
        ("amount_gbp", "DOUBLE", "GBP", 2),
        ("moved_in_last_year_per_1k", "DOUBLE", "per 1,000", 2),
        ("nearest_place_to_meet_km", "DOUBLE", "kilometres", 2),
        ("income_score_share", "DOUBLE", "share (0-1)", 4),
        ("latitude", "DOUBLE", "degrees (WGS84)", 6),
        ("composite_score", "DOUBLE", "score (see description)", 4),
        ("imd2025_rank", "BIGINT", "rank (1 = first in the order the description gives)", None),
        ("composite_decile", "INTEGER", "decile (1-10)", None),
        ("is_rural", "BOOLEAN", "true/false", None),
        ("usual_residents", "BIGINT", "count", None),
        ("lsoa21_code", "VARCHAR", "code", None),
        ("rank_correlation", "DOUBLE", "", 4),
    ],
)
def test_units_and_precision_follow_the_naming_rules(name, data_type, unit, places):
    assert column_unit(name, data_type) == unit
    assert column_precision(name, data_type) == places


def test_grain_is_the_sentence_after_its_label():
    description = (
        "Money per head. Grain: one row per LSOA 2021 in England and Wales (35,672). "
        "Method: docs/methods/pressures.md."
    )
    assert table_grain(description) == "one row per LSOA 2021 in England and Wales (35,672)"
    assert table_grain("Grain: one row per country") == "one row per country"
    assert table_grain("No grain said.") == ""
    assert table_grain(None) == ""


def test_sheet_names_fit_excel_and_stay_unique():
    names = sheet_names(
        ["fct_lsoa21_social_infrastructure", "dim_lsoa21", "x" * 40, "x" * 45, "README"]
    )
    assert names["fct_lsoa21_social_infrastructure"] == "lsoa21_social_infrastructure"
    assert names["dim_lsoa21"] == "dim_lsoa21"
    assert all(len(name) <= SHEET_NAME_MAX for name in names.values())
    assert len(set(names.values())) == len(names)
    assert names["README"] != "README"  # the workbook's own sheet keeps its name


def test_dictionary_reads_persisted_comments_and_rounds_only_floats():
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute(
        "create table marts.places as select 'E01000001' as lsoa21_code, "
        "12.345678::double as private_rented_pct, 3::bigint as usual_residents, "
        "53.4808123456::double as latitude"
    )
    con.execute("comment on table marts.places is 'Places. Grain: one row per LSOA 2021.'")
    con.execute("comment on column marts.places.private_rented_pct is 'Households renting.'")
    columns = data_dictionary(con)
    assert [(c.column, c.unit, c.grain) for c in columns][:2] == [
        ("lsoa21_code", "code", "one row per LSOA 2021"),
        ("private_rented_pct", "percent (0-100)", "one row per LSOA 2021"),
    ]
    assert columns[1].description == "Households renting."
    assert con.execute(rounded_select(con, "places")).fetchone() == (
        "E01000001",
        12.35,
        3,
        53.480812,
    )
