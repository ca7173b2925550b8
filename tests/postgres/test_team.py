"""A team's set-up on one throwaway PostgreSQL cluster: Dagster's run, event and schedule storage
from the dagster.yaml template, and the DuckLake the refreshes release into, with an analyst's
process reading the lake while the second release is committed.

It starts from a copy of the session's demo refresh (tests/conftest.py): configuring a lake beside
a warehouse published before makes that publish the lake's first release, and `--full` then runs
the demo refresh through the PostgreSQL-backed instance for the second (one refresh, not two).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import dagster as dg
import pytest

from ingest import lake as lakes
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.postgres

TEMPLATE = REPO_ROOT / "orchestration" / "templates" / "dagster-postgres.yaml"
READER_SQL = (
    "select (select count(*) from meta.refresh_runs), "
    "(select run_id from meta.refresh_runs order by published_at desc limit 1), "
    "(select count(*) from marts.dim_lsoa21)"
)


def placeindex(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "orchestration.cli", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def test_demo_refreshes_record_in_postgres_and_release_to_the_lake(pg_cluster, demo_home, tmp_path):
    pg_cluster.create_database("dagster")
    pg_cluster.create_database("lake")
    dagster_home = tmp_path / "dagster"
    dagster_home.mkdir()
    shutil.copyfile(TEMPLATE, dagster_home / "dagster.yaml")
    home = tmp_path / "home"
    shutil.copytree(demo_home, home, ignore=shutil.ignore_patterns("dagster", "logs"))
    env = {
        **os.environ,
        "DAGSTER_HOME": str(dagster_home),
        **pg_cluster.dagster_env("dagster"),
        "PLACEINDEX_HOME": str(home),
        "PLACEINDEX_LAKE": "postgres:" + pg_cluster.libpq("lake"),
        "PLACEINDEX_LAKE_DATA_PATH": str(tmp_path / "lake-files"),
    }
    env.pop("PLACEINDEX_FROM_DIR", None)

    # Nothing changed since the demo refresh published, but the new lake lacks that publish.
    first = placeindex(env, "refresh", "--demo")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Nothing changed since the publish" in first.stdout
    assert "lacked this publish: committed it as release 1" in first.stdout

    # The analyst's process, reading the lake while the second refresh publishes.
    reader_dir = tmp_path / "reader"
    reader_dir.mkdir()
    reader = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.postgres.lake_reader",
            env["PLACEINDEX_LAKE"],
            READER_SQL,
            str(reader_dir / "ready"),
            str(reader_dir / "stop"),
            str(reader_dir / "out.json"),
            # A query every quarter second: the refresh shares this machine's cores.
            "0.25",
        ],
        cwd=REPO_ROOT,
    )
    deadline = time.monotonic() + 60
    while not (reader_dir / "ready").exists():
        assert time.monotonic() < deadline and reader.poll() is None, "the reader did not start"
        time.sleep(0.1)
    # Nothing changed, and the lake has it: no new release. --full rebuilds and releases again.
    unchanged = placeindex(env, "refresh", "--demo")
    assert unchanged.returncode == 0, unchanged.stderr
    assert "holds this publish: no new release" in unchanged.stdout
    second = placeindex(env, "refresh", "--demo", "--full")
    (reader_dir / "stop").write_text("stop")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Release 2 committed" in second.stdout
    assert reader.wait(timeout=60) == 0

    releases = lakes.list_releases(lakes.lake_from_env(env))
    assert [release.snapshot_id for release in releases] == [1, 2]
    read = json.loads((reader_dir / "out.json").read_text())
    assert read["errors"] == []
    seen = {tuple(json.loads(key)) for key in read["seen"]}
    # One whole release per query: release 1 (one publish recorded) then release 2 (two).
    assert {(runs, run_id) for runs, run_id, _ in seen} == {
        (1, releases[0].run_id),
        (2, releases[1].run_id),
    }

    # The first release's numbers, after the second is published, as of the time `placeindex
    # releases` prints for it (to the second).
    listed = placeindex(env, "releases", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    first_listed = json.loads(listed.stdout)[0]
    first_time = first_listed["committed_at"]
    # The release made from the earlier publish carries that publish's source mode.
    assert first_listed["source_mode"] == "demo"
    as_of = placeindex(
        env,
        "query",
        "--as-of",
        first_time,
        "--format",
        "json",
        "select count(*) as publishes, max(run_id) as run_id from meta.refresh_runs",
    )
    assert as_of.returncode == 0, as_of.stderr
    assert json.loads(as_of.stdout) == [{"publishes": 1, "run_id": releases[0].run_id}]

    status = placeindex(env, "status")
    assert status.returncode == 0, status.stderr
    assert (
        f"2 releases; the newest, 2, committed {releases[1].committed_at:%Y-%m-%d %H:%M:%S} UTC "
        f"by run {releases[1].run_id} (this publish)"
    ) in status.stdout

    # Dagster kept both runs in PostgreSQL, not in files under DAGSTER_HOME.
    saved = dict(os.environ)
    os.environ.update(pg_cluster.dagster_env("dagster"))
    try:
        with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
            assert type(instance.run_storage).__name__ == "PostgresRunStorage"
            assert type(instance.event_log_storage).__name__ == "PostgresEventLogStorage"
            assert type(instance.schedule_storage).__name__ == "PostgresScheduleStorage"
            assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
            assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 1
            # The --full refresh's run; the demo fixture's run is in its own instance.
            runs = instance.get_runs(filters=dg.RunsFilter(job_name="refresh"))
            assert [(run.run_id, run.status) for run in runs] == [
                (releases[1].run_id, dg.DagsterRunStatus.SUCCESS)
            ]
            published = instance.get_latest_materialization_event(
                dg.AssetKey("published_warehouse")
            )
            assert published.asset_materialization.metadata["lake_release"].value == 2
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert not (dagster_home / "history").exists()
