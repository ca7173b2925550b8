"""The whole refresh job end to end on the synthetic demo data, through the CLI a user runs.

The demo folder is shared by the whole test run and all its xdist workers (tests/conftest.py), and
nothing here writes into it: each refresh runs on a copy of it, the exports on another."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys

import duckdb
import pyarrow.parquet as pq
import pytest

from ingest.catalog import SOURCES
from orchestration.cli import main


@pytest.fixture(scope="module")
def export_home(demo_home, tmp_path_factory):
    """A copy of the demo folder for the exports (written into its exports/)."""
    home = tmp_path_factory.mktemp("export_home") / "home"
    shutil.copytree(demo_home, home)
    return home


def test_refresh_prints_progress_and_keeps_dbt_output_in_the_log(demo_refresh):
    home, terminal = demo_refresh
    lines = terminal.splitlines()
    assert any(line.split()[:2] == ["ok", "raw/mhclg__iod2019_file1"] for line in lines)
    assert any(line.split()[:2] == ["ok", "marts/fct_lsoa21_deprivation"] for line in lines)
    assert "Published" in terminal and "marts.fct_lsoa21_deprivation" in terminal
    assert "Running with dbt" not in terminal
    (log,) = (home / "logs").glob("refresh-*.log")
    log_text = log.read_text()
    assert "Running with dbt" in log_text and "PASS=112" not in terminal
    assert "\x1b[" not in log_text  # no colour codes in the file


def test_the_refresh_is_recorded_in_the_dagster_instance_the_ui_reads(demo_home):
    """`make dev` opens DATA/dagster: the CLI's run, its materialisations, metadata and check
    results are there."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(demo_home / "dagster")) as instance:
        (run,) = instance.get_runs()
        assert run.job_name == "refresh" and run.status == dg.DagsterRunStatus.SUCCESS
        published = instance.get_latest_materialization_event(dg.AssetKey("published_warehouse"))
        assert published is not None and published.run_id == run.run_id
        raw = instance.get_latest_materialization_event(
            dg.AssetKey(["raw", "mhclg__iod2019_file1"])
        )
        assert raw.asset_materialization.metadata["dagster/row_count"].value == 300
        checks = instance.get_records_for_run(
            run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION, limit=5000
        ).records
        # Every check the definitions declare ran once: the GX suites and the dbt tests.
        from orchestration.definitions import defs

        assert len(checks) == len(defs.resolve_asset_graph().asset_check_keys) > 500
        assert all(
            record.event_log_entry.dagster_event.event_specific_data.passed for record in checks
        )


def test_demo_refresh_publishes_marts_marked_synthetic(demo_home):
    con = duckdb.connect(str(demo_home / "placeindex.duckdb"), read_only=True)
    try:
        synthetic = con.execute("select bool_and(synthetic) from meta.source_files").fetchone()[0]
        n_sources = con.execute("select count(*) from meta.source_files").fetchone()[0]
        dim = con.execute("select count(*) from marts.dim_lsoa21").fetchone()[0]
        english = con.execute(
            "select count(*) from marts.dim_lsoa21 where ctry_name = 'England'"
        ).fetchone()[0]
        fct = con.execute("select count(*) from marts.fct_lsoa21_deprivation").fetchone()[0]
        # dbt's views read their tables by database name: they must resolve in the published copy.
        views = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_type = 'VIEW' and table_schema in ('staging', 'intermediate')"
        ).fetchall()
        view_rows = {
            f"{schema}.{name}": con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[
                0
            ]
            for schema, name in views
        }
        methods = {
            row[0]
            for row in con.execute(
                "select distinct geography_method from marts.fct_lsoa21_deprivation"
            ).fetchall()
        }
    finally:
        con.close()
    assert synthetic is True and n_sources == len(SOURCES)  # the demo has every optional file
    assert dim > english > 0
    assert fct == english
    assert methods == {"unchanged", "split", "merged", "complex"}
    assert len(view_rows) > 50 and view_rows["staging.stg_ons__census2021_ts021_lsoa"] > 0


