"""The five pressures, their composite and its sensitivity test, checked on the real refresh's
published warehouse: row counts, the method recomputed independently in numpy from the published
pressure ranks, the random weights redrawn from the seed in the model's YAML, and the README's
worked question answered from the tables."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from tests.conftest import REPO_ROOT
from tests.integration import scalar

PRESSURES = ("poverty", "transience", "fragmentation", "isolation", "democracy")
ENGLISH_LSOAS = 33_755


def test_every_lsoa_has_a_row_and_england_is_ranked(real_db):
    assert scalar(real_db, "select count(*) from marts.fct_lsoa21_pressures") == 35_672
    assert scalar(real_db, "select count(*) from marts.fct_lsoa21_pressure_indicators") == 35_672
    statuses = dict(
        real_db.execute(
            "select composite_status, count(*) from marts.fct_lsoa21_pressures group by all"
        ).fetchall()
    )
    assert statuses == {"ranked": ENGLISH_LSOAS, "not_ranked": 1_917}
    assert (
        scalar(
            real_db,
            "select count(*) from marts.fct_lsoa21_pressures "
            "where composite_status = 'ranked' and lsoa21_code not like 'E01%'",
        )
        == 0
    )
    assert scalar(real_db, "select count(*) from marts.pressures_sensitivity") == ENGLISH_LSOAS
    assert scalar(real_db, "select count(*) from marts.pressures_sensitivity_runs") == 1_007


def test_each_pressure_ranks_all_of_england_into_tenths(real_db):
    for pressure in PRESSURES:
        ranks = real_db.execute(
            f"select count({pressure}_rank), count(distinct {pressure}_rank), "
            f"min({pressure}_rank), max({pressure}_rank), "
            f"count(*) filter (where {pressure}_decile = 1) from marts.fct_lsoa21_pressures"
        ).fetchone()
        assert ranks == (ENGLISH_LSOAS, ENGLISH_LSOAS, 1, ENGLISH_LSOAS, 3_375), pressure


def test_every_pressure_has_indicators_and_diversity_is_none_of_them(real_db):
    indicators = real_db.execute(
        "select pressure, list(indicator order by indicator) from marts.pressure_indicators "
        "group by pressure"
    ).fetchall()
    by_pressure = dict(indicators)
    assert set(by_pressure) == set(PRESSURES)
    assert all(len(names) >= 2 for names in by_pressure.values()), by_pressure
    every = [name for names in by_pressure.values() for name in names]
    assert not [name for name in every if "diversity" in name or "ethnic_group" in name]
    # Each indicator's values and statuses are published, and the diversity indices sit beside
    # them as context.
    columns = {
        row[0]
        for row in real_db.execute(
            "select column_name from information_schema.columns "
            "where table_schema = 'marts' and table_name = 'fct_lsoa21_pressure_indicators'"
        ).fetchall()
    }
    assert {*every, *(f"{name}_status" for name in every)} <= columns
    assert {"ethnic_diversity_index", "religious_diversity_index"} <= columns


def test_gp_practices_are_shown_where_placed_and_scored_nowhere(real_db):
    shown = real_db.execute(
        "select count(*) filter (where gp_practices_status = 'observed'), "
        "count(*) filter (where gp_practices is null), sum(gp_practices) "
        "from marts.fct_lsoa21_pressure_indicators"
    ).fetchone()
    placed = real_db.execute(
        "select count(gp_practices), count(*) - count(gp_practices), sum(gp_practices) "
        "from marts.fct_lsoa21_social_infrastructure"
    ).fetchone()
    assert shown == placed
    # Offline only the districts whose postcodes are loaded have them: some, far from all.
    assert 0 < shown[0] < 35_672
    assert shown[2] > 0
    assert not scalar(
        real_db, "select count(*) from marts.pressure_indicators where indicator ilike '%gp%'"
    )


def _exponential(rank: np.ndarray, n: int) -> np.ndarray:
    """The IoD's exponential transformation of a rank (1 = most pressured), 0 to 100."""
    share = 1 - (rank - 0.5) / n  # least pressured near 0, most near 1
    return -23 * np.log(1 - share * (1 - np.exp(-100 / 23)))


def test_composite_recomputed_from_the_published_pressure_ranks(real_db):
    rows = real_db.execute(
        "select lsoa21_code, "
        + ", ".join(f"{pressure}_rank" for pressure in PRESSURES)
        + ", composite_rank from marts.fct_lsoa21_pressures "
        "where composite_status = 'ranked' order by lsoa21_code"
    ).fetchall()
    ranks = np.array([row[1:6] for row in rows], dtype=float)
    composite = _exponential(ranks, len(rows)).mean(axis=1)
    codes = np.array([row[0] for row in rows])
    order = np.lexsort((codes, -composite))
    recomputed = np.empty(len(rows), dtype=int)
    recomputed[order] = np.arange(1, len(rows) + 1)
    published = np.array([row[6] for row in rows])
    # The transformation's exact offset ((r - 0.5) / n or r / n) can swap near-equal neighbours,
    # never move an LSOA far.
    assert np.abs(recomputed - published).max() <= 2
    assert (recomputed == published).mean() > 0.99


