"""Diversity is not a pressure, tested by what the composite does rather than what it reads.

Each district's neighbourhoods swap their ethnic and religious make-up among themselves (every
LSOA takes the Census 2021 TS021 and TS030 rows of the next LSOA of its district). A district's
segregation indices depend only on the set of its neighbourhoods' compositions, so they stay the
same, while each neighbourhood's own diversity changes. If any score read who lives in a
neighbourhood, its pressures would move; none may."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from orchestration.lib.dbt_project import DBT_PROJECT_DIR

RANKS = (
    "lsoa21_code, composite_rank, composite_score, poverty_rank, transience_rank, "
    "fragmentation_rank, isolation_rank, democracy_rank"
)


def _rotate_within_districts(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Give each LSOA the row of the next LSOA (in code order) of its district; rows moved."""
    con.execute(
        f"""
        create temp table moves as
        with lsoas as (
            select lsoa21_code, lad23_code from marts.dim_lsoa21
            where lsoa21_code in (select trim("geography code") from raw.{table})
        )
        select
            lsoa21_code as from_code,
            coalesce(
                lead(lsoa21_code) over (partition by lad23_code order by lsoa21_code),
                first_value(lsoa21_code) over (partition by lad23_code order by lsoa21_code)
            ) as to_code
        from lsoas
        """
    )
    moved = con.execute("select count(*) from moves where from_code <> to_code").fetchone()[0]
    con.execute(
        f"""
        update raw.{table} set "geography code" = moves.to_code
        from moves where trim(raw.{table}."geography code") = moves.from_code
        """
    )
    con.execute("drop table moves")
    return moved


def test_composite_does_not_move_when_neighbourhoods_swap_their_make_up(demo_home, tmp_path):
    published = duckdb.connect(str(demo_home / "placeindex.duckdb"), read_only=True)
    try:
        before = published.execute(f"select {RANKS} from marts.fct_lsoa21_pressures").fetchall()
        diversity_before = dict(
            published.execute(
                "select lsoa21_code, ethnic_diversity_index "
                "from marts.fct_lsoa21_pressure_indicators"
            ).fetchall()
        )
    finally:
        published.close()

    # The same file name as the work database: dbt's views name their tables by database.
    work = tmp_path / "placeindex.duckdb"
    shutil.copyfile(demo_home / "work" / "placeindex.duckdb", work)
    con = duckdb.connect(str(work))
    try:
        moved = sum(
            _rotate_within_districts(con, table)
            for table in ("ons__census2021_ts021_lsoa", "ons__census2021_ts030_lsoa")
        )
    finally:
        con.close()
    assert moved > 100

    dbt = Path(sys.executable).parent / "dbt"
    build = subprocess.run(
        [
            str(dbt),
            "run",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(tmp_path / "target"),
            "--select",
            "int_lad_segregation+ int_lsoa21_census_pressure_indicators+",
            "--exclude",
            "int_pressure_sensitivity_runs+",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PLACEINDEX_WORK_DB": str(work), "DBT_LOG_PATH": str(tmp_path)},
    )
    assert build.returncode == 0, build.stdout[-3000:]

    con = duckdb.connect(str(work), read_only=True)
    try:
        after = con.execute(f"select {RANKS} from marts.fct_lsoa21_pressures").fetchall()
        diversity_after = dict(
            con.execute(
                "select lsoa21_code, ethnic_diversity_index "
                "from marts.fct_lsoa21_pressure_indicators"
            ).fetchall()
        )
    finally:
        con.close()

    changed = sum(
        1
        for code, value in diversity_after.items()
        if value is not None and abs(value - diversity_before[code]) > 1e-9
    )
    # The swap did change who lives where...
    assert changed > len(diversity_after) // 2
    # ...and no neighbourhood's pressures moved (scores to the last few bits of a double).
    by_code = {row[0]: row for row in before}
    for row in after:
        old = by_code[row[0]]
        assert row[1] == old[1] and row[3:] == old[3:], row[0]
        assert (row[2] is None and old[2] is None) or abs(row[2] - old[2]) < 1e-9, row[0]
