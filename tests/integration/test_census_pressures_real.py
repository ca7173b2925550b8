"""Census 2021 religion, proficiency in English, disability and household deprivation, and the
per-LSOA indicators and district segregation built from them, checked on the real refresh's
published warehouse as a user would check them: row counts, England and Wales totals, and values
computed by hand from the real files without any project code."""

from __future__ import annotations

import csv
import math
import warnings
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO_ROOT, real_file
from tests.integration import scalar

# Census 2021 usual residents of England and Wales as ONS publishes them (TS001). Each table's
# LSOAs sum a little off it (cell-key perturbation); the largest gap here is TS030's, 275.
EW_RESIDENTS = 59_597_542
CELL_KEY_TOLERANCE = 300

OLDHAM = "E08000004"
LOOKUP = "LSOA_(2021)_to_Electoral_Ward_(2023)_to_LAD_(2023)_Best_Fit_Lookup_in_EW.csv"


def _rda(name: str):
    """The R package's data frame, read with rdata alone."""
    import rdata

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # tibble classes read as data.frame
        (frame,) = rdata.read_rda(real_file(name)).values()
    return frame


def test_row_counts(real_db):
    for table, rows in [
        ("raw.ons__census2021_ts030_lsoa", 35_672),
        ("raw.ons__census2021_ts029_msoa", 7_264),
        ("raw.ons__census2021_ts038_lsoa", 35_672),
        ("raw.ons__census2021_ts011_lsoa", 35_672),
        ("staging.stg_ons__census2021_ts030_lsoa", 35_672),
        ("staging.stg_ons__census2021_ts029_msoa", 7_264),
        ("staging.stg_ons__census2021_ts038_lsoa", 35_672),
        ("staging.stg_ons__census2021_ts011_lsoa", 35_672),
        ("intermediate.int_lsoa21_census_pressure_indicators", 35_672),
    ]:
        assert scalar(real_db, f"select count(*) from {table}") == rows, table
    # Every LSOA has every value: nothing is missing on the real files.
    statuses = real_db.execute(
        "select distinct households_deprived_2plus_dimensions_status, disabled_residents_status, "
        "cannot_speak_english_well_status, ethnic_diversity_status, religious_diversity_status "
        "from intermediate.int_lsoa21_census_pressure_indicators"
    ).fetchall()
    assert statuses == [("observed", "observed", "from_msoa", "observed", "observed")]


def test_england_and_wales_totals(real_db):
    religion = real_db.execute(
        "select sum(usual_residents), sum(no_religion_residents), sum(christian_residents), "
        "sum(muslim_residents), sum(religion_not_answered_residents) "
        "from staging.stg_ons__census2021_ts030_lsoa"
    ).fetchone()
    assert religion == (59_597_267, 22_162_044, 27_522_560, 3_868_189, 3_595_377)
    disability = real_db.execute(
        "select sum(usual_residents), sum(disabled_residents) "
        "from staging.stg_ons__census2021_ts038_lsoa"
    ).fetchone()
    assert disability == (59_597_543, 10_444_750)
    for total in (religion[0], disability[0]):
        assert abs(total - EW_RESIDENTS) <= CELL_KEY_TOLERANCE
    households = real_db.execute(
        "select sum(households), sum(households_deprived_2_dimensions "
        "+ households_deprived_3_dimensions + households_deprived_4_dimensions) "
        "from staging.stg_ons__census2021_ts011_lsoa"
    ).fetchone()
    assert households == (24_783_097, 4_521_995)
    english = real_db.execute(
        "select sum(main_language_english_residents + main_language_not_english_residents), "
        "sum(main_language_english_residents), sum(cannot_speak_english_well_residents), "
        "sum(cannot_speak_english_residents) from staging.stg_ons__census2021_ts029_msoa"
    ).fetchone()
    assert english == (57_704_237, 52_569_828, 879_776, 160_525)


def test_a_named_lsoa_by_hand(real_db):
    # City of London 001A, in MSOA City of London 001 (E02000001); counts from the R files.
    row = real_db.execute(
        "select msoa21_code, households_deprived_2plus_dimensions_pct, disabled_residents_pct, "
        "cannot_speak_english_well_pct, ethnic_diversity_index, religious_diversity_index "
        "from intermediate.int_lsoa21_census_pressure_indicators where lsoa21_code = 'E01000001'"
    ).fetchone()
    religion = _rda("religion21_lsoa21.rda").query("lsoa21_code == 'E01000001'")
    answered = religion[religion["religion"] != "Not answered"]["n"]
    ethnicity = _rda("ethnicity21_lsoa21.rda").query("lsoa21_code == 'E01000001'")
    assert row[0] == "E02000001"
    assert row[2] == pytest.approx(100 * 152 / 1475, abs=1e-9)
    assert row[3] == pytest.approx(100 * (116 + 19) / (6624 + 1826), abs=1e-9)
    # TS021's total differs from TS030's by cell-key perturbation.
    ethnic_total = ethnicity["total_residents"].iloc[0]
    assert row[4] == pytest.approx(1 - sum((ethnicity["n"] / ethnic_total) ** 2), abs=1e-12)
    assert row[5] == pytest.approx(1 - sum((answered / answered.sum()) ** 2), abs=1e-12)
    deprivation = _rda("household_deprivation21_lsoa21.rda").query("lsoa21_code == 'E01000001'")
    two_plus = deprivation[deprivation["deprivation_dimensions"].str.contains("two|three|four")]
    assert row[1] == pytest.approx(
        100 * two_plus["n"].sum() / deprivation["total_households"].iloc[0], abs=1e-9
    )


