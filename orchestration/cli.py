"""The `placeindex` command: refresh, status, query, export.

`refresh` runs the same Dagster job the schedule runs, in this process, and prints one line per
asset as it finishes. The other commands only ever open the published file read-only, so they work
while a refresh is running.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import PlaceindexError
from ingest.settings import PUBLISHED_MODE, Settings, load_settings
from orchestration.profiles import add_profile_command, run_profile

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="placeindex", description="Neighbourhood indicators for England in DuckDB."
    )
    parser.add_argument("--home", help="data folder (default: $PLACEINDEX_HOME or ./data)")
    commands = parser.add_subparsers(dest="command", required=True)

    refresh = commands.add_parser("refresh", help="fetch, check, model and publish every source")
    origin = refresh.add_mutually_exclusive_group()
    origin.add_argument(
        "--demo",
        action="store_true",
        help="write the synthetic demo files (python -m demo DATA/demo_sources) and refresh from them",
    )
    origin.add_argument(
        "--from-dir", help="take each source from this folder, found by its published file name"
    )
    refresh.add_argument(
        "--full",
        action="store_true",
        help=(
            "load, build and publish everything, even sources whose files have not changed "
            "since the last publish"
        ),
    )
    refresh.add_argument(
        "--select",
        action="append",
        metavar="ASSET",
        help=(
            "refresh only this asset, e.g. raw/mhclg__iod2019_file1 or marts/dim_lsoa21; a "
            "leading + adds everything upstream (+marts/fct_lsoa21_deprivation). Repeatable. "
            "The warehouse is published only if published_warehouse is selected."
        ),
    )

    commands.add_parser("status", help="when the warehouse was published, from which files")
    registry = commands.add_parser(
        "registry",
        help="list the grant files published in the 360Giving registry, marking the catalogued ones",
    )
    registry.add_argument(
        "--url", default=None, help="registry URL (default: the 360Giving data registry)"
    )
    registry.add_argument("--format", choices=("table", "json"), default="table")
    commands.add_parser(
        "dev", help="open the Dagster UI on the whole graph (DAGSTER_HOME defaults to DATA/dagster)"
    )

    query = commands.add_parser("query", help="run read-only SQL on the published warehouse")
    query.add_argument("sql")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    _add_release_options(query)

    export = commands.add_parser(
        "export",
        help="write every mart to parquet and csv (or one xlsx workbook), with the data dictionary",
    )
    export.add_argument("--format", choices=("parquet", "csv", "both", "xlsx"), default="both")
    _add_release_options(export)

    describe = commands.add_parser(
        "describe", help="the published tables, or one table's columns: type, unit and meaning"
    )
    describe.add_argument("table", nargs="?", help="a table of schema marts (default: list them)")
    _add_release_options(describe)

    releases = commands.add_parser(
        "releases",
        help="the releases in the DuckLake (PLACEINDEX_LAKE): date, run, sources and their hashes",
    )
    releases.add_argument("--format", choices=("table", "json"), default="table")
    releases.add_argument(
        "--expire-before",
        metavar="DATE",
        help=(
            "expire the releases committed before this date or time (UTC) and delete the files "
            "only they use; the newest release is always kept"
        ),
    )
    add_profile_command(commands)

    serve = commands.add_parser(
        "serve", help="serve the built dashboard site (make site) on 127.0.0.1"
    )
    serve.add_argument("--port", type=int, default=3000, help="port (default 3000)")

    args = parser.parse_args(argv)
    if args.command == "serve":
        return run_serve(load_settings(home=args.home), args.port)
    if args.command == "refresh":
        settings = load_settings(
            home=args.home,
            from_dir=args.from_dir,
            # An explicit choice on the command line beats PLACEINDEX_DEMO in the environment.
            demo=True if args.demo else (False if args.from_dir else None),
        )
        return run_refresh(settings, select=args.select, full=args.full)
    settings = load_settings(home=args.home)
    if args.command == "dev":
        return run_dev(settings)
    if args.command == "registry":
        return show_registry(settings, args.url, args.format)
    if args.command == "status":
        return show_status(settings)
    if args.command == "profile":
        return run_profile(settings, args.code, args.out)
    if args.command == "releases":
        return run_releases(args.format, args.expire_before)
    try:
        opened = _open_warehouse(settings, as_of=args.as_of, release=args.release)
    except PlaceindexError as exc:
        print(f"placeindex {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.command == "describe":
        return run_describe(opened, args.table)
    if args.command == "query":
        return run_query(opened, args.sql, args.format)
    return run_export(opened, args.format)


def _add_release_options(command: argparse.ArgumentParser) -> None:
    which = command.add_mutually_exclusive_group()
    which.add_argument(
        "--as-of",
        metavar="DATE",
        help=(
            "read the DuckLake release users saw then (PLACEINDEX_LAKE): the newest committed "
            "at or before DATE (2026-03-03: by the end of that day, UTC) or DATE-TIME"
        ),
    )
    which.add_argument(
        "--release",
        metavar="ID",
        help="read this DuckLake release (`placeindex releases` lists them), or `latest`",
    )


@dataclass
class OpenedWarehouse:
    """A read-only connection on the published file or one DuckLake release, and where exports of
    it go."""

    con: object  # duckdb.DuckDBPyConnection
    label: str  # how messages name it
    exports_dir: Path
    is_release: bool = False


def _open_warehouse(settings: Settings, *, as_of: str | None, release: str | None):
    if as_of is None and release is None:
        return OpenedWarehouse(
            _open_published(settings), str(settings.published_db), settings.exports_dir
        )
    from ingest import lake as lakes

    lake = _require_lake()
    chosen = (
        lakes.release_as_of(lake, as_of)
        if as_of is not None
        else lakes.release_by_id(lake, release)
    )
    con = lakes.connect(lake, read_only=True, snapshot_id=chosen.snapshot_id)
    print(
        f"Release {chosen.snapshot_id} of {chosen.committed_at:%Y-%m-%d %H:%M:%S} UTC "
        f"(run {chosen.run_id}) in lake {lake.shown}",
        file=sys.stderr,
    )
    return OpenedWarehouse(
        con,
        f"release {chosen.snapshot_id} of lake {lake.shown}",
        settings.exports_dir / f"release-{chosen.snapshot_id}",
        is_release=True,
    )


def _require_lake():
    from ingest.lake import LAKE_VARIABLE, LakeError, lake_from_env

    lake = lake_from_env()
    if lake is None:
        raise LakeError(
            f"no DuckLake is configured: set {LAKE_VARIABLE}=postgres:dbname=… host=… "
            "(docs/deploy.md) to read its releases"
        )
    return lake


def run_releases(output: str, expire_before: str | None) -> int:
    from ingest import lake as lakes

    try:
        lake = _require_lake()
        if expire_before is not None:
            gone = lakes.expire_releases(lake, lakes.parse_when(expire_before, end=False))
            for release in gone:
                print(
                    f"expired release {release.snapshot_id} of "
                    f"{release.committed_at:%Y-%m-%d %H:%M:%S} UTC (run {release.run_id})"
                )
            print(f"{len(gone)} releases expired; their files are deleted.")
        releases = lakes.list_releases(lake)
        sources = lakes.release_sources(lake, releases)
        listed = [
            {
                "release": release.snapshot_id,
                "committed_at": release.committed_at.isoformat(timespec="seconds"),
                "release_date": release.release_date,
                "run_id": release.run_id,
                "source_mode": release.source_mode,
                "marts": release.tables,
                "mart_rows": release.rows,
                "sources": [
                    {"source_id": source_id, "sha256": sha256, "vintage": vintage}
                    for source_id, sha256, vintage in sources[release.snapshot_id]
                ],
            }
            for release in releases
        ]
    except PlaceindexError as exc:
        print(f"placeindex releases: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if output == "json":
        print(json.dumps(listed, indent=2))
        return EXIT_OK
    print(f"Lake {lake.shown}: {len(listed)} releases")
    for item in reversed(listed):
        print(
            f"  release {item['release']:>4}  {item['committed_at']}  run {item['run_id']}  "
            f"{item['marts']} marts, {item['mart_rows']:,} rows  ({item['source_mode']})"
        )
        for source in item["sources"]:
            print(f"      {source['source_id']:<40} sha256 {source['sha256']}")
    print(
        "`placeindex query --release ID` or `--as-of DATE` reads one; "
        "`placeindex export --as-of DATE` writes its files."
    )
    return EXIT_OK


@contextmanager
def writer_lock(settings: Settings) -> Iterator[None]:
    """One refresh at a time per data folder: DuckDB allows one writing process per file."""
    settings.ensure_dirs()
    lock_path = settings.work_db.parent / "refresh.lock"
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SystemExit(
                f"placeindex: another refresh is running on {settings.home} (lock {lock_path})"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _configure_environment(settings: Settings) -> None:
    # The Dagster job reads its resources from the environment, as the schedule does.
    os.environ["PLACEINDEX_HOME"] = str(settings.home)
    os.environ["PLACEINDEX_WORK_DB"] = str(settings.work_db)
    if settings.demo:
        os.environ["PLACEINDEX_DEMO"] = "1"
        os.environ.pop("PLACEINDEX_FROM_DIR", None)
    else:
        os.environ.pop("PLACEINDEX_DEMO", None)
        if settings.from_dir is not None:
            os.environ["PLACEINDEX_FROM_DIR"] = str(settings.from_dir)
        else:
            os.environ.pop("PLACEINDEX_FROM_DIR", None)


def dagster_home(settings: Settings) -> Path:
    """Runs from the CLI, the schedule and the UI share one Dagster instance, so `make dev` shows
    every refresh: DAGSTER_HOME if the user set one, else DATA/dagster."""
    return Path(os.environ.get("DAGSTER_HOME") or settings.dagster_home)


def run_refresh(settings: Settings, select: list[str] | None = None, full: bool = False) -> int:
    _configure_environment(settings)
    log_path = settings.logs_dir / f"refresh-{time.strftime('%Y%m%dT%H%M%S')}.log"
    terminal = sys.stdout

    def echo(line: str) -> None:
        print(line, file=terminal, flush=True)

    origin = {
        "demo": f"synthetic demo files written by `python -m demo {settings.demo_dir}`",
        "dir": f"local folder {settings.from_dir}",
        "internet": "the publishers' URLs",
    }[settings.source_mode]
    print(f"placeindex refresh: sources from {origin}; warehouse {settings.published_db}")
    started = time.monotonic()
    from ingest.lake import lake_from_env

    try:
        lake = lake_from_env()
    except PlaceindexError as exc:
        print(f"placeindex refresh: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if lake is not None:
        from ingest.lake import ensure_lake

        # Found out now, not after a full refresh: the catalog can be reached and written.
        try:
            ensure_lake(lake)
        except PlaceindexError as exc:
            print(f"placeindex refresh: {exc}", file=sys.stderr)
            return EXIT_FAILED
        print(f"  each publish also commits a release to the DuckLake {lake.shown}")
    if settings.source_mode == "internet" and not _publishers_reachable(settings):
        return EXIT_FAILED
    with writer_lock(settings):
        if settings.demo and not write_demo_folder(settings):
            return EXIT_FAILED
        changed_sources, tags = None, {}
        if not select:
            try:
                plan = _plan(settings, echo, started, full=full, lake=lake)
            except PlaceindexError as exc:
                print(f"placeindex refresh: {exc}", file=sys.stderr)
                return EXIT_FAILED
            if plan is None:
                return EXIT_OK
            changed_sources, tags = plan
        from orchestration.lib.progress import RefreshOutcome, run_refresh_job

        try:
            outcome = run_refresh_job(
                echo=echo,
                dagster_home=dagster_home(settings),
                log_path=log_path,
                select=select,
                changed_sources=changed_sources,
                tags=tags,
            )
        except Exception as exc:
            from ingest.publish import is_out_of_space

            # Dagster records the run on the same disk: when that fails the run stops outside
            # any step, and its traceback would hide the cause.
            if not is_out_of_space(exc):
                raise
            free_mb = shutil.disk_usage(settings.home).free / 1e6
            detail = str(exc).splitlines()[0]
            message = (
                f"out of disk space in {settings.home} ({free_mb:,.0f} MB free) while Dagster "
                f"recorded the run in {dagster_home(settings)}: {detail}. Free some space, or "
                "set PLACEINDEX_HOME to a folder on a larger disk."
            )
            outcome = RefreshOutcome(success=False, failures=[message])
    elapsed = time.monotonic() - started
    if not outcome.success:
        print(f"\nRefresh FAILED after {elapsed:.0f} s; nothing was published.", file=sys.stderr)
        for message in outcome.failures:
            print(f"  - {message}", file=sys.stderr)
        if settings.published_db.exists():
            print(f"The last good warehouse is unchanged: {settings.published_db}", file=sys.stderr)
        # A log the run never wrote to (it failed before dbt) would send the reader to an empty
        # file: it is removed, and the terminal's lines are the whole story.
        if log_path.exists() and log_path.stat().st_size == 0:
            log_path.unlink()
        if log_path.exists():
            print(f"Full log: {log_path}", file=sys.stderr)
        return EXIT_FAILED
    if not outcome.published:
        print(
            f"\nRefreshed the selection in {elapsed:.0f} s: {outcome.checks_passed} checks passed; "
            f"not published (published_warehouse was not selected). Work database: "
            f"{settings.work_db}"
        )
        return EXIT_OK
    from ingest.publish import table_row_counts
    from ingest.warehouse import connect

    con = connect(settings.published_db, read_only=True)
    try:
        counts = table_row_counts(con, ("marts",))
    finally:
        con.close()
    print(
        f"\nPublished {settings.published_db} in {elapsed:.0f} s: {len(counts)} marts, "
        f"{outcome.checks_passed} checks passed."
    )
    for name, rows in counts.items():
        print(f"  {name:<40} {rows:>10,} rows")
    if lake is not None:
        _report_release(lake, _published_run(settings)[0])
    return EXIT_OK


def _report_release(lake, run_id: str | None) -> None:
    """Which release this publish committed. Published already: a lake that cannot be read now
    is a warning, not a failure."""
    from ingest.lake import list_releases

    try:
        mine = [release for release in list_releases(lake) if release.run_id == run_id]
    except PlaceindexError as exc:
        print(f"The release was committed, but the lake cannot be read now: {exc}", file=sys.stderr)
        return
    if mine:
        print(
            f"Release {mine[-1].snapshot_id} committed to the DuckLake {lake.shown} (run "
            f"{run_id}); `placeindex releases` lists them all."
        )


def _plan(
    settings: Settings, echo, started: float, *, full: bool, lake=None
) -> tuple[list[str] | None, dict[str, str]] | None:
    """What a refresh of everything has to do: None when nothing (said so here), else the sources
    to refresh (None: all) and the run's tags, which tell the publish the code it is built by."""
    from ingest.refresh_plan import CODE_TAG, code_sha256, plan_refresh

    code = code_sha256()
    if full:
        return None, {CODE_TAG: code}
    plan = plan_refresh(settings, code=code)
    if plan.nothing_to_do:
        print(
            f"\nNothing changed since the publish of {plan.published_at} (run "
            f"{plan.published_run_id}): the files of all {len(plan.unchanged)} sources have the "
            "bytes it was built from, and the code is the same. Nothing was loaded, built or "
            f"published; {settings.published_db} is as it was ({time.monotonic() - started:.1f} "
            "s). `placeindex refresh --full` rebuilds it anyway."
        )
        if lake is not None:
            _release_published(settings, lake, plan.published_run_id)
        return None
    if plan.everything_because is not None:
        echo(f"  all sources: {plan.everything_because}")
        return None, {CODE_TAG: code}
    for source_id, why in plan.changed.items():
        echo(f"  changed {source_id}: {why}")
    echo(
        f"  unchanged {len(plan.unchanged)} sources: not reloaded; only what depends on the "
        "changed ones is rebuilt, then the whole warehouse is published"
    )
    return list(plan.changed), {CODE_TAG: code}


