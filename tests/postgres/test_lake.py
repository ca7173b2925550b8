"""Releases in a DuckLake on a throwaway PostgreSQL cluster: what a funder's report relies on.

Small warehouse files stand in for the published copy here (each release's numbers differ, so a
reader can tell them apart); tests/postgres/test_team.py publishes the demo refresh itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from ingest import lake as lakes
from ingest.errors import PlaceindexError
from ingest.publish import publish
from orchestration import cli
from tests.conftest import REPO_ROOT
from tests.postgres.cluster import free_port

pytestmark = pytest.mark.postgres

COUNTS_SQL = (
    "select (select max(run_id) from meta.refresh_runs), "
    "(select count(*) from marts.lsoa21_counts), (select sum(value) from marts.lsoa21_counts)"
)


def make_warehouse(path: Path, run_id: str, rows: int, *, factor: int = 1, extra: bool = False):
    """A published-like file: marts with comments, meta with the run and a view over it."""
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    con.execute("create schema marts; create schema meta")
    con.execute(
        "create table marts.lsoa21_counts as select 'E01' || lpad(range::varchar, 6, '0') as "
        f"lsoa21_code, range * {factor} as value from range({rows})"
    )
    con.execute("comment on table marts.lsoa21_counts is 'Counts. Grain: one row per LSOA 2021.'")
    con.execute("comment on column marts.lsoa21_counts.value is 'How many, per LSOA.'")
    if extra:
        con.execute("create table marts.extra as select 1 as one")
    con.execute("create table meta.refresh_runs (run_id varchar, published_at timestamptz)")
    con.execute("insert into meta.refresh_runs values (?, now())", [run_id])
    con.execute(
        "create table meta.source_files (source_id varchar, sha256 varchar, vintage varchar)"
    )
    digest = hashlib.sha256(run_id.encode()).hexdigest()
    con.execute("insert into meta.source_files values ('ons__example', ?, '2021')", [digest])
    con.execute("create view meta.sources_view as select source_id from meta.source_files")
    # The boundary layers the dashboard draws come along; other staging views do not.
    con.execute("create schema staging")
    con.execute(
        "create view staging.stg_ons__lsoa21_boundaries as select lsoa21_code, "
        '\'{"type": "Polygon"}\' as geometry_geojson from marts.lsoa21_counts'
    )
    con.execute("create view staging.stg_ons__lsoa21_names as select 1 as one")
    con.close()
    return (run_id, rows, sum(range(rows)) * factor)


@pytest.fixture
def lake(pg_cluster, pg_database, tmp_path) -> lakes.Lake:
    return lakes.lake_from_env(
        {
            "PLACEINDEX_LAKE": "postgres:" + pg_cluster.libpq(pg_database),
            "PLACEINDEX_LAKE_DATA_PATH": str(tmp_path / "lake"),
        }
    )


def counts(lake: lakes.Lake, snapshot_id: int | None = None) -> tuple:
    con = lakes.connect(lake, snapshot_id=snapshot_id)
    try:
        return tuple(con.execute(COUNTS_SQL).fetchone())
    finally:
        con.close()


def test_each_release_stays_queryable_after_the_next(lake, tmp_path):
    first = make_warehouse(tmp_path / "one.duckdb", "run-1", 1000)
    release_1 = lakes.publish_release(lake, tmp_path / "one.duckdb", run_id="run-1")
    second = make_warehouse(tmp_path / "two.duckdb", "run-2", 1500, factor=3, extra=True)
    release_2 = lakes.publish_release(lake, tmp_path / "two.duckdb", run_id="run-2")

    assert [r.run_id for r in lakes.list_releases(lake)] == ["run-1", "run-2"]
    assert release_1.tables == 1 and release_1.rows == 1000
    assert release_2.tables == 2 and release_2.rows == 1501
    assert counts(lake) == second
    assert counts(lake, release_1.snapshot_id) == first
    # As of the moment of the first commit, and as of its date before the second was made.
    assert lakes.release_as_of(lake, release_1.committed_at.isoformat()) == release_1
    assert lakes.release_as_of(lake, release_2.release_date) == release_2
    with pytest.raises(PlaceindexError, match="the oldest release in the lake is"):
        lakes.release_as_of(lake, "2020-01-01")
    with pytest.raises(PlaceindexError, match="no such release"):
        lakes.release_by_id(lake, 999)

    con = lakes.connect(lake)
    try:
        # The data dictionary comes along, and views are kept as their rows.
        assert con.execute(
            "select comment from duckdb_tables() where table_name = 'lsoa21_counts'"
        ).fetchone() == ("Counts. Grain: one row per LSOA 2021.",)
        assert con.execute(
            "select comment from duckdb_columns() where table_name = 'lsoa21_counts' "
            "and column_name = 'value'"
        ).fetchone() == ("How many, per LSOA.",)
        assert con.execute("select * from meta.sources_view").fetchall() == [("ons__example",)]
        assert con.execute(
            "select count(*) from staging.stg_ons__lsoa21_boundaries"
        ).fetchone() == (1500,)
        assert con.execute(
            "select table_name from duckdb_tables() where schema_name = 'staging'"
        ).fetchall() == [("stg_ons__lsoa21_boundaries",)]
    finally:
        con.close()

    # A mart the next release lacks leaves its newest snapshot, not the ones before.
    make_warehouse(tmp_path / "three.duckdb", "run-3", 10)
    lakes.publish_release(lake, tmp_path / "three.duckdb", run_id="run-3")
    con = lakes.connect(lake)
    try:
        assert con.execute(
            "select count(*) from duckdb_tables() where table_name = 'extra'"
        ).fetchone() == (0,)
    finally:
        con.close()
    con = lakes.connect(lake, snapshot_id=release_2.snapshot_id)
    try:
        assert con.execute("select one from marts.extra").fetchall() == [(1,)]
    finally:
        con.close()


def test_cli_lists_releases_and_reads_and_exports_a_past_one(lake, tmp_path, monkeypatch, capsys):
    make_warehouse(tmp_path / "one.duckdb", "run-1", 200)
    release_1 = lakes.publish_release(lake, tmp_path / "one.duckdb", run_id="run-1")
    make_warehouse(tmp_path / "two.duckdb", "run-2", 300, factor=2)
    lakes.publish_release(lake, tmp_path / "two.duckdb", run_id="run-2")
    monkeypatch.setenv("PLACEINDEX_LAKE", lake.catalog)
    monkeypatch.setenv("PLACEINDEX_HOME", str(tmp_path / "home"))

    assert cli.main(["releases", "--format", "json"]) == cli.EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert [item["run_id"] for item in listed] == ["run-1", "run-2"]
    assert listed[0]["sources"] == [
        {
            "source_id": "ons__example",
            "sha256": hashlib.sha256(b"run-1").hexdigest(),
            "vintage": "2021",
        }
    ]
    assert cli.main(["releases"]) == cli.EXIT_OK
    table = capsys.readouterr().out
    assert "2 releases" in table and "run run-1" in table and "run run-2" in table

    as_of = release_1.committed_at.isoformat()
    sql = "select count(*) as n, sum(value)::bigint as total from marts.lsoa21_counts"
    assert cli.main(["query", "--as-of", as_of, "--format", "json", sql]) == cli.EXIT_OK
    assert json.loads(capsys.readouterr().out) == [{"n": 200, "total": sum(range(200))}]
    assert cli.main(["query", "--release", "latest", "--format", "json", sql]) == cli.EXIT_OK
    assert json.loads(capsys.readouterr().out) == [{"n": 300, "total": 2 * sum(range(300))}]

    assert cli.main(["export", "--as-of", as_of, "--format", "parquet"]) == cli.EXIT_OK
    exported = tmp_path / "home" / "exports" / f"release-{release_1.snapshot_id}"
    assert duckdb.sql(
        f"select count(*) from '{exported / 'lsoa21_counts.parquet'}'"
    ).fetchone() == (200,)

    assert cli.main(["query", "--as-of", "2001-02-03", sql]) == cli.EXIT_FAILED
    assert "the oldest release in the lake is" in capsys.readouterr().err

    # "Before this date" keeps what was committed on it.
    today = release_1.committed_at.date().isoformat()
    assert cli.main(["releases", "--expire-before", today]) == cli.EXIT_OK
    assert "0 releases expired" in capsys.readouterr().out
    assert [r.run_id for r in lakes.list_releases(lake)] == ["run-1", "run-2"]


def test_a_lake_with_no_release_yet_says_so(pg_cluster, pg_database, monkeypatch, capsys):
    monkeypatch.setenv("PLACEINDEX_LAKE", "postgres:" + pg_cluster.libpq(pg_database))
    assert cli.main(["releases"]) == cli.EXIT_FAILED
    assert "holds no releases yet (its catalog has not been created)" in capsys.readouterr().err


def test_reading_a_release_without_a_lake_says_how_to_configure_one(monkeypatch, capsys, tmp_path):
    monkeypatch.delenv("PLACEINDEX_LAKE", raising=False)
    monkeypatch.setenv("PLACEINDEX_HOME", str(tmp_path))
    assert cli.main(["query", "--as-of", "2026-03-03", "select 1"]) == cli.EXIT_FAILED
    assert "no DuckLake is configured: set PLACEINDEX_LAKE=postgres:" in capsys.readouterr().err


def test_a_lake_that_cannot_be_written_stops_the_publish(pg_cluster, tmp_path):
    work = tmp_path / "work" / "placeindex.duckdb"
    work.parent.mkdir()
    make_warehouse(work, "run-1", 10)
    # A work database has no history of publishes: publish() writes it.
    duckdb.connect(str(work)).execute("drop table meta.refresh_runs").close()
    published = tmp_path / "placeindex.duckdb"
    publish(work, published, run_id="run-0", source_mode="dir")
    before = published.read_bytes()
    # Nothing listens on this port.
    unreachable = lakes.Lake(
        catalog=f"postgres:dbname=nowhere host=127.0.0.1 port={free_port()} user=placeindex "
        "password=secret",
        data_path=str(tmp_path / "lake") + "/",
    )
    with pytest.raises(PlaceindexError) as raised:
        publish(
            work,
            published,
            run_id="run-1",
            source_mode="dir",
            release=lambda copy: lakes.publish_release(unreachable, copy, run_id="run-1"),
        )
    message = str(raised.value)
    assert message.startswith("lake postgres:dbname=nowhere host=127.0.0.1")
    assert "could not attach it" in message
    assert "password=***" in message and "secret" not in message
    assert published.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".placeindex-")] == []


def test_expired_releases_go_with_their_files_and_the_newest_stays(lake, tmp_path):
    published = []
    for number in (1, 2, 3):
        make_warehouse(tmp_path / f"{number}.duckdb", f"run-{number}", 5000, factor=number)
        published.append(
            lakes.publish_release(lake, tmp_path / f"{number}.duckdb", run_id=f"run-{number}")
        )
    files_before = sorted((tmp_path / "lake").rglob("*.parquet"))
    gone = lakes.expire_releases(lake, published[2].committed_at - timedelta(microseconds=1))
    assert [release.run_id for release in gone] == ["run-1", "run-2"]
    assert [release.run_id for release in lakes.list_releases(lake)] == ["run-3"]
    files_after = sorted((tmp_path / "lake").rglob("*.parquet"))
    assert len(files_after) < len(files_before)
    assert counts(lake) == ("run-3", 5000, sum(range(5000)) * 3)
    # Nothing is older than the newest release: it is kept whatever the date asked.
    assert lakes.expire_releases(lake, datetime.now(UTC) + timedelta(days=1)) == []
    assert [release.run_id for release in lakes.list_releases(lake)] == ["run-3"]


def test_four_readers_see_one_whole_release_per_query_while_releases_commit(lake, tmp_path):
    expected = {
        json.dumps(list(make_warehouse(tmp_path / "0.duckdb", "run-0", 20_000)), default=str)
    }
    lakes.publish_release(lake, tmp_path / "0.duckdb", run_id="run-0")
    readers = []
    for number in range(4):
        folder = tmp_path / f"reader-{number}"
        folder.mkdir()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.postgres.lake_reader",
                lake.catalog,
                COUNTS_SQL,
                str(folder / "ready"),
                str(tmp_path / "stop"),
                str(folder / "out.json"),
            ],
            cwd=REPO_ROOT,
        )
        readers.append((process, folder))
    deadline = time.monotonic() + 60
    while not all((folder / "ready").exists() for _, folder in readers):
        assert time.monotonic() < deadline, "the readers did not start"
        time.sleep(0.1)
    for number in range(1, 5):
        # Each release differs in its run, its row count and its total.
        row = make_warehouse(
            tmp_path / f"{number}.duckdb", f"run-{number}", 20_000 + number * 1000, factor=number
        )
        expected.add(json.dumps(list(row), default=str))
        lakes.publish_release(lake, tmp_path / f"{number}.duckdb", run_id=f"run-{number}")
        time.sleep(0.3)
    (tmp_path / "stop").write_text("stop")
    seen_releases = set()
    for process, folder in readers:
        assert process.wait(timeout=60) == 0
        out = json.loads((folder / "out.json").read_text())
        assert out["errors"] == []
        assert out["queries"] > 10
        # Every query saw one release whole: its run, its row count and its total together.
        assert set(out["seen"]) <= expected, set(out["seen"]) - expected
        seen_releases |= set(out["seen"])
    assert len(seen_releases) >= 3, "the readers did not overlap the commits"


def test_the_site_build_reads_a_named_release(lake, tmp_path, monkeypatch):
    make_warehouse(tmp_path / "one.duckdb", "run-1", 70)
    lakes.publish_release(lake, tmp_path / "one.duckdb", run_id="run-1")
    make_warehouse(tmp_path / "two.duckdb", "run-2", 90)
    lakes.publish_release(lake, tmp_path / "two.duckdb", run_id="run-2")
    monkeypatch.syspath_prepend(str(REPO_ROOT / "site" / "loaders"))
    import warehouse  # the site's loaders' module, as its data loaders import it

    monkeypatch.setenv("PLACEINDEX_LAKE", lake.catalog)
    sql = "select count(*) as n from marts.lsoa21_counts"
    for release, rows in (("1", 70), ("latest", 90), ("2099-01-01", 90)):
        monkeypatch.setenv("PLACEINDEX_SITE_RELEASE", release)
        con = warehouse.connect()
        try:
            assert warehouse.rows(con, sql) == [{"n": rows}]
        finally:
            con.close()
    # The site build pins a release once (make site), by this command.
    resolved = subprocess.run(
        [sys.executable, "-m", "ingest.lake", "resolve", "latest"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PLACEINDEX_LAKE": lake.catalog},
    )
    assert (resolved.returncode, resolved.stdout) == (0, "2\n"), resolved.stderr
    monkeypatch.delenv("PLACEINDEX_LAKE")
    with pytest.raises(warehouse.SiteDataError, match="PLACEINDEX_LAKE .* is not set"):
        warehouse.connect()


def test_keep_days_expires_older_releases_after_each_new_one(lake, tmp_path, monkeypatch):
    import dataclasses

    for number in (1, 2):
        make_warehouse(tmp_path / f"{number}.duckdb", f"run-{number}", 100)
        lakes.publish_release(lake, tmp_path / f"{number}.duckdb", run_id=f"run-{number}")
    keeping = dataclasses.replace(lake, keep_days=1)

    class TwoDaysOn(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) + timedelta(days=2)

    # Two days on, releases 1 and 2 are more than a day older than release 3.
    monkeypatch.setattr(lakes, "datetime", TwoDaysOn)
    make_warehouse(tmp_path / "3.duckdb", "run-3", 100)
    lakes.publish_release(keeping, tmp_path / "3.duckdb", run_id="run-3")
    assert [release.run_id for release in lakes.list_releases(lake)] == ["run-3"]