def test_status_query_and_export(export_home, capsys):
    assert main(["--home", str(export_home), "status"]) == 0
    out = capsys.readouterr().out
    assert "mhclg__iod2019_file1" in out and "SYNTHETIC" in out
    sql = "select count(*) as n from marts.fct_lsoa11_deprivation"
    assert main(["--home", str(export_home), "query", sql, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["n"] > 0
    assert main(["--home", str(export_home), "export", "--format", "parquet"]) == 0
    exported = duckdb.sql(
        f"select count(*) from '{export_home}/exports/fct_lsoa11_deprivation.parquet'"
    ).fetchone()[0]
    assert exported == rows[0]["n"]


def test_corrupt_source_fails_clearly_and_keeps_the_published_file(demo_home, tmp_path):
    # On a whole copy of the demo folder (run history too): the demo folder is shared.
    home = tmp_path / "home"
    shutil.copytree(demo_home, home)
    published = home / "placeindex.duckdb"
    before = published.read_bytes()
    broken = tmp_path / "sources"
    shutil.copytree(demo_home / "demo_sources", broken)
    file1 = broken / "File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx"
    file1.write_bytes(file1.read_bytes()[:2000])
    # A reader holds the published file open during the failed refresh: no lock, same answers.
    reader = duckdb.connect(str(published), read_only=True)
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "orchestration.cli",
            "--home",
            str(home),
            "refresh",
            "--from-dir",
            str(broken),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("PLACEINDEX_")},
    )
    assert reader.execute("select count(*) from marts.dim_lsoa21").fetchone()[0] > 0
    reader.close()
    assert process.returncode == 1
    assert "nothing was published" in process.stderr
    assert (
        "mhclg__iod2019_file1: File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx: "
        "not a readable XLSX workbook" in process.stderr
    )
    assert published.read_bytes() == before


def test_demo_builds_every_census_mart(demo_home):
    con = duckdb.connect(str(demo_home / "placeindex.duckdb"), read_only=True)
    try:
        lsoa21 = con.execute("select count(*) from marts.dim_lsoa21").fetchone()[0]
        counts = {
            table: con.execute(f"select count(*) from marts.{table}").fetchone()[0]
            for table in (
                "fct_lsoa21_housing_tenure",
                "fct_lsoa21_transience",
                "fct_msoa21_tenure_change",
            )
        }
        msoa21 = con.execute("select count(distinct msoa21_code) from marts.dim_lsoa21").fetchone()[
            0
        ]
        # The demo zip carries the LA, region and country members, so their reconciliation
        # test ran on rows, not on empty tables.
        higher = con.execute(
            "select (select count(*) from raw.ons__census2021_ts054_ltla), "
            "(select count(*) from raw.ons__census2021_ts054_ctry)"
        ).fetchone()
        methods = {
            row[0]
            for row in con.execute(
                "select distinct msoa_change_method from marts.fct_msoa21_tenure_change"
            ).fetchall()
        }
    finally:
        con.close()
    assert counts["fct_lsoa21_housing_tenure"] == counts["fct_lsoa21_transience"] == lsoa21
    assert counts["fct_msoa21_tenure_change"] == msoa21 > 0
    assert higher[0] > 0 and higher[1] == 2
    assert "unchanged" in methods and len(methods) > 1


def test_survey_results_keep_confidence_limits_and_say_what_is_suppressed(demo_home):
    from demo.survey import WELLBEING_SUPPRESSED_AREA

    con = duckdb.connect(str(demo_home / "placeindex.duckdb"), read_only=True)
    try:
        code, year = WELLBEING_SUPPRESSED_AREA
        suppressed = con.execute(
            "select count(*), count(value), count(value_lower_95ci), min(data_marking), "
            "min(status) from marts.fct_lad_survey_results "
            "where source_id = 'ons__wellbeing_local_authority' and lad_code = ? and period = ?",
            [code, year],
        ).fetchone()
        mean = con.execute(
            "select value_lower_95ci < value and value < value_upper_95ci, status "
            "from marts.fct_lad_survey_results where lad_code = 'E08009901' "
            "and indicator = 'Life satisfaction' and measure = 'Average (mean)' "
            "and period = '2020-21'"
        ).fetchone()
        explorer_limits = con.execute(
            "select count(value_lower_95ci) from marts.fct_lad_survey_results "
            "where source_id = 'ons__subnational_indicators'"
        ).fetchone()[0]
    finally:
        con.close()
    assert suppressed == (20, 0, 0, "[x]", "suppressed")
    assert mean == (True, "observed")
    assert explorer_limits == 0  # the explorer publishes no confidence limits


