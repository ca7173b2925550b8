"""The IoD2019 family's demo files agree with one another: ranks and deciles in Files 1, 2 and 3 and
the ONS IMD lookup follow File 9's transformed scores, and File 6's populations add up. (File 7 is
tested with the real Warrington subset in tests/unit/test_iod2019_file7.py.)"""

from __future__ import annotations

from pathlib import Path

from ingest.catalog import get_source
from tests.unit.demo.conftest import columns, read

# File 9's seven exponentially transformed domain scores, Income ... Living Environment.
TRANSFORMED = columns("mhclg__iod2019_file9")[4:]


# ---------------------------------------------------------------------------------------------
# IoD2019 values agree with one another
# ---------------------------------------------------------------------------------------------


def test_imd_rank_is_rank_of_weighted_file9_score(demo_dir: Path) -> None:
    file9 = read("mhclg__iod2019_file9", demo_dir)
    score_columns = TRANSFORMED
    weights = (225, 225, 135, 135, 93, 93, 93)  # Income ... Living Environment, per mille
    scored = sorted(
        (
            -sum(w * round(v * 1000) for w, v in zip(weights, row[1:], strict=True)),
            row[0],
        )
        for row in file9.select("LSOA code (2011)", *score_columns).rows()
    )
    expected = {code: rank for rank, (_, code) in enumerate(scored, start=1)}
    n = len(expected)

    file1 = read("mhclg__iod2019_file1", demo_dir)
    ranks = dict(
        file1.select("LSOA code (2011)", "Index of Multiple Deprivation (IMD) Rank").rows()
    )
    assert ranks == expected
    for code, decile in file1.select(
        "LSOA code (2011)", "Index of Multiple Deprivation (IMD) Decile"
    ).rows():
        assert decile == -(-expected[code] * 10 // n)

    rank_header = "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)"
    for source_id in ("mhclg__iod2019_file2", "mhclg__iod2019_file3"):
        frame = read(source_id, demo_dir)
        assert dict(frame.select("LSOA code (2011)", rank_header).rows()) == expected
    imd = read("ons__imd2019_lookup", demo_dir)
    assert dict(imd.select("LSOA11CD", "IMD19").rows()) == expected


def test_domain_ranks_follow_transformed_scores(demo_dir: Path) -> None:
    file9 = read("mhclg__iod2019_file9", demo_dir).sort("LSOA code (2011)")
    file2 = read("mhclg__iod2019_file2", demo_dir).sort("LSOA code (2011)")
    n = file9.height
    file2_names = (
        "Income",
        "Employment",
        "Education, Skills and Training",
        "Health Deprivation and Disability",
        "Crime",
        "Barriers to Housing and Services",
        "Living Environment",
    )
    for transformed, name in zip(TRANSFORMED, file2_names, strict=True):
        scores = file9.get_column(transformed)
        assert 0 < scores.min() and scores.max() < 100
        ranks = file2.get_column(f"{name} Rank (where 1 is most deprived)")
        assert sorted(ranks.to_list()) == list(range(1, n + 1))
        # Higher transformed score = more deprived = smaller rank.
        by_rank = scores.gather(ranks.arg_sort()).to_list()
        assert by_rank == sorted(by_rank, reverse=True)


def test_population_parts_sum_to_total(demo_dir: Path) -> None:
    file6 = read("mhclg__iod2019_file6", demo_dir)
    total, children, middle, older, working = (
        c.header for c in get_source("mhclg__iod2019_file6").columns[4:]
    )
    assert (file6[children] + file6[middle] + file6[older] == file6[total]).all()
    assert file6[total].min() >= 1000 and file6[total].max() <= 3000
    fractions = set((file6[working] % 1).to_list())
    assert fractions <= {0.0, 0.25, 0.5, 0.75} and len(fractions) > 1
