"""General-election turnout from the real files in ../shared/data, checked in the warehouse a real
refresh publishes: the House of Commons Library's published England turnouts, the population
overlap weights, the notional 2019 results on the 2024 boundaries, and turnout on every LSOA 2021."""

from __future__ import annotations

import pytest

from tests.integration import scalar

ENGLAND_2024 = """
    select
        round(100.0 * sum(valid_votes_count + invalid_votes_count) / sum(electorate_count), 2),
        count(*)
    from staging.stg_hoc_library__ge{year}_results
    where ctry_name = 'England'
"""


def test_england_turnout_is_the_published_figure_in_both_elections(real_db):
    # Turnout = (valid + invalid votes) / electorate, as the House of Commons Library computes it.
    assert real_db.execute(ENGLAND_2024.format(year=2024)).fetchone() == (60.35, 543)
    assert real_db.execute(ENGLAND_2024.format(year=2019)).fetchone() == (67.71, 533)
    # The same 2024 figure from the constituency model.
    england = real_db.execute(
        "select round(100.0 * sum(votes_cast_2024_count) / sum(electorate_2024_count), 2), "
        "count(*) from intermediate.int_pcon25_turnout where ctry_name = 'England'"
    ).fetchone()
    assert england == (60.35, 543)
    assert scalar(real_db, "select count(*) from intermediate.int_pcon25_turnout") == 575


def test_notional_2019_only_redistributes_the_2019_votes_and_electorate(real_db):
    published = real_db.execute(
        "select sum(electorate_count), sum(valid_votes_count + invalid_votes_count) "
        "from staging.stg_hoc_library__ge2019_results where ctry_name = 'England'"
    ).fetchone()
    assert published == (39_895_849, 27_013_315)
    notional = real_db.execute(
        "select sum(electorate_2019_notional_count), sum(votes_cast_2019_notional_count), "
        "round(100 * sum(votes_cast_2019_notional_count) "
        "/ sum(electorate_2019_notional_count), 2) "
        "from intermediate.int_pcon25_turnout where ctry_name = 'England'"
    ).fetchone()
    assert notional[0] == pytest.approx(published[0], abs=1e-3)
    assert notional[1] == pytest.approx(published[1], abs=1e-3)
    assert notional[2] == 67.71


def test_overlap_weights_of_each_lsoa11_sum_to_1(real_db):
    # The weight of a constituency in an LSOA 2011: the people in the overlap over the people in
    # all the LSOA's overlaps (int_lsoa21_turnout). Every LSOA 2011 of England and Wales is there,
    # and none has nobody in its overlaps (so the fallback by area is never used).
    lsoas, empty, worst = real_db.execute(
        """
        with sums as (
            select small_area_code, sum(overlap_population) as people
            from staging.stg_mysociety__lsoa11_parl25_overlap
            where small_area_type = 'lsoa11'
            group by small_area_code
        ),
        weights as (
            select
                overlap.small_area_code,
                sum(overlap.overlap_population / nullif(sums.people, 0)) as weight_sum
            from staging.stg_mysociety__lsoa11_parl25_overlap as overlap
            inner join sums using (small_area_code)
            group by overlap.small_area_code
        )
        select
            count(*),
            count(*) filter (where weight_sum is null),
            max(abs(weight_sum - 1))
        from weights
        """
    ).fetchone()
    assert (lsoas, empty) == (34_753, 0)
    assert worst < 1e-9
    # The weights the model used, per LSOA 2021 (2011 sources and constituencies combined).
    assert (
        scalar(
            real_db, "select max(abs(pcon24_weight_sum - 1)) from intermediate.int_lsoa21_turnout"
        )
        < 1e-9
    )


def test_every_lsoa21_of_england_and_wales_has_a_turnout(real_db):
    counts = real_db.execute(
        "select count(*), count(turnout_2024_pct), count(turnout_2019_notional_pct), "
        "count(turnout_change_pp), count(*) filter (where turnout_status = 'from_constituency') "
        "from intermediate.int_lsoa21_turnout"
    ).fetchone()
    assert counts == (35_672,) * 5
    missing = scalar(
        real_db,
        "select count(*) from marts.dim_lsoa21 "
        "anti join intermediate.int_lsoa21_turnout using (lsoa21_code)",
    )
    assert missing == 0


def test_a_split_lsoa_takes_its_constituencies_turnout_by_population_share(real_db):
    # E01011639 (unchanged in 2021): 53.07 of its people in Leeds South, 1,432.93 in Wakefield and
    # Rothwell, and a sliver of area with nobody in it in a third constituency.
    turnout = dict(
        real_db.execute(
            "select pcon24_name, turnout_2024_pct from intermediate.int_pcon25_turnout "
            "where pcon24_name in ('Leeds South', 'Wakefield and Rothwell')"
        ).fetchall()
    )
    # As published: (valid + invalid) / electorate.
    assert turnout["Leeds South"] == pytest.approx(100 * (31_678 + 473) / 75_953, abs=1e-9)
    assert turnout["Wakefield and Rothwell"] == pytest.approx(
        100 * (40_656 + 112) / 75_067, abs=1e-9
    )
    expected = (53.07 * turnout["Leeds South"] + 1432.93 * turnout["Wakefield and Rothwell"]) / (
        53.07 + 1432.93
    )
    row = real_db.execute(
        "select turnout_2024_pct, pcon24_count, main_pcon24_code, geography_method "
        "from intermediate.int_lsoa21_turnout where lsoa21_code = 'E01011639'"
    ).fetchone()
    assert row[0] == pytest.approx(expected, abs=1e-9)
    assert row[1:] == (2, "E14001560", "unchanged")
    # England's lowest 2024 turnout, Manchester Rusholme: (29,033 + 193) / 72,608.
    assert scalar(
        real_db,
        "select round(turnout_2024_pct, 2) from intermediate.int_pcon25_turnout "
        "where pcon24_code = 'E14001353'",
    ) == round(100 * (29_033 + 193) / 72_608, 2)


def test_constituency_turnout_is_published_with_its_boundary(real_db):
    rows = {
        row[0]: row[1:]
        for row in real_db.execute(
            "select ctry_name, count(*), count(*) filter (where has_boundary), "
            "round(100.0 * sum(votes_cast_2024_count) / sum(electorate_2024_count), 2) "
            "from marts.pcon24_turnout group by 1"
        ).fetchall()
    }
    # Every constituency of England and Wales, each with its July 2024 boundary to map it by, and
    # England's turnout as the Library publishes it.
    assert rows["England"] == (543, 543, 60.35)
    assert rows["Wales"][:2] == (32, 32)
    assert (
        scalar(
            real_db,
            "select pcon24_name from marts.pcon24_turnout order by turnout_2024_pct limit 1",
        )
        == "Manchester Rusholme"
    )