def test_selected_refresh_builds_only_its_lineage_and_publishes_nothing(tmp_path, capsys):
    home = tmp_path / "selected"
    code = main(
        ["--home", str(home), "refresh", "--demo", "--select", "+marts/fct_lsoa21_deprivation"]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "not published" in out
    assert not (home / "placeindex.duckdb").exists()
    con = duckdb.connect(str(home / "work" / "placeindex.duckdb"), read_only=True)
    try:
        tables = {
            f"{schema}.{name}"
            for schema, name in con.execute(
                "select table_schema, table_name from information_schema.tables"
            ).fetchall()
        }
    finally:
        con.close()
    assert "marts.fct_lsoa21_deprivation" in tables
    assert "marts.fct_grants" not in tables and "raw.trafford__grants_360giving" not in tables


def test_published_marts_know_their_sources_and_attribution(demo_home):
    con = duckdb.connect(str(demo_home / "placeindex.duckdb"), read_only=True)
    try:
        pressures = {
            row[0]
            for row in con.execute(
                "select source_id from meta.mart_sources "
                "where mart_name = 'marts.fct_lsoa21_pressures'"
            ).fetchall()
        }
        deprivation = {
            row[0]
            for row in con.execute(
                "select source_id from meta.mart_sources "
                "where mart_name = 'marts.fct_lsoa21_deprivation'"
            ).fetchall()
        }
        marts = {
            row[0]
            for row in con.execute(
                "select 'marts.' || table_name from information_schema.tables "
                "where table_schema = 'marts'"
            ).fetchall()
        }
        lineage_marts = {
            row[0] for row in con.execute("select mart_name from meta.mart_sources").fetchall()
        }
        osm = con.execute(
            "select publisher, licence, attribution, synthetic from meta.mart_attribution "
            "where mart_name = 'marts.fct_lsoa21_pressures' "
            "and source_id = 'openstreetmap__places_to_meet'"
        ).fetchone()
        unloaded = con.execute(
            "select count(*) from meta.mart_attribution "
            "where source_id not in (select source_id from meta.source_files)"
        ).fetchone()[0]
    finally:
        con.close()
    assert "openstreetmap__places_to_meet" in pressures
    assert "scot_gov__simd2020v2_ranks" not in pressures  # Scotland's index feeds no English mart
    assert {"mhclg__iod2019_file1", "ons__lsoa11_lsoa21_lad22"} <= deprivation
    assert "openstreetmap__places_to_meet" not in deprivation
    assert lineage_marts <= marts and len(lineage_marts) > 20
    assert osm[0].startswith("OpenStreetMap contributors")
    assert "ODbL" in osm[1] and osm[2].startswith("© OpenStreetMap contributors")
    assert osm[3] is True  # the demo's file, marked synthetic
    assert unloaded == 0


def test_export_carries_each_tables_sources_and_attribution(export_home, capsys):
    assert main(["--home", str(export_home), "export", "--format", "parquet"]) == 0
    captured = capsys.readouterr()
    assert "ATTRIBUTION.csv" in captured.out and "unavailable" not in captured.err
    metadata = pq.read_schema(export_home / "exports" / "fct_lsoa21_pressures.parquet").metadata
    sources = metadata[b"sources"].decode().split(",")
    attribution = metadata[b"attribution"].decode().split(" | ")
    assert "openstreetmap__places_to_meet" in sources and sources == sorted(sources)
    assert any(text.startswith("© OpenStreetMap contributors") for text in attribution)
    assert len(attribution) == len(set(attribution))
    with open(export_home / "exports" / "ATTRIBUTION.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "table", "source_id", "publisher", "licence", "attribution", "url", "vintage"
    ]  # fmt: skip
    # The file's metadata and ATTRIBUTION.csv name the same sources for the table.
    assert sorted(row["source_id"] for row in rows if row["table"] == "fct_lsoa21_pressures") == (
        sources
    )
    (osm,) = (
        row
        for row in rows
        if (row["table"], row["source_id"])
        == ("fct_lsoa21_pressures", "openstreetmap__places_to_meet")
    )
    assert "ODbL" in osm["licence"] and osm["attribution"].startswith("© OpenStreetMap")


def test_the_published_file_describes_every_mart_and_column(demo_home, capsys):
    import yaml

    from tests.conftest import REPO_ROOT

    con = duckdb.connect(str(demo_home / "placeindex.duckdb"), read_only=True)
    try:
        tables = con.execute(
            "select count(*), count(comment) from duckdb_tables() where schema_name = 'marts'"
        ).fetchone()
        columns = con.execute(
            "select count(*), count(comment) from duckdb_columns() where schema_name = 'marts'"
        ).fetchone()
        comment = con.execute(
            "select comment from duckdb_columns() where schema_name = 'marts' "
            "and table_name = 'fct_lsoa21_pressures' and column_name = 'composite_rank'"
        ).fetchone()[0]
    finally:
        con.close()
    assert tables[0] > 30 and tables == (tables[0], tables[0])
    assert columns[0] > 900 and columns == (columns[0], columns[0])
    yml = yaml.safe_load(
        (REPO_ROOT / "dbt_project/models/marts/pressures/fct_lsoa21_pressures.yml").read_text()
    )
    (described,) = (
        column["description"]
        for column in yml["models"][0]["columns"]
        if column["name"] == "composite_rank"
    )
    assert comment.strip() == described.strip()

    assert main(["--home", str(demo_home), "describe"]) == 0
    listing = capsys.readouterr().out
    assert "fct_lsoa21_pressures  (" in listing and "grain: one row per LSOA 2021" in listing
    assert main(["--home", str(demo_home), "describe", "marts.where_pressures_coincide"]) == 0
    described_table = capsys.readouterr().out
    assert "national_funder_grants_per_head_gbp  DOUBLE [GBP per resident]" in described_table
    assert main(["--home", str(demo_home), "describe", "no_such_table"]) == 1
    assert "no table marts.no_such_table" in capsys.readouterr().err


def test_xlsx_export_has_a_readme_sheet_and_every_mart_rounded(export_home, capsys):
    import openpyxl

    assert main(["--home", str(export_home), "export", "--format", "xlsx"]) == 0
    exports = export_home / "exports"
    con = duckdb.connect(str(export_home / "placeindex.duckdb"), read_only=True)
    try:
        counts = {
            table: con.execute(f'select count(*) from marts."{table}"').fetchone()[0]
            for (table,) in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'marts'"
            ).fetchall()
        }
        pct = con.execute(
            "select lsoa21_code, private_rented_pct from marts.fct_lsoa21_pressure_indicators "
            "where private_rented_pct is not null order by lsoa21_code limit 1"
        ).fetchone()
        n_columns = con.execute(
            "select count(*) from duckdb_columns() where schema_name = 'marts'"
        ).fetchone()[0]
    finally:
        con.close()
    workbook = openpyxl.load_workbook(exports / "placeindex.xlsx", read_only=True)
    assert workbook.sheetnames[:2] == ["README", "dictionary"]
    readme = list(workbook["README"].iter_rows(values_only=True))
    assert readme[4][:2] == ("Synthetic data", "YES: made-up demo data, not official statistics")
    header = readme.index(
        ("sheet", "table", "rows", "grain", "description", "sources", "licences", "attribution")
    )
    listed = {row[1]: row for row in readme[header + 1 :]}
    assert {table: row[2] for table, row in listed.items()} == counts
    pressures = listed["fct_lsoa21_pressures"]
    assert "openstreetmap__places_to_meet" in pressures[5] and "ODbL" in pressures[6]
    assert "© OpenStreetMap contributors" in pressures[7]
    # Every mart has its sheet with every row; values rounded for reading.
    for table, rows in counts.items():
        sheet = workbook[listed[table][0]]
        assert sum(1 for _ in sheet.iter_rows(values_only=True)) == rows + 1, table
    sheet = workbook[listed["fct_lsoa21_pressure_indicators"][0]]
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows)
    code_at, pct_at = header_row.index("lsoa21_code"), header_row.index("private_rented_pct")
    first = next(row for row in rows if row[code_at] == pct[0])
    assert first[pct_at] == round(pct[1], 2)
    assert sum(1 for _ in workbook["dictionary"].iter_rows()) == n_columns + 1
    workbook.close()
    with open(exports / "DATA_DICTIONARY.csv", newline="", encoding="utf-8") as handle:
        dictionary = list(csv.DictReader(handle))
    assert len(dictionary) == n_columns
    (row,) = (
        row
        for row in dictionary
        if (row["table"], row["column"]) == ("fct_lsoa21_pressures", "composite_decile")
    )
    assert row["unit"] == "decile (1-10)" and row["grain"].startswith("one row per LSOA 2021")
    assert "## fct_lsoa21_pressures" in (exports / "DATA_DICTIONARY.md").read_text()