def test_sensitivity_weights_are_redrawn_from_the_seed_in_the_yaml(real_db):
    model = yaml.safe_load(
        (REPO_ROOT / "dbt_project/models/intermediate/int_pressure_sensitivity_runs.yml").read_text(
            encoding="utf-8"
        )
    )["models"][0]
    seed, draws = model["config"]["seed"], model["config"]["draws"]
    ordered = sorted(PRESSURES)
    published = np.array(
        real_db.execute(
            "select "
            + ", ".join(f"{pressure}_weight" for pressure in ordered)
            + " from marts.pressures_sensitivity_runs where variant = 'random_weights' "
            "order by draw"
        ).fetchall()
    )
    expected = np.random.default_rng(seed).uniform(0.5, 1.5, size=(draws, len(ordered))) / 5
    assert published.shape == (draws, len(ordered))
    np.testing.assert_allclose(published, expected, rtol=0, atol=1e-15)
    assert published.min() >= 0.1 and published.max() <= 0.3  # within +-50% of 0.2


def test_sensitivity_runs_agree_with_the_published_composite(real_db):
    baseline = real_db.execute(
        "select rank_correlation, worst_decile_kept_pct from marts.pressures_sensitivity_runs "
        "where variant = 'baseline'"
    ).fetchone()
    assert baseline == (1.0, 100.0)
    variants = dict(
        real_db.execute(
            "select variant, count(*) from marts.pressures_sensitivity_runs group by all"
        ).fetchall()
    )
    assert variants == {
        "baseline": 1,
        "z_scores": 1,
        "random_weights": 1_000,
        **{f"without_{pressure}": 1 for pressure in PRESSURES},
    }
    # Per LSOA: in the worst decile in every random run only if it is in the published one's.
    stray = scalar(
        real_db,
        "select count(*) from marts.pressures_sensitivity "
        "where random_weight_worst_decile_pct = 100 and composite_decile <> 1",
    )
    assert stray == 0


def test_where_pressures_coincide_adds_up_per_ward_and_district(real_db):
    levels = dict(
        real_db.execute(
            "select area_level, sum(usual_residents) from marts.where_pressures_coincide "
            "group by all"
        ).fetchall()
    )
    assert len(set(levels.values())) == 1  # every level holds all of England's residents
    assert scalar(
        real_db,
        "select count(*) from marts.where_pressures_coincide where area_level = 'ward24'",
    ) == scalar(
        real_db,
        "select count(distinct ward24_code) from marts.dim_lsoa21 where lsoa21_code like 'E01%'",
    )
    # A ward's count of LSOAs with 3+ pressures is the sum over its LSOAs.
    mismatched = scalar(
        real_db,
        """
        select count(*)
        from marts.where_pressures_coincide as ward
        inner join (
            select ward24_code, sum(lsoas_with_3plus_pressures) as lsoas
            from marts.where_pressures_coincide where area_level = 'lsoa21'
            group by ward24_code
        ) as lsoa using (ward24_code)
        where ward.area_level = 'ward24' and ward.lsoas_with_3plus_pressures <> lsoa.lsoas
        """,
    )
    assert mismatched == 0


MANCHESTER_QUERY = (REPO_ROOT / "docs/queries/manchester_wards_pressures.sql").read_text(
    encoding="utf-8"
)


def test_readme_question_manchester_wards_with_3_or_more_pressures(real_db):
    rows = real_db.execute(MANCHESTER_QUERY).fetchall()
    names = [row[0] for row in rows]
    england = [row for row in rows if row[0] == "England"]
    wards = [row for row in rows if row[0] != "England"]
    assert len(england) == 1 and wards
    assert all(row[1] >= 3 for row in wards)
    # Every ward named is a Manchester ward of May 2024 facing 3+ pressures, and all are named.
    expected = {
        row[0]
        for row in real_db.execute(
            "select area_name from marts.where_pressures_coincide "
            "where area_level = 'ward24' and lad24_name = 'Manchester' and pressures_faced >= 3"
        ).fetchall()
    }
    assert set(names) - {"England"} == expected
    assert len(names) == len(set(names))


