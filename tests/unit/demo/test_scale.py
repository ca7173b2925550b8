"""The scaled demo folder (demo.scale) at a small factor: the real readers read its grown files with
the rows the factor asks for, they pass their suites, and every grant's postcode is in the postcode
directory, so placement by postcode has real work to do."""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

import polars as pl
import pytest

from demo import scale
from expectations.validate import validate
from ingest.landing import is_synthetic_folder
from tests.unit.demo.conftest import read as read_fresh

# Grows the grant files and the postcode directory and checks them with their suites: seconds
# a test.
pytestmark = pytest.mark.sweep

FACTOR = 2


# Each file is read once for all the tests here.
read = cache(read_fresh)


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scale.ensure_scaled_files(tmp_path_factory.mktemp("scale") / "sources", FACTOR)


def test_the_grant_files_hold_the_factors_grants_each_once(scaled: Path) -> None:
    per_file = []
    for source in scale.GRANT_SOURCES:
        frame = read(source.source_id, scaled)
        assert frame["grant_id"].n_unique() == frame.height, source.source_id
        per_file.append(frame.height)
    assert sum(per_file) == scale.grants_total(FACTOR) == 20_000
    assert max(per_file) - min(per_file) <= 1


def test_the_postcode_directory_holds_the_factors_postcodes(scaled: Path) -> None:
    onspd = read("ons__postcode_directory", scaled)
    assert onspd.height == scale.postcodes_total(FACTOR) == 54_000
    assert onspd["pcds"].n_unique() == onspd.height
    # Terminated postcodes among them, as in the real directory.
    assert 0 < onspd["doterm"].drop_nulls().len() < onspd.height


def test_every_grants_postcode_is_in_the_directory(scaled: Path) -> None:
    directory = set(read("ons__postcode_directory", scaled)["pcds"])
    placed = 0
    for source in scale.GRANT_SOURCES:
        postcodes = read(source.source_id, scaled)["recipient_postcode_normalised"].drop_nulls()
        missing = set(postcodes) - directory
        assert not missing, f"{source.source_id}: {sorted(missing)[:5]}"
        placed += postcodes.len()
    # Not a handful: copies of grants to recipients with a postcode get another one.
    assert placed > scale.grants_total(FACTOR) // 4


def test_the_survey_series_run_longer(scaled: Path) -> None:
    wellbeing = read("ons__wellbeing_local_authority", scaled)
    assert wellbeing["yyyy-yy"].n_unique() == scale.wellbeing_years(FACTOR) == 13
    indicators = read("ons__subnational_indicators", scaled)
    periods = indicators.group_by("Indicator").agg(pl.col("Period").n_unique())["Period"]
    assert set(periods) == {scale.indicator_periods(FACTOR)} == {3}
    assert scale.wellbeing_years(100) == scale.indicator_periods(100) == 20


@pytest.mark.parametrize(
    "source_id",
    [
        *(source.source_id for source in scale.GRANT_SOURCES),
        "ons__postcode_directory",
        "ons__wellbeing_local_authority",
        "ons__subnational_indicators",
    ],
)
def test_the_grown_files_pass_their_suites(scaled: Path, source_id: str) -> None:
    frame = read(source_id, scaled)
    if "_reject_reason" in frame.columns:
        frame = frame.filter(pl.col("_reject_reason").is_null())
    report = validate(source_id, frame, synthetic=True)
    assert report.success, report.message()


def test_the_folder_is_synthetic_stamped_and_reused(scaled: Path) -> None:
    assert is_synthetic_folder(scaled)
    assert "SCALED x2" in (scaled / "README.txt").read_text(encoding="utf-8")
    assert scale.is_current(scaled, FACTOR)
    assert not scale.is_current(scaled, FACTOR + 1)
    before = (scaled / scale.STAMP_FILE).stat().st_mtime_ns
    scale.ensure_scaled_files(scaled, FACTOR)
    assert (scaled / scale.STAMP_FILE).stat().st_mtime_ns == before


def test_made_up_postcodes_follow_the_demos_in_directory_order() -> None:
    assert scale.made_up_postcode(0) == "ZY10 0AA"
    assert scale.made_up_postcode(1) == "ZY10 0AB"
    # An area holds 90 districts of 10 sectors of 400 units, then the next area down begins.
    assert scale.made_up_postcode(360_000) == "ZX10 0AA"
    codes = [scale.made_up_postcode(index) for index in range(0, 360_000, 997)]
    assert codes == sorted(codes)
    with pytest.raises(ValueError, match="made-up postcodes"):
        scale.made_up_postcode(8 * 360_000)


def test_python_m_demo_scale_takes_a_factor() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "demo.scale", "--help"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0
    assert "--factor" in run.stdout