def test_csv_export_is_rounded_and_parquet_keeps_full_precision(export_home):
    assert main(["--home", str(export_home), "export", "--format", "both"]) == 0
    exports = export_home / "exports"
    values = duckdb.sql(
        f"select c.private_rented_pct, p.private_rented_pct "
        f"from read_csv('{exports}/fct_lsoa21_pressure_indicators.csv') as c "
        f"inner join '{exports}/fct_lsoa21_pressure_indicators.parquet' as p using (lsoa21_code) "
        f"where p.private_rented_pct is not null"
    ).fetchall()
    assert values and all(csv_value == round(full, 2) for csv_value, full in values)
    assert any(round(full, 2) != full for _, full in values)


def test_every_share_and_percent_column_is_in_its_range(demo_home):
    """`_share` columns are 0-1 and `_pct` columns 0-100 in every published table (a change, in
    `_pp` or a `_change_..._pct`, may be negative)."""
    con = duckdb.connect(str(demo_home / "placeindex.duckdb"), read_only=True)
    try:
        columns = con.execute(
            "select table_name, column_name from duckdb_columns() where schema_name = 'marts' "
            "and (column_name like '%\\_share' escape '\\' or column_name like '%\\_pct' escape '\\')"
            " and column_name not like '%change%'"
        ).fetchall()
        out_of_range = []
        for table, column in columns:
            low, high = con.execute(
                f'select min("{column}"), max("{column}") from marts."{table}"'
            ).fetchone()
            top = 1 if column.endswith("_share") else 100
            if low is not None and (low < 0 or high > top + 1e-9):
                out_of_range.append((table, column, low, high))
    finally:
        con.close()
    assert len(columns) > 50
    assert out_of_range == []