def test_segregation_indices_lie_in_0_1_for_every_district(real_db):
    rows = real_db.execute(
        "select dimension, count(*), count(distinct lad23_code), min(dissimilarity_index), "
        "max(dissimilarity_index), min(information_theory_h), max(information_theory_h), "
        "bool_and(lad23_code similar to '(E0[6-9]|W06)[0-9]{6}') "
        "from intermediate.int_lad_segregation group by dimension order by dimension"
    ).fetchall()
    districts = scalar(real_db, "select count(distinct lad23_code) from marts.dim_lsoa21")
    assert districts == 318
    assert [row[0] for row in rows] == ["ethnic_group", "religion"]
    for _, count, distinct, d_min, d_max, h_min, h_max, english_or_welsh in rows:
        assert count == distinct == districts
        assert 0 <= d_min <= d_max <= 1 and 0 <= h_min <= h_max <= 1
        assert english_or_welsh
    # Every LSOA is counted once per dimension: ethnic groups cover all residents, religions
    # those who answered.
    residents = dict(
        real_db.execute(
            "select dimension, sum(residents) from intermediate.int_lad_segregation group by 1"
        ).fetchall()
    )
    assert residents == {"ethnic_group": 59_597_576, "religion": 59_597_267 - 3_595_377}


def _district_lsoas(lad23_code: str) -> set[str]:
    with real_file(LOOKUP).open(newline="", encoding="utf-8-sig") as handle:
        return {row["LSOA21CD"] for row in csv.DictReader(handle) if row["LAD23CD"] == lad23_code}


def _d_and_h(counts: dict[str, list[float]]) -> tuple[float, float]:
    """Reardon and Firebaugh's multigroup D and Theil's H from {LSOA: [count per group]}."""
    lsoa_totals = {code: sum(groups) for code, groups in counts.items()}
    total = sum(lsoa_totals.values())
    groups = len(next(iter(counts.values())))
    shares = [sum(row[g] for row in counts.values()) / total for g in range(groups)]
    interaction = sum(share * (1 - share) for share in shares)
    entropy = -sum(share * math.log(share) for share in shares if share > 0)
    dissimilarity = sum(
        lsoa_totals[code] * abs(row[g] / lsoa_totals[code] - shares[g])
        for code, row in counts.items()
        for g in range(groups)
    ) / (2 * total * interaction)
    lsoa_entropy = {
        code: -sum(n / lsoa_totals[code] * math.log(n / lsoa_totals[code]) for n in row if n > 0)
        for code, row in counts.items()
    }
    h = sum(lsoa_totals[code] * (entropy - lsoa_entropy[code]) for code in counts) / (
        entropy * total
    )
    return dissimilarity, h


@pytest.mark.parametrize(
    ("dimension", "file_name", "group_column", "left_out"),
    [
        ("ethnic_group", "ethnicity21_lsoa21.rda", "ethnic_group", None),
        ("religion", "religion21_lsoa21.rda", "religion", "Not answered"),
    ],
)
def test_oldham_segregation_equals_a_hand_computation(
    real_db, dimension, file_name, group_column, left_out
):
    lsoas = _district_lsoas(OLDHAM)
    assert len(lsoas) == 142
    frame = _rda(file_name)
    frame = frame[frame["lsoa21_code"].isin(lsoas)]
    if left_out is not None:
        frame = frame[frame[group_column] != left_out]
    counts: dict[str, list[float]] = {}
    for code, n in zip(frame["lsoa21_code"], frame["n"], strict=True):
        counts.setdefault(code, []).append(float(n))
    dissimilarity, h = _d_and_h(counts)
    row = real_db.execute(
        "select lsoa_count, dissimilarity_index, information_theory_h "
        "from intermediate.int_lad_segregation where lad23_code = ? and dimension = ?",
        [OLDHAM, dimension],
    ).fetchone()
    assert row[0] == len(counts) == 142
    assert row[1] == pytest.approx(dissimilarity, abs=1e-9)
    assert row[2] == pytest.approx(h, abs=1e-9)


def test_diversity_is_marked_context_only_and_no_pressure_column_is():
    # The rule itself (the composite never reads the diversity columns) is the composite's test;
    # here: the model's YAML says which columns are context only.
    path = Path(
        REPO_ROOT, "dbt_project/models/intermediate/int_lsoa21_census_pressure_indicators.yml"
    )
    (model,) = yaml.safe_load(path.read_text(encoding="utf-8"))["models"]
    meta = {column["name"]: column.get("meta", {}) for column in model["columns"]}
    context_only = {name for name, found in meta.items() if found.get("context_only")}
    assert context_only == {"ethnic_diversity_index", "religious_diversity_index"}
    assert {name: found["pressure"] for name, found in meta.items() if "pressure" in found} == {
        "households_deprived_2plus_dimensions_pct": "poverty",
        "disabled_residents_pct": "isolation",
        "cannot_speak_english_well_pct": "fragmentation",
        "ethnic_diversity_index": "none",
        "religious_diversity_index": "none",
    }
    assert "CONTEXT ONLY, NEVER A PRESSURE" in model["description"]
