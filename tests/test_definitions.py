"""The Dagster definitions load, and the catalog, dbt sources and checks agree."""

from __future__ import annotations

import json

import dagster as dg

from ingest.catalog import SOURCES
from orchestration.definitions import defs
from orchestration.lib.dbt_project import ensure_manifest


def test_every_dbt_source_has_a_catalog_entry_and_back():
    manifest = json.loads(ensure_manifest().read_text())
    dbt_sources = {
        node["name"] for node in manifest["sources"].values() if node["source_name"] == "raw"
    }
    assert dbt_sources == {source.source_id for source in SOURCES}


def test_graph_runs_from_raw_sources_to_the_published_warehouse():
    graph = defs.resolve_asset_graph()
    keys = graph.get_all_asset_keys()
    for source in SOURCES:
        assert dg.AssetKey(["raw", source.source_id]) in keys
    publish = dg.AssetKey("published_warehouse")
    upstream = graph.get(publish).parent_keys
    assert dg.AssetKey(["marts", "fct_lsoa21_deprivation"]) in upstream
    # dbt staging reads raw.<source_id>, so raw assets feed the dbt models with no translator.
    assert (
        dg.AssetKey(["raw", "mhclg__iod2019_file1"])
        in graph.get(dg.AssetKey(["staging", "stg_mhclg__iod2019_imd"])).parent_keys
    )


def test_every_raw_asset_has_a_blocking_expectations_check():
    graph = defs.resolve_asset_graph()
    for source in SOURCES:
        node = graph.get(dg.AssetKey(["raw", source.source_id]))
        specs = list(node.assets_def.check_specs)
        assert [spec.blocking for spec in specs] == [True], source.source_id


def test_refresh_job_and_stopped_daily_schedule():
    job = defs.resolve_job_def("refresh")
    assert job.executor_def.name == "in_process"
    schedule = defs.resolve_schedule_def("daily_refresh")
    assert schedule.default_status == dg.DefaultScheduleStatus.STOPPED
    assert schedule.job_name == "refresh"


def test_recorded_runs_use_an_instance_with_the_one_writer_pool(tmp_path, monkeypatch):
    from orchestration.lib.progress import _instance

    with _instance(tmp_path / "dagster") as instance:
        assert instance.is_persistent
        assert instance.get_concurrency_config().pool_config.default_pool_limit == 1
        assert type(instance.event_log_storage).__name__ == "PlaceindexSqliteEventLogStorage"
    with _instance(None) as instance:
        assert not instance.is_persistent


def test_an_instance_config_the_user_wrote_is_kept(tmp_path):
    from orchestration.lib.instance import ensure_instance_config

    (tmp_path / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    ensure_instance_config(tmp_path)
    assert (tmp_path / "dagster.yaml").read_text() == "telemetry:\n  enabled: false\n"
    # One placeindex wrote before is brought up to date.
    (tmp_path / "dagster.yaml").write_text("# Written by placeindex.\ntelemetry: {}\n")
    ensure_instance_config(tmp_path)
    assert "PlaceindexSqliteEventLogStorage" in (tmp_path / "dagster.yaml").read_text()


def test_select_with_plus_takes_everything_upstream_and_nothing_else():
    from orchestration.lib.progress import resolve_selection

    keys = resolve_selection(defs, ["+marts/fct_lsoa21_deprivation"])
    assert dg.AssetKey(["raw", "mhclg__iod2019_file9"]) in keys
    assert dg.AssetKey(["marts", "fct_lsoa21_deprivation"]) in keys
    assert dg.AssetKey(["raw", "trafford__grants_360giving"]) not in keys
    assert dg.AssetKey("published_warehouse") not in keys
    assert resolve_selection(defs, ["raw/drkane__la_all_codes"]) == [
        dg.AssetKey(["raw", "drkane__la_all_codes"])
    ]


def test_select_of_an_unknown_asset_is_a_clear_error():
    import pytest

    from orchestration.lib.progress import resolve_selection

    with pytest.raises(SystemExit) as error:
        resolve_selection(defs, ["marts/no_such_table"])
    assert str(error.value).startswith("placeindex: no asset 'marts/no_such_table'")


def test_publish_requires_every_mart_of_the_dbt_project():
    from orchestration.defs.publish import REQUIRED_TABLES
    from orchestration.lib.dbt_project import DBT_PROJECT_DIR

    marts = {f"marts.{path.stem}" for path in (DBT_PROJECT_DIR / "models" / "marts").rglob("*.sql")}
    assert marts <= set(REQUIRED_TABLES)
    assert {"meta.source_files", "meta.rejected_rows"} <= set(REQUIRED_TABLES)


def test_assets_are_grouped_by_layer_and_family_and_every_check_is_described():
    graph = defs.resolve_asset_graph()
    group = {key: graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert group[dg.AssetKey(["raw", "mhclg__iod2019_file1"])] == "raw_iod2019"
    assert group[dg.AssetKey(["staging", "stg_mhclg__iod2019_imd"])] == "staging_mhclg"
    assert group[dg.AssetKey(["marts", "fct_lsoa21_pressures"])] == "marts_pressures"
    assert "default" not in set(group.values())
    specs = {
        spec.key: spec
        for key in graph.get_all_asset_keys()
        for spec in graph.get(key).assets_def.check_specs
    }
    # The GX suites and dbt tests; mart column rules DuckDB enforces as constraints are not checks.
    assert len(specs) > 500
    assert not [key for key, spec in specs.items() if not spec.description]
    # A singular dbt test is described by its own opening comment.
    (singular,) = (
        spec
        for key, spec in specs.items()
        if key.name == "assert_neighbourhood_indicators_no_silent_nulls"
    )
    assert singular.description.startswith(
        "In marts.neighbourhood_indicators a value is null exactly when its status is 'missing'"
    )


def test_only_the_newest_finished_runs_are_kept(tmp_path):
    from orchestration.lib.instance import ensure_instance_config, prune_runs

    ensure_instance_config(tmp_path)
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        job = defs.resolve_job_def("refresh")
        # Runs of the refresh job for one selected asset, as `placeindex refresh --select` records
        # them: a run of the whole job records each of its 800 assets and checks as planned first
        # (1 s a run), which pruning does not look at.
        one = {dg.AssetKey("published_warehouse")}
        ids = []
        for _ in range(4):
            run = instance.create_run_for_job(job, run_config={}, asset_selection=one)
            instance.report_run_failed(run)
            ids.append(run.run_id)
        unfinished = instance.create_run_for_job(job, run_config={}, asset_selection=one)
        assert prune_runs(instance, keep=2) == 2
        left = {run.run_id for run in instance.get_runs()}
    assert left == {ids[2], ids[3], unfinished.run_id}