def test_a_refresh_that_fails_before_dbt_names_no_empty_log(tmp_path, capsys):
    empty = tmp_path / "no_sources"
    empty.mkdir()
    home = tmp_path / "home"
    assert main(["--home", str(home), "refresh", "--from-dir", str(empty)]) == 1
    err = capsys.readouterr().err
    assert "Refresh FAILED" in err and "none of" in err
    assert "Full log:" not in err
    assert not [path for path in (home / "logs").glob("*.log") if path.stat().st_size == 0]


def test_a_failing_expectation_suite_blocks_publishing(demo_home, tmp_path):
    """A file that reads cleanly but breaks a value rule of its suite (an LSOA 2011 code that is no
    GSS code) stops everything downstream: no dbt, no publish, the last good file kept."""
    home = tmp_path / "home"
    shutil.copytree(demo_home, home, ignore=shutil.ignore_patterns("dagster", "logs"))
    published = home / "placeindex.duckdb"
    before = published.read_bytes()
    sources = tmp_path / "sources"
    shutil.copytree(demo_home / "demo_sources", sources)
    lookup = sources / "LSOA_2011_to_LSOA_2021_Lookup_E_W.csv"
    lines = lookup.read_bytes().decode("cp1252").splitlines()
    first = lines[1].split(",")
    first[0] = "X99999999"
    lines[1] = ",".join(first)
    lookup.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    process = subprocess.run(
        [sys.executable, "-m", "orchestration.cli", "--home", str(home), "refresh"]
        + ["--from-dir", str(sources)],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("PLACEINDEX_")},
    )
    assert process.returncode == 1, process.stdout[-2000:]
    assert "nothing was published" in process.stderr
    assert "ons__lsoa11_lsoa21_lad22" in process.stderr and "LSOA11CD" in process.stderr
    assert published.read_bytes() == before
    # The models were never built from it: dbt did not run.
    built = [line for line in process.stdout.splitlines() if line.split()[:1] == ["ok"]]
    assert built and not [line for line in built if line.split()[1].startswith("marts/")]


