"""The survey family's demo files: the subnational indicators explorer download (Windows-1252 below
a disclaimer, its designed gaps). The well-being dataset is tested through its reader in
tests/unit/test_assets_readers.py."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from demo.survey import SURVEY_LEFT_OUT, SURVEY_MISLABELLED, SURVEY_NA, SURVEY_PREAMBLE
from tests.unit.demo.conftest import columns, demo_file, read


def test_survey_file_is_windows_1252_below_a_disclaimer(demo_dir: Path) -> None:
    data = (demo_dir / demo_file("ons__subnational_indicators")).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1252")
    assert "£" in text and "16–64" in text  # bytes 0xA3 and 0x96
    lines = text.split("\n")
    assert lines[0] == SURVEY_PREAMBLE and lines[1] == ""
    assert lines[2] == ",".join(columns("ons__subnational_indicators"))
    frame = read("ons__subnational_indicators", demo_dir)
    assert frame.get_column("_row_number").min() == 4  # rows counted from the disclaimer
    life = frame.filter(pl.col("Indicator") == "Average life satisfaction ratings")
    assert set(life.get_column("Period")) == {"202021"}
    assert 6 < life.get_column("Value").min() and life.get_column("Value").max() < 9
    # Values with thousands separators are quoted and read as numbers.
    assert re.search(r',"\d{1,2},\d{3}",', text)
    assert frame.get_column("Value").max() > 1000
    # Well-being rows name Welsh districts with a trailing space, as published.
    welsh = life.filter(pl.col("AREACD").str.starts_with("W06"))
    assert welsh.height == 2 and welsh.get_column("AREANM").str.ends_with(" ").all()


def test_survey_leaves_out_one_district_and_suppresses_one_value(demo_dir: Path) -> None:
    frame = read("ons__subnational_indicators", demo_dir)
    districts = frame.filter(pl.col("AREACD").str.contains(r"^E0[6-9]"))
    codes = {
        indicator: set(group.get_column("AREACD"))
        for (indicator,), group in districts.group_by("Indicator")
    }
    left_out, indicator = SURVEY_LEFT_OUT
    assert left_out not in codes[indicator]
    # ... though the publisher gives the other districts of the nation, and this one elsewhere.
    assert len(codes[indicator]) >= 6
    assert all(left_out in found for name, found in codes.items() if name != indicator)
    la = read("drkane__la_all_codes", demo_dir)
    assert la.filter(pl.col("LADCD") == left_out).get_column("Current").to_list() == ["TRUE"]
    # A published 'NA' for a suppressed value, and one row under a neighbour's code.
    code, name = SURVEY_NA
    suppressed = frame.filter((pl.col("AREACD") == code) & (pl.col("Indicator") == name))
    assert suppressed.get_column("Value").to_list() == [None]
    named, written, indicator = SURVEY_MISLABELLED
    rows = frame.filter((pl.col("AREACD") == written) & (pl.col("Indicator") == indicator))
    names = dict(la.select("LADCD", "LADNM").rows())
    assert sorted(rows.get_column("AREANM")) == sorted([names[named], names[written]])
    # District values on the codes of 2022: the two districts merged in 2023 still separate.
    assert {"E07009902", "E07009903"} <= set(districts.get_column("AREACD"))
    assert "E06009903" not in set(frame.get_column("AREACD"))