def _release_published(settings: Settings, lake, run_id: str | None) -> None:
    """Nothing changed, so no new release either, unless the lake lacks the publish users have
    (the lake was configured after it): then that file becomes the lake's newest release."""
    from ingest.lake import list_releases, publish_release

    releases = list_releases(lake)
    if releases and releases[-1].run_id == run_id:
        print(
            f"The DuckLake's newest release, {releases[-1].snapshot_id}, holds this publish: no "
            "new release."
        )
        return
    holding = [release for release in releases if release.run_id == run_id]
    if holding:
        # A later release was committed and its file never swapped in (the publish failed
        # after the commit): re-releasing this older file would roll the lake back.
        print(
            f"The DuckLake's release {holding[-1].snapshot_id} holds this publish, and its "
            f"newest, {releases[-1].snapshot_id} (run {releases[-1].run_id}), is of a publish "
            "that failed after its release: no new release. `placeindex refresh --full` "
            "publishes both again."
        )
        return
    _, source_mode, code = _published_run(settings, run_id)
    release = publish_release(
        lake,
        settings.published_db,
        run_id=run_id or "unknown",
        source_mode=source_mode,
        code_sha256=code,
    )
    print(
        f"The DuckLake {lake.shown} lacked this publish: committed it as release "
        f"{release.snapshot_id}."
    )