def _refresh(home, *args):
    return subprocess.run(
        [sys.executable, "-m", "orchestration.cli", "--home", str(home), "refresh", *args],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("PLACEINDEX_")},
    )


def test_a_refresh_with_nothing_changed_loads_builds_and_publishes_nothing(demo_home, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(demo_home, home, ignore=shutil.ignore_patterns("dagster", "logs", "exports"))
    published = home / "placeindex.duckdb"
    before, stat = published.read_bytes(), published.stat()

    process = _refresh(home, "--demo")

    assert process.returncode == 0, process.stderr
    assert "Nothing changed since the publish of " in process.stdout
    assert f"the files of all {len(SOURCES)} sources have the bytes it was built from" in (
        process.stdout
    )
    assert not [line for line in process.stdout.splitlines() if line.startswith("  ok ")]
    assert published.read_bytes() == before
    assert published.stat().st_mtime_ns == stat.st_mtime_ns
    # No Dagster run was started for it: the instance's folder holds nothing.
    assert not [path for path in (home / "dagster").rglob("*") if path.is_file()]


def test_one_changed_source_refreshes_only_it_and_what_depends_on_it(demo_home, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(demo_home, home, ignore=shutil.ignore_patterns("dagster", "logs", "exports"))
    published = home / "placeindex.duckdb"
    con = duckdb.connect(str(published), read_only=True)
    runs_before = con.execute("select count(*) from meta.refresh_runs").fetchone()[0]
    marts_before = {
        name
        for (name,) in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts'"
        ).fetchall()
    }
    con.close()
    # The publisher re-saves the rural-urban file: the same rows with Windows line endings.
    rurality = home / "demo_sources" / "Rural_Urban_Classification_(2021)_of_LSOAs_in_EW.csv"
    rurality.write_bytes(rurality.read_bytes().replace(b"\n", b"\r\n"))

    process = _refresh(home, "--demo")

    assert process.returncode == 0, process.stderr
    lines = process.stdout.splitlines()
    changed = [line for line in lines if line.startswith("  changed ")]
    assert len(changed) == 1 and changed[0].startswith("  changed ons__ruc21_lsoa21: new bytes")
    built = [line.split()[1] for line in lines if line.startswith("  ok ")]
    assert [name for name in built if name.startswith("raw/")] == ["raw/ons__ruc21_lsoa21"]
    assert "staging/stg_ons__ruc21_lsoa21" in built and "marts/dim_lsoa21" in built
    # Models that do not read it are not rebuilt.
    assert "staging/stg_mhclg__iod2019_imd" not in built
    assert "published_warehouse" in built
    con = duckdb.connect(str(published), read_only=True)
    assert con.execute("select count(*) from meta.refresh_runs").fetchone()[0] == runs_before + 1
    # The whole warehouse is published: every mart is still there.
    assert {
        name
        for (name,) in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts'"
        ).fetchall()
    } == marts_before
    con.close()
