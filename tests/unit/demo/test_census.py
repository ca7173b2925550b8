"""The Census family's demo files: every row's categories add up, TS054's levels are perturbed sums
of its LSOAs, the 2011 MSOAs exact sums of theirs, the areas are the demo's LSOAs and MSOAs, tenure
leans with deprivation, and the mid-2019 populations are written as the compilation writes them."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from demo.census import TS054_LEVELS
from ingest.readers.tabular import ROW_NUMBER
from tests.unit.demo.conftest import columns, demo_file, read

# ---------------------------------------------------------------------------------------------
# Census tables: categories add up, levels agree, geography matches the lookups
# ---------------------------------------------------------------------------------------------

TS054_LEVEL_IDS = [f"ons__census2021_ts054_{level}" for level in TS054_LEVELS]
# Each table's categories, after date, geography and geography code (and QS405EW's 'Rural Urban').
TS054_TENURE = columns("ons__census2021_ts054_lsoa")[3:]
TS019_MIGRANT = columns("ons__census2021_ts019_lsoa")[3:]
TS016_RESIDENCE = columns("ons__census2021_ts016_lsoa")[3:]
QS405EW_TENURE = columns("ons__census2011_qs405ew_lsoa")[4:]
TS054_SUBTOTALS = {
    TS054_TENURE[0]: [TS054_TENURE[i] for i in (2, 3, 5, 7, 8, 10, 11, 12)],
    TS054_TENURE[1]: [TS054_TENURE[2], TS054_TENURE[3]],
    TS054_TENURE[4]: [TS054_TENURE[5]],
    TS054_TENURE[6]: [TS054_TENURE[7], TS054_TENURE[8]],
    TS054_TENURE[9]: [TS054_TENURE[10], TS054_TENURE[11]],
}
QS405EW_SUBTOTALS = {
    QS405EW_TENURE[0]: [QS405EW_TENURE[i] for i in (2, 3, 4, 6, 7, 9, 10, 11, 12, 13)],
    QS405EW_TENURE[1]: [QS405EW_TENURE[2], QS405EW_TENURE[3]],
    QS405EW_TENURE[5]: [QS405EW_TENURE[6], QS405EW_TENURE[7]],
    QS405EW_TENURE[8]: [QS405EW_TENURE[i] for i in (9, 10, 11, 12)],
}


def _assert_adds_up(frame: pl.DataFrame, subtotals: dict[str, list[str]]) -> None:
    counts = [column for parts in subtotals.values() for column in parts]
    assert frame.select(pl.min_horizontal(counts).min()).item() >= 0
    for total, parts in subtotals.items():
        wrong = frame.filter(pl.col(total) != pl.sum_horizontal(parts))
        assert wrong.height == 0, (total, wrong.head(3))


def _msoa_of(name: pl.Expr) -> pl.Expr:
    return name.str.slice(0, name.str.len_chars() - 1)


@pytest.mark.parametrize("source_id", TS054_LEVEL_IDS)
def test_ts054_leaves_add_up_in_every_row(source_id: str, demo_dir: Path) -> None:
    _assert_adds_up(read(source_id, demo_dir), TS054_SUBTOTALS)


@pytest.mark.parametrize("level", ["msoa", "lsoa"])
def test_qs405ew_leaves_add_up_in_every_row(level: str, demo_dir: Path) -> None:
    frame = read(f"ons__census2011_qs405ew_{level}", demo_dir)
    _assert_adds_up(frame, QS405EW_SUBTOTALS)
    assert set(frame.get_column("Rural Urban")) == {"Total"}


def test_ts054_higher_levels_are_perturbed_lsoa_sums(demo_dir: Path) -> None:
    lad22 = read("ons__lsoa11_lsoa21_lad22", demo_dir).select("LSOA21CD", "LAD22CD").unique()
    la = read("drkane__la_all_codes", demo_dir).select(
        pl.col("LADCD").alias("LAD22CD"),
        # Wales is published as a region of its own, under its country code.
        pl.coalesce(pl.col("RGNCD").replace("", None), pl.col("CTRYCD")).alias("rgn"),
        pl.col("CTRYCD").alias("ctry"),
    )
    lsoas = (
        read("ons__census2021_ts054_lsoa", demo_dir)
        .join(lad22, left_on="geography code", right_on="LSOA21CD", how="left")
        .join(la, on="LAD22CD", how="left")
        .with_columns(msoa=_msoa_of(pl.col("geography")), ltla=pl.col("LAD22CD"))
    )
    assert lsoas.select(pl.col("ltla", "rgn", "ctry").null_count()).row(0) == (0, 0, 0)
    perturbed_cells = 0
    for level in ("msoa", "ltla", "rgn", "ctry"):
        key = "geography" if level == "msoa" else "geography code"
        published = read(f"ons__census2021_ts054_{level}", demo_dir)
        exact = lsoas.group_by(level).agg(pl.col(TS054_TENURE).sum())
        assert set(published.get_column(key)) == set(exact.get_column(level)), level
        joined = published.join(exact, left_on=key, right_on=level, suffix="_exact")
        differences = joined.select(
            [(pl.col(c) - pl.col(f"{c}_exact")).abs().max().alias(c) for c in TS054_TENURE]
        ).row(0)
        assert max(differences) <= 3, (level, differences)
        perturbed_cells += joined.select(
            sum((pl.col(c) != pl.col(f"{c}_exact")).sum() for c in TS054_TENURE)
        ).item()
    # Not the exact sums: a pipeline that checks levels must use a tolerance, as with real data.
    assert perturbed_cells > 0
    # Wales is one area published twice; cell keys give it the same numbers both times.
    wales = [
        read(f"ons__census2021_ts054_{level}", demo_dir)
        .filter(pl.col("geography code") == "W92000004")
        .drop(ROW_NUMBER)
        .rows()
        for level in ("rgn", "ctry")
    ]
    assert wales[0] == wales[1] and len(wales[0]) == 1


def test_ts054_lsoas_are_the_demo_lsoa21s(demo_dir: Path) -> None:
    lsoas = read("ons__census2021_ts054_lsoa", demo_dir)
    ward23 = read("ons__lsoa21_ward23_lad23", demo_dir)
    lookup = read("ons__lsoa11_lsoa21_lad22", demo_dir)
    names = dict(lsoas.select("geography code", "geography").rows())
    assert names == dict(ward23.select("LSOA21CD", "LSOA21NM").rows())
    assert set(names) == set(lookup.get_column("LSOA21CD"))
    msoas = read("ons__census2021_ts054_msoa", demo_dir)
    assert {name[:-1] for name in names.values()} == set(msoas.get_column("geography"))
    for code, name in msoas.select("geography code", "geography").rows():
        assert re.fullmatch(r"[EW]029\d{5}", code), code
        country = {lsoa_code[0] for lsoa_code, lsoa in names.items() if lsoa[:-1] == name}
        assert country == {code[0]}, name


def test_qs405ew_msoas_are_exact_sums_of_lsoa11s(demo_dir: Path) -> None:
    lsoas = read("ons__census2011_qs405ew_lsoa", demo_dir)
    lookup = read("ons__lsoa11_lsoa21_lad22", demo_dir)
    assert dict(lsoas.select("geography code", "geography").rows()) == dict(
        lookup.select("LSOA11CD", "LSOA11NM").rows()
    )
    exact = lsoas.group_by(_msoa_of(pl.col("geography")).alias("geography")).agg(
        pl.col(QS405EW_TENURE).sum()
    )
    msoas = read("ons__census2011_qs405ew_msoa", demo_dir)
    assert msoas.get_column("geography").is_unique().all()
    assert exact.sort("geography").rows() == (
        msoas.select("geography", *QS405EW_TENURE).sort("geography").rows()
    )


def test_msoa_code_kept_exactly_when_its_lsoas_are_unchanged(demo_dir: Path) -> None:
    def by_msoa(source_id: str) -> dict[str, set[str]]:
        frame = read(source_id, demo_dir).select(
            _msoa_of(pl.col("geography")).alias("msoa"), "geography code"
        )
        return {
            msoa: set(codes) for msoa, codes in frame.group_by("msoa").agg("geography code").rows()
        }

    lsoas11 = by_msoa("ons__census2011_qs405ew_lsoa")
    lsoas21 = by_msoa("ons__census2021_ts054_lsoa")
    code11 = dict(
        read("ons__census2011_qs405ew_msoa", demo_dir).select("geography", "geography code").rows()
    )
    code21 = dict(
        read("ons__census2021_ts054_msoa", demo_dir).select("geography", "geography code").rows()
    )
    assert set(lsoas11) == set(lsoas21) == set(code11) == set(code21)
    kept = {name for name in code11 if code11[name] == code21[name]}
    assert kept == {name for name in code11 if lsoas11[name] == lsoas21[name]}
    assert 0 < len(kept) < len(code11)
    # A changed MSOA's 2011 code is not reused for another area in 2021.
    assert len(set(code11.values()) | set(code21.values())) == len(code11) + len(code11) - len(kept)


def test_tenure_leans_with_deprivation_and_private_renting_grew(demo_dir: Path) -> None:
    imd = read("ons__imd2019_lookup", demo_dir).select("LSOA11CD", "IMD19")
    n = imd.height
    ts054 = read("ons__census2021_ts054_lsoa", demo_dir)
    qs405ew = read("ons__census2011_qs405ew_lsoa", demo_dir)
    tenure = TS054_TENURE
    joined = (
        imd.join(ts054, left_on="LSOA11CD", right_on="geography code")  # unchanged LSOAs
        .join(qs405ew, left_on="LSOA11CD", right_on="geography code", suffix="_2011")
        .with_columns(
            social=pl.col(tenure[6]) / pl.col(tenure[0]),
            private21=pl.col(tenure[9]) / pl.col(tenure[0]),
            private11=pl.col(QS405EW_TENURE[8]) / pl.col(QS405EW_TENURE[0]),
        )
    )
    assert joined.height > 0.8 * n
    most = joined.filter(pl.col("IMD19") <= n // 5).get_column("social").mean()
    least = joined.filter(pl.col("IMD19") > n - n // 5).get_column("social").mean()
    assert most > 2 * least
    growth = joined.get_column("private21") - joined.get_column("private11")
    assert growth.mean() > 0.02
    assert growth.std() > 0.02 and (growth < 0).any()


def test_ts019_and_ts016_categories_add_up_to_totals(demo_dir: Path) -> None:
    ts019 = read("ons__census2021_ts019_lsoa", demo_dir)
    ts016 = read("ons__census2021_ts016_lsoa", demo_dir)
    _assert_adds_up(ts019, {TS019_MIGRANT[0]: list(TS019_MIGRANT[1:])})
    _assert_adds_up(ts016, {TS016_RESIDENCE[0]: list(TS016_RESIDENCE[1:])})
    lsoa21 = set(read("ons__census2021_ts054_lsoa", demo_dir).get_column("geography code"))
    assert (
        set(ts019.get_column("geography code")) == set(ts016.get_column("geography code")) == lsoa21
    )
    total, same, student, within, outside = TS019_MIGRANT
    shares = ts019.select(
        pl.col(total),
        (pl.col(same) / pl.col(total)).alias("same"),
        (pl.col(within) / pl.col(total)).alias("within"),
        (pl.col(outside) / pl.col(total)).alias("outside"),
        (pl.col(student) / pl.col(total)).alias("student"),
    )
    assert shares[total].min() >= 1200 and shares[total].max() <= 2600
    assert shares["same"].min() > 0.75
    assert 0.035 <= shares["within"].min() and shares["within"].max() <= 0.175
    assert shares["outside"].max() <= 0.03 and shares["student"].max() <= 0.05
    # TS016 counts all usual residents, TS019 only those aged 1 and over.
    both = ts019.join(ts016, on="geography code")
    ratio = both.get_column(TS016_RESIDENCE[0]) / both.get_column(total)
    assert ratio.min() > 1.0 and ratio.max() < 1.02


def test_population_2019_layout_and_values(demo_dir: Path) -> None:
    data = (demo_dir / demo_file("mysociety__population_2019")).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "lsoa,pop"
    styles: set[tuple[str, str, str]] = set()
    for line in lines[1:]:
        code, value = line.split(",", 1)
        number = int(value.strip('"').replace(",", ""))
        if re.fullmatch(r'"\d{1,3}(,\d{3})+"', value):
            written = "quoted with separator"
        else:
            assert re.fullmatch(r"\d+", value), line
            written = "plain"
        country = "E/W" if code[0] in "EW" else "S/NI"
        styles.add((country, "1,000 or more" if number >= 1000 else "under 1,000", written))
    # As published: only English and Welsh values of 1,000 or more are quoted with a separator.
    assert styles == {
        ("E/W", "1,000 or more", "quoted with separator"),
        ("E/W", "under 1,000", "plain"),
        ("S/NI", "1,000 or more", "plain"),
        ("S/NI", "under 1,000", "plain"),
    }

    population = dict(read("mysociety__population_2019", demo_dir).select("lsoa", "pop").rows())
    lsoa11 = set(read("ons__lsoa11_lsoa21_lad22", demo_dir).get_column("LSOA11CD"))
    assert {code for code in population if code[0] in "EW"} == lsoa11
    assert any(code.startswith("S01") for code in population)
    assert any(re.fullmatch(r"95[A-Z]{2}\d{2}[SW]\d", code) for code in population)
    file6 = read("mhclg__iod2019_file6", demo_dir)
    for code, mid2015 in file6.select(
        "LSOA code (2011)", "Total population: mid 2015 (excluding prisoners)"
    ).rows():
        assert 0.95 <= population[code] / mid2015 <= 1.06, code