def test_manchester_wards_pressures_recomputed_from_their_neighbourhoods(real_db):
    # A ward faces a pressure when more than half its residents live in LSOAs in the worst fifth.
    faced = ", ".join(
        f"sum(case when p.{pressure}_decile <= 2 then w.usual_residents else 0 end) * 2 "
        f"> sum(w.usual_residents) as {pressure}"
        for pressure in PRESSURES
    )
    recomputed = real_db.execute(
        f"""
        select d.ward24_name, {faced}
        from marts.fct_lsoa21_pressures as p
        inner join marts.dim_lsoa21 as d using (lsoa21_code)
        inner join marts.where_pressures_coincide as w
            on w.area_level = 'lsoa21' and w.area_code = p.lsoa21_code
        where d.lad24_name = 'Manchester'
        group by d.ward24_name
        """
    ).fetchall()
    expected = {
        row[0]: [name for name, is_faced in zip(PRESSURES, row[1:]) if is_faced]
        for row in recomputed
    }
    assert len(expected) == 32
    published = dict(
        real_db.execute(
            "select area_name, pressures_faced_names from marts.where_pressures_coincide "
            "where area_level = 'ward24' and lad24_name = 'Manchester'"
        ).fetchall()
    )
    assert {
        name: sorted(value.split(", ")) if value else [] for name, value in published.items()
    } == {name: sorted(value) for name, value in expected.items()}
    assert sum(len(value) >= 3 for value in expected.values()) == 25


def test_england_grants_per_head_reconcile_with_the_grants_table(real_db):
    national_sources = (
        "'lloyds_bank_foundation__grants_360giving', 'threesixtygiving__covid19_tracker_2020'"
    )
    placed = scalar(
        real_db,
        f"select sum(amount_gbp) from marts.fct_grants where source_id in ({national_sources}) "
        "and lsoa21_code like 'E01%'",
    )
    england = real_db.execute(
        "select national_funder_grants_gbp, national_funder_grants_per_head_gbp, usual_residents "
        "from marts.where_pressures_coincide where area_level = 'ctry'"
    ).fetchone()
    assert england[0] == pytest.approx(placed)
    assert england[1] == pytest.approx(placed / england[2])
    assert england[2] == scalar(
        real_db,
        "select sum(usual_residents) from marts.where_pressures_coincide "
        "where area_level = 'lsoa21'",
    )


def test_readme_shows_the_real_manchester_result(real_db):
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Which wards of Manchester", 1)[1].split("\n## ", 1)[0]
    table_rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| area_name")
    ]
    rows = real_db.execute(MANCHESTER_QUERY).fetchall()
    assert [(row[0], int(row[1])) for row in table_rows] == [(row[0], row[1]) for row in rows]
    assert [row[-1] for row in table_rows] == [f"{row[-1]:.2f}" for row in rows]


def test_funding_by_pressure_shows_placement_beside_every_figure(real_db):
    statuses = dict(
        real_db.execute(
            "select status, count(*) filter (where amount_gbp is not null) "
            "from marts.funding_by_pressure group by all"
        ).fetchall()
    )
    # Only observed figures have an amount: not covered and not placed are never a zero.
    assert statuses["observed"] > 0
    assert statuses["not_covered"] == 0 and statuses["not_placed"] == 0
    # A funder whose grants all lack a placeable location (Indigo Trust's give none) is not_placed.
    assert {
        row[0]
        for row in real_db.execute(
            "select distinct status from marts.funding_by_pressure "
            "where funder_name = 'Indigo Trust'"
        ).fetchall()
    } == {"not_placed"}
    # The money per grouping adds up to the money placed in covered LSOAs, in both groupings.
    for funder in ("All grants", "All allocations"):
        totals = real_db.execute(
            "select grouping, sum(amount_gbp), sum(covered_residents) "
            "from marts.funding_by_pressure where funder_name = ? group by all",
            [funder],
        ).fetchall()
        assert len(totals) == 2
        assert totals[0][1] == pytest.approx(totals[1][1])
        assert totals[0][2] == totals[1][2]
    allocations = real_db.execute(
        "select sum(amount_gbp) from marts.fct_lad_allocations"
    ).fetchone()[0]
    placed_pct = scalar(
        real_db,
        "select any_value(placed_amount_pct) from marts.funding_by_pressure "
        "where funder_name = 'All allocations'",
    )
    placed = scalar(
        real_db,
        "select sum(amount_gbp) from marts.funding_by_pressure "
        "where funder_name = 'All allocations' and grouping = 'composite_decile'",
    )
    assert placed == pytest.approx(allocations * placed_pct / 100, rel=1e-6)


@pytest.mark.parametrize("pressure", PRESSURES)
def test_each_pressure_score_is_the_mean_of_its_indicators_normal_scores(real_db, pressure):
    worst = real_db.execute(
        f"""
        select max(abs(p.{pressure}_score - s.mean_score))
        from marts.fct_lsoa21_pressures as p
        inner join (
            select lsoa21_code, avg(normal_score) as mean_score
            from intermediate.int_lsoa21_pressure_indicator_scores
            where pressure = '{pressure}'
            group by lsoa21_code
        ) as s using (lsoa21_code)
        """
    ).fetchone()[0]
    assert worst < 1e-12


def test_the_readme_shows_the_query_tested_here():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    body = " ".join(line for line in MANCHESTER_QUERY.splitlines() if not line.startswith("--"))
    assert " ".join(body.split()) in " ".join(readme.split())
