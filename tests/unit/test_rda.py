"""R data files as a published form of a table: small .rda files written here, and bad ones."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl
import pytest
import rdata

from ingest.catalog import Source
from ingest.catalog.load import CatalogError, load_family
from ingest.errors import PlaceindexError
from ingest.readers import read_source

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
    with pytest.raises(PlaceindexError, match=r"ethnicity.rda: not a readable R data file"):
        read_source(entry, path)


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