def _published_run(
    settings: Settings, run_id: str | None = None
) -> tuple[str | None, str | None, str | None]:
    """(run_id, source_mode, code_sha256) of a publish the embedded file records: the newest, or
    the run named."""
    from ingest.warehouse import connect

    con = connect(settings.published_db, read_only=True)
    try:
        row = con.execute(
            "select run_id, source_mode, code_sha256 from meta.refresh_runs "
            "where ? is null or run_id = ? order by published_at desc limit 1",
            [run_id, run_id],
        ).fetchone()
    finally:
        con.close()
    return row if row else (run_id, None, None)


def write_demo_folder(settings: Settings) -> bool:
    """Write the synthetic demo files (unless current) by running the demo package as a program:
    production code never imports it, and the refresh lands its folder like any local folder."""
    result = subprocess.run(
        # -P: the installed package, never a `demo` module in the current folder.
        [sys.executable, "-P", "-m", "demo", str(settings.demo_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        print(f"placeindex: the demo files could not be written:\n{result.stderr}", file=sys.stderr)
        return False
    return True


def show_registry(settings: Settings, url: str | None, output: str) -> int:
    """Discovery: every dataset in the 360Giving registry, and whether a catalog entry reads it."""
    from ingest.catalog import SOURCES
    from ingest.errors import PlaceindexError
    from ingest.registry import fetch_registry

    settings.ensure_dirs()
    try:
        entries = fetch_registry(settings, url)
    except PlaceindexError as exc:
        print(f"placeindex registry: {exc}", file=sys.stderr)
        return EXIT_FAILED
    grant_sources = [source for source in SOURCES if source.reader == "grants"]
    catalogued_urls = {source.url for source in grant_sources}
    catalogued_ids = {source.registry_id for source in grant_sources if source.registry_id}
    rows = [
        {
            **entry._asdict(),
            "in_catalog": entry.identifier in catalogued_ids
            or entry.download_url in catalogued_urls,
        }
        for entry in entries
    ]
    if output == "json":
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    print(f"{len(rows)} datasets in the registry; {sum(r['in_catalog'] for r in rows)} catalogued")
    for row in rows:
        mark = "*" if row["in_catalog"] else " "
        print(
            f" {mark} {row['publisher'] or '?':<45} {row['file_type'] or '?':<5} {row['download_url']}"
        )
    return EXIT_OK


def _publishers_reachable(settings: Settings) -> bool:
    """Fail fast, with what to do, when a required source's publisher cannot be reached at all;
    a host serving only optional sources is reported and the refresh goes on without them."""
    from urllib.parse import urlsplit

    from ingest.catalog import SOURCES
    from ingest.http import unreachable_hosts

    problems = unreachable_hosts([url for source in SOURCES for url in source.download_urls])
    if not problems:
        return True
    # A source is stranded only when none of its URLs (the publisher's, then its mirrors) can be
    # reached; the refresh stops only for a required one.
    blocking = [
        source
        for source in SOURCES
        if source.required
        and all(urlsplit(url).hostname in problems for url in source.download_urls)
    ]
    if not blocking:
        for host, why in problems.items():
            print(
                f"  warning: {host} cannot be reached ({why}); its sources use a mirror or are "
                "optional",
                file=sys.stderr,
            )
        return True
    print(
        "\nRefresh stopped: these publishers cannot be reached from this machine:", file=sys.stderr
    )
    for host, why in problems.items():
        print(f"  - {host}: {why}", file=sys.stderr)
    print(
        "Nothing was downloaded or published. Without a network, refresh from a folder of the "
        "published files (`PLACEINDEX_FROM_DIR=DIR make run`, e.g. ../shared/data) or try the "
        "synthetic demo (`make demo`).",
        file=sys.stderr,
    )
    return False


def run_serve(settings: Settings, port: int) -> int:
    from orchestration.site import SiteNotBuiltError, make_server, profile_maker

    profiles = (
        profile_maker(settings.published_db, settings.home / "profiles")
        if settings.published_db.exists()
        else None
    )
    try:
        server = make_server(port=port, profiles=profiles)
    except SiteNotBuiltError as exc:
        print(f"placeindex serve: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"placeindex serve: cannot listen on 127.0.0.1:{port}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"Serving the placeindex site on http://127.0.0.1:{port}/ (Ctrl+C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return EXIT_OK


def run_dev(settings: Settings) -> int:
    from orchestration.lib.instance import ensure_instance_config

    _configure_environment(settings)
    # Runs started from the UI land the demo folder too, so it must be there first.
    if settings.demo and not write_demo_folder(settings):
        return EXIT_FAILED
    os.environ["DAGSTER_HOME"] = str(dagster_home(settings))
    # The instance config carries the one-writer pool limit the schedule and UI runs obey.
    ensure_instance_config(os.environ["DAGSTER_HOME"])
    dagster = Path(sys.executable).parent / "dagster"
    os.execv(dagster, [str(dagster), "dev", "-m", "orchestration.definitions"])
    return EXIT_OK  # not reached: exec replaces this process


def _open_published(settings: Settings):
    import duckdb

    if not settings.published_db.exists():
        raise SystemExit(
            f"placeindex: no published warehouse at {settings.published_db}; "
            "run `placeindex refresh` first"
        )
    return duckdb.connect(str(settings.published_db), read_only=True)


def show_status(settings: Settings) -> int:
    con = _open_published(settings)
    try:
        run = con.execute(
            "select run_id, published_at, source_mode, tables_published, rows_published "
            "from meta.refresh_runs order by published_at desc limit 1"
        ).fetchone()
        files = con.execute(
            "select source_id, vintage, sha256, rows_loaded, synthetic, origin "
            "from meta.source_files order by source_id"
        ).fetchall()
    finally:
        con.close()
    print(f"Published: {settings.published_db}")
    if run:
        print(f"  at {run[1]} by run {run[0]} (sources: {run[2]}); {run[3]} marts, {run[4]:,} rows")
    print("Sources:")
    for source_id, vintage, sha256, rows, synthetic, origin in files:
        label = " SYNTHETIC" if synthetic else ""
        print(f"  {source_id:<28} {rows:>8,} rows  sha256 {sha256[:12]}…  {vintage}{label}")
        print(f"  {'':<28} from {origin}")
    _show_lake_status(run[0] if run else None)
    return EXIT_OK


def _show_lake_status(published_run_id: str | None) -> None:
    from ingest.lake import lake_from_env, list_releases

    try:
        lake = lake_from_env()
        if lake is None:
            return
        releases = list_releases(lake)
    except PlaceindexError as exc:
        print(f"Lake: {exc}", file=sys.stderr)
        return
    if not releases:
        print(f"Lake {lake.shown}: no releases yet")
        return
    newest = releases[-1]
    same = " (this publish)" if newest.run_id == published_run_id else " (not this publish)"
    print(
        f"Lake {lake.shown}: {len(releases)} releases; the newest, {newest.snapshot_id}, "
        f"committed {newest.committed_at:%Y-%m-%d %H:%M:%S} UTC by run {newest.run_id}{same}"
    )


def run_query(opened: OpenedWarehouse, sql: str, output: str) -> int:
    import duckdb

    con = opened.con
    try:
        try:
            relation = con.sql(sql)
        except duckdb.Error as exc:
            print(f"placeindex query: {exc}", file=sys.stderr)
            return EXIT_FAILED
        if relation is None:
            return EXIT_OK
        if output == "table":
            relation.show(max_rows=10_000, max_width=200)
        elif output == "csv":
            sys.stdout.write(relation.pl().write_csv())
        else:
            print(json.dumps(relation.pl().to_dicts(), default=str, indent=2))
    finally:
        con.close()
    return EXIT_OK


ATTRIBUTION_FILE = "ATTRIBUTION.csv"


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _mart_attribution(con) -> dict[str, list[tuple[str, str | None]]] | None:
    """Table name -> [(source_id, attribution)] of the loaded sources it is built from.

    None for a warehouse published before `meta.mart_sources` was recorded.
    """
    recorded = con.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'meta' and table_name = 'mart_attribution'"
    ).fetchone()[0]
    if not recorded:
        return None
    lineage: dict[str, list[tuple[str, str | None]]] = {}
    for mart_name, source_id, attribution in con.execute(
        "select mart_name, source_id, attribution from meta.mart_attribution order by 1, 2"
    ).fetchall():
        lineage.setdefault(mart_name.removeprefix("marts."), []).append((source_id, attribution))
    return lineage


def _parquet_options(sources: list[tuple[str, str | None]]) -> str:
    """COPY options writing the sources and their attribution texts as Parquet key-value metadata.

    ODbL and CC BY require attribution on every output that uses the data, so a file handed on
    carries it.
    """
    source_ids = ",".join(source_id for source_id, _ in sources)
    texts = " | ".join(dict.fromkeys(text.strip() for _, text in sources if text and text.strip()))
    return (
        "(format parquet, kv_metadata "
        f"{{sources: {_sql_text(source_ids)}, attribution: {_sql_text(texts)}}})"
    )


DICTIONARY_CSV = "DATA_DICTIONARY.csv"
DICTIONARY_MD = "DATA_DICTIONARY.md"
WORKBOOK_FILE = "placeindex.xlsx"


def run_describe(opened: OpenedWarehouse, table: str | None) -> int:
    from ingest.dictionary import data_dictionary, mart_descriptions, table_grain

    con = opened.con
    try:
        descriptions = mart_descriptions(con)
        if table is None:
            for name, description in descriptions.items():
                rows = con.execute(f'select count(*) from marts."{name}"').fetchone()[0]
                grain = table_grain(description) or "-"
                print(f"{name}  ({rows:,} rows; grain: {grain})")
            print(f"\n{len(descriptions)} tables. `placeindex describe TABLE` lists its columns.")
            return EXIT_OK
        table = table.removeprefix("marts.")
        if table not in descriptions:
            print(
                f"placeindex describe: no table marts.{table} in {opened.label}; "
                "`placeindex describe` lists them",
                file=sys.stderr,
            )
            return EXIT_FAILED
        print(f"marts.{table}\n\n{descriptions[table]}\n")
        for column in data_dictionary(con, table):
            unit = f" [{column.unit}]" if column.unit else ""
            print(f"  {column.column}  {column.data_type}{unit}\n      {column.description}")
    finally:
        con.close()
    return EXIT_OK


def run_export(opened: OpenedWarehouse, output: str) -> int:
    from ingest.dictionary import (
        data_dictionary,
        mart_descriptions,
        rounded_select,
        write_dictionary_csv,
        write_dictionary_markdown,
    )

    con = opened.con
    exports_dir = opened.exports_dir
    exports_dir.mkdir(parents=True, exist_ok=True)
    formats = {"both": ("parquet", "csv"), "xlsx": ()}.get(output, (output,))
    attribution_csv = exports_dir / ATTRIBUTION_FILE
    try:
        tables = [
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        lineage = _mart_attribution(con)
        for table in tables:
            for fmt in formats:
                target = exports_dir / f"{table}.{fmt}"
                tmp = target.with_name(f".{target.name}.part")
                if fmt == "csv":
                    # People read CSVs: values rounded to their unit's precision (parquet keeps all).
                    con.execute(
                        f"copy ({rounded_select(con, table)}) to '{tmp}' (header, delimiter ',')"
                    )
                else:
                    option = (
                        "(format parquet)"
                        if lineage is None
                        else _parquet_options(lineage.get(table, []))
                    )
                    con.execute(f"copy marts.\"{table}\" to '{tmp}' {option}")
                os.chmod(tmp, PUBLISHED_MODE)
                os.replace(tmp, target)
                print(f"  {target}")
        if output == "xlsx":
            from ingest.workbook import write_workbook

            workbook = exports_dir / WORKBOOK_FILE
            written = write_workbook(con, workbook, lineage=lineage)
            skipped = sorted(set(tables) - set(written))
            print(f"  {workbook} ({len(written)} sheets of marts, README and dictionary)")
            if skipped:
                print(
                    f"  too many rows for Excel, left out (use parquet): {', '.join(skipped)}",
                    file=sys.stderr,
                )
        columns = data_dictionary(con)
        for name, writer in (
            (DICTIONARY_CSV, lambda path: write_dictionary_csv(columns, path)),
            (
                DICTIONARY_MD,
                lambda path: write_dictionary_markdown(columns, mart_descriptions(con), path),
            ),
        ):
            target = exports_dir / name
            tmp = target.with_name(f".{target.name}.part")
            writer(tmp)
            os.chmod(tmp, PUBLISHED_MODE)
            os.replace(tmp, target)
            print(f"  {target}")
        if lineage is not None:
            tmp = attribution_csv.with_name(f".{attribution_csv.name}.part")
            con.execute(
                "copy (select split_part(mart_name, '.', 2) as \"table\", source_id, "
                "publisher, licence, attribution, url, vintage from meta.mart_attribution "
                "order by 1, 2) "
                f"to '{tmp}' (header, delimiter ',')"
            )
            os.chmod(tmp, PUBLISHED_MODE)
            os.replace(tmp, attribution_csv)
            print(f"  {attribution_csv}")
    finally:
        con.close()
    print(f"Exported {len(tables)} marts to {exports_dir}")
    if lineage is None:
        # An attribution file from an earlier export would describe some other warehouse.
        attribution_csv.unlink(missing_ok=True)
        print(
            f"Attribution unavailable: {opened.label} was published before "
            "meta.mart_sources recorded which sources each table is built from, so the files "
            f"carry no source or attribution metadata and no {ATTRIBUTION_FILE} was written. "
            "Run `placeindex refresh` to publish a warehouse that records it.",
            file=sys.stderr,
        )
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
