"""Releases in a DuckLake: every publish kept, queryable by many machines at once.

Opt-in. With `PLACEINDEX_LAKE=postgres:dbname=… host=…` (a DuckLake catalog in PostgreSQL) and
`PLACEINDEX_LAKE_DATA_PATH` (a folder, or an object-store prefix such as `s3://bucket/placeindex/`,
where DuckLake writes parquet), each publish also commits every table of the `marts` and `meta`
schemas of the checked copy, and the boundary layers the dashboard draws, into the lake in one
transaction: one DuckLake snapshot, tagged with the run id and the release date in its commit
message. A reader attached to the lake sees the snapshot
before that commit or the one after it, never a mix; a snapshot never changes after its commit, so a
release a user cites ("as published on 3 March") gives the same numbers after any later refresh.

The release is committed before the embedded file is swapped in (ingest/publish.py): when the lake
cannot be written, nothing is published anywhere. Old releases stay until a user expires them
(`placeindex releases --expire-before DATE`, or `PLACEINDEX_LAKE_KEEP_DAYS`), with DuckLake's own
`ducklake_expire_snapshots` and `ducklake_cleanup_old_files`.

Passwords belong in libpq's own places (`PGPASSWORD`, `~/.pgpass`), object-store keys in DuckDB
secrets: neither in the variable, which is printed in messages (a `password=` in it is masked).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb

from ingest.errors import PlaceindexError

LAKE_VARIABLE = "PLACEINDEX_LAKE"
LAKE_DATA_PATH_VARIABLE = "PLACEINDEX_LAKE_DATA_PATH"
LAKE_KEEP_DAYS_VARIABLE = "PLACEINDEX_LAKE_KEEP_DAYS"

# What a release holds: what users query (marts), where it came from (meta), and the boundary
# layers the dashboard draws its maps from (staging views named *_boundaries), so a site built
# from a release needs nothing else.
RELEASE_SCHEMAS = ("marts", "meta", "staging")
IN_RELEASE = (
    "(schema_name in ('marts', 'meta') "
    "or (schema_name = 'staging' and {name} like '%\\_boundaries' escape '\\'))"
)
ALIAS = "lake"
SOURCE = "placeindex"  # the published file's own catalog name (ingest.settings.Settings.work_db)
# The author of every release snapshot: a snapshot by anyone else (a user's own table, a
# maintenance call) is not a release.
AUTHOR = "placeindex"
# httpfs: the parquet files of a lake on object storage (s3://…) are read and written through it.
EXTENSIONS = ("ducklake", "postgres", "httpfs")


logger = logging.getLogger(__name__)


class LakeError(PlaceindexError):
    pass


@dataclass(frozen=True)
class Lake:
    catalog: str  # "postgres:dbname=… host=…", as DuckLake's ATTACH takes it after "ducklake:"
    data_path: str | None = None
    keep_days: int | None = None  # None: keep every release

    @property
    def shown(self) -> str:
        """The catalog as messages print it: a password in the connection string is masked."""
        return mask_password(self.catalog)


@dataclass(frozen=True)
class Release:
    snapshot_id: int | None  # None only if the lake could not be read back after the commit
    committed_at: datetime  # when the release's snapshot was committed (UTC)
    run_id: str
    release_date: str  # YYYY-MM-DD, UTC
    source_mode: str | None
    tables: int | None
    rows: int | None


def lake_from_env(env: Mapping[str, str] | None = None) -> Lake | None:
    """The configured lake, or None when PLACEINDEX_LAKE is unset (the default: no lake)."""
    env = os.environ if env is None else env
    catalog = (env.get(LAKE_VARIABLE) or "").strip()
    if not catalog:
        return None
    catalog = catalog.removeprefix("ducklake:")
    if not catalog.startswith("postgres:"):
        raise LakeError(
            f"{LAKE_VARIABLE}={catalog!r}: expected a DuckLake catalog in PostgreSQL, "
            "postgres:dbname=NAME host=HOST [port=PORT user=USER]"
        )
    keep = (env.get(LAKE_KEEP_DAYS_VARIABLE) or "").strip()
    if keep and not (keep.isdigit() and int(keep) > 0):
        raise LakeError(
            f"{LAKE_KEEP_DAYS_VARIABLE}={keep!r}: expected a whole number of days above 0 "
            "(unset keeps every release)"
        )
    data_path = (env.get(LAKE_DATA_PATH_VARIABLE) or "").strip() or None
    if data_path and "://" not in data_path:
        # A folder: absolute, so every process resolves it alike, and ending in a separator,
        # which DuckLake expects of a prefix.
        data_path = str(Path(data_path).expanduser().resolve()) + os.sep
    return Lake(catalog=catalog, data_path=data_path, keep_days=int(keep) if keep else None)


def load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    """Load DuckLake, the PostgreSQL client and httpfs from their PyPI wheels, never the network."""
    for name in EXTENSIONS:
        try:
            con.load_extension(name)
        except duckdb.Error:
            from duckdb_extensions import import_extension

            import_extension(name, con=con)


def attach(
    con: duckdb.DuckDBPyConnection,
    lake: Lake,
    *,
    read_only: bool,
    snapshot_id: int | None = None,
    alias: str = ALIAS,
) -> None:
    load_extensions(con)
    options = []
    if read_only:
        options.append("read_only")
    elif lake.data_path:
        options.append(f"data_path {_sql_text(lake.data_path)}")
    if snapshot_id is not None:
        options.append(f"snapshot_version {int(snapshot_id)}")
    clause = f" ({', '.join(options)})" if options else ""
    try:
        con.execute(f"attach {_sql_text('ducklake:' + lake.catalog)} as {alias}{clause}")
    except duckdb.Error as exc:
        if read_only and "creating a new DuckLake is explicitly disabled" in str(exc):
            raise LakeError(
                f"lake {lake.shown} holds no releases yet (its catalog has not been created): "
                f"run `placeindex refresh` with {LAKE_VARIABLE} set to make the first"
            )
        missing_path = not read_only and not lake.data_path and "DATA_PATH" in str(exc)
        hint = (
            f" Set {LAKE_DATA_PATH_VARIABLE} to the folder or object-store prefix for its "
            "parquet files (needed once, when the lake is created)."
            if missing_path
            else ""
        )
        raise LakeError(
            f"lake {lake.shown}: could not attach it{' read-only' if read_only else ''}: "
            f"{_first_line(exc)}.{hint}"
        )


def connect(
    lake: Lake, *, read_only: bool = True, snapshot_id: int | None = None
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB session with the lake attached and in use, so `marts.x` and `meta.x`
    name its tables as they name the embedded file's."""
    con = duckdb.connect()
    try:
        attach(con, lake, read_only=read_only, snapshot_id=snapshot_id)
        con.execute(f"use {ALIAS}")
    except BaseException:
        con.close()
        raise
    return con


def ensure_lake(lake: Lake) -> None:
    """Attach the lake for writing (creating it, on first use, at its data path), or say why not."""
    con = duckdb.connect()
    try:
        attach(con, lake, read_only=False)
    finally:
        con.close()


def publish_release(
    lake: Lake,
    warehouse: Path,
    *,
    run_id: str,
    source_mode: str | None = None,
    code_sha256: str | None = None,
) -> Release:
    """Commit the marts, meta and boundary tables of a checked warehouse file as one release.

    Each table is replaced whole; tables the warehouse no longer has are dropped from the lake's
    newest snapshot (earlier releases keep them). Comments (the data dictionary) come along.
    """
    con = duckdb.connect()
    try:
        attach(con, lake, read_only=False)
        # Named as the warehouse names itself: its dbt views (the boundary layers) refer to their
        # tables through that catalog name.
        con.execute(f"attach {_sql_text(str(warehouse))} as {SOURCE} (read_only)")
        tables = con.execute(
            "select schema_name, table_name, comment from duckdb_tables() "
            f"where database_name = '{SOURCE}' and {IN_RELEASE.format(name='table_name')} "
            "union all "
            "select schema_name, view_name, comment from duckdb_views() "
            f"where database_name = '{SOURCE}' and {IN_RELEASE.format(name='view_name')} "
            "order by 1, 2"
        ).fetchall()
        if not any(schema == "marts" for schema, _, _ in tables):
            raise LakeError(f"lake {lake.shown}: {warehouse} holds no marts; no release was made")
        column_comments = con.execute(
            "select schema_name, table_name, column_name, comment from duckdb_columns() "
            f"where database_name = '{SOURCE}' and {IN_RELEASE.format(name='table_name')} "
            "and comment is not null and comment <> ''"
        ).fetchall()
        committed_at = datetime.now(UTC)
        info = {
            "run_id": run_id,
            "release_date": committed_at.date().isoformat(),
            "source_mode": source_mode,
            "code_sha256": code_sha256,
        }
        con.execute("begin transaction")
        try:
            for schema in RELEASE_SCHEMAS:
                con.execute(f"create schema if not exists {ALIAS}.{schema}")
            wanted = {(schema, name) for schema, name, _ in tables}
            for schema, name in con.execute(
                "select schema_name, table_name from duckdb_tables() "
                f"where database_name = '{ALIAS}' and schema_name in {RELEASE_SCHEMAS}"
            ).fetchall():
                if (schema, name) not in wanted:
                    con.execute(f'drop table {ALIAS}.{schema}."{name}"')
            rows = 0
            for schema, name, comment in tables:
                target = f'{ALIAS}.{schema}."{name}"'
                # Views (meta.mart_attribution) become tables: a release is data, not SQL that
                # would resolve against whatever the lake holds later.
                con.execute(
                    f'create or replace table {target} as select * from {SOURCE}.{schema}."{name}"'
                )
                if schema == "marts":
                    rows += con.execute(f"select count(*) from {target}").fetchone()[0]
                if comment:
                    con.execute(f"comment on table {target} is {_sql_text(comment)}")
            for schema, name, column, comment in column_comments:
                con.execute(
                    f'comment on column {ALIAS}.{schema}."{name}"."{column}" is {_sql_text(comment)}'
                )
            info["tables"] = sum(1 for schema, _, _ in tables if schema == "marts")
            info["rows"] = rows
            con.execute(
                f"call {ALIAS}.set_commit_message(?, ?, extra_info => ?)",
                [AUTHOR, f"release {info['release_date']} run {run_id}", json.dumps(info)],
            )
            con.execute("commit")
        except BaseException:
            # A failed commit has already ended the transaction: its error is the one to report.
            with contextlib.suppress(duckdb.Error):
                con.execute("rollback")
            raise
    except duckdb.Error as exc:
        con.close()
        conflict = (
            " Another release was committed at the same moment (one writer at a time: run "
            "refreshes through one Dagster daemon)."
            if "Failed to commit DuckLake transaction" in str(exc)
            else ""
        )
        raise LakeError(
            f"lake {lake.shown}: the release of run {run_id} was not committed: "
            f"{_first_line(exc)}.{conflict} Nothing was published."
        )
    except BaseException:
        con.close()
        raise
    try:
        if lake.keep_days:
            try:
                _expire(con, before=datetime.now(UTC) - timedelta(days=lake.keep_days))
            except duckdb.Error as exc:
                # The release is committed: housekeeping that failed must not stop its publish
                # (the lake would be ahead of the file); the next release tries again.
                logger.warning(
                    "lake %s: release of run %s committed; expiring releases older than %s days "
                    "failed: %s",
                    lake.shown,
                    run_id,
                    lake.keep_days,
                    _first_line(exc),
                )
        try:
            return [r for r in list_releases(lake, con) if r.run_id == run_id][-1]
        except duckdb.Error as exc:
            # Committed: the publish goes on; only the release's id is unknown here.
            logger.warning(
                "lake %s: release of run %s committed; reading its id failed: %s",
                lake.shown,
                run_id,
                _first_line(exc),
            )
            return Release(
                None, committed_at, run_id, info["release_date"], source_mode, None, None
            )
    finally:
        con.close()


def list_releases(lake: Lake, con: duckdb.DuckDBPyConnection | None = None) -> list[Release]:
    """Every release still in the lake, oldest first."""
    own = con is None
    if own:
        con = duckdb.connect()
        attach(con, lake, read_only=True)
    try:
        rows = con.execute(
            f"select snapshot_id, snapshot_time, commit_extra_info from {ALIAS}.snapshots() "
            "where author = ? order by snapshot_id",
            [AUTHOR],
        ).fetchall()
    finally:
        if own:
            con.close()
    releases = []
    for snapshot_id, committed_at, extra in rows:
        info = json.loads(extra or "{}")
        if "run_id" not in info:
            continue
        releases.append(
            Release(
                snapshot_id=snapshot_id,
                committed_at=committed_at.astimezone(UTC),
                run_id=info["run_id"],
                release_date=info.get("release_date") or committed_at.date().isoformat(),
                source_mode=info.get("source_mode"),
                tables=info.get("tables"),
                rows=info.get("rows"),
            )
        )
    return releases


def parse_when(text: str, *, end: bool = True) -> datetime:
    """The last instant `text` names (the first, with `end=False`), in UTC: a date is the end of
    that day; a time given to the minute or second is the end of that minute or second (so a time
    copied from `placeindex releases` names that release); a time without an offset is UTC."""
    value = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = date.fromisoformat(value)
            start, span = datetime(day.year, day.month, day.day), timedelta(days=1)
        else:
            start = datetime.fromisoformat(value)
            clock = re.split(r"[T ]", value, maxsplit=1)[1] if re.search(r"[T ]", value) else ""
            clock = re.split(r"[+Z-]", clock, maxsplit=1)[0]
            if "." in clock:
                span = timedelta(microseconds=1)
            elif clock.count(":") == 2:
                span = timedelta(seconds=1)
            elif clock.count(":") == 1:
                span = timedelta(minutes=1)
            else:
                span = timedelta(hours=1)
    except ValueError:
        raise LakeError(
            f"--as-of {text!r}: expected a date (2026-03-03) or a date and time "
            "(2026-03-03T09:30, UTC unless it names its offset)"
        ) from None
    moment = start + span - timedelta(microseconds=1) if end else start
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def release_as_of(lake: Lake, text: str) -> Release:
    """The release users saw at that moment: the newest one committed at or before it."""
    moment = parse_when(text)
    releases = list_releases(lake)
    if not releases:
        raise LakeError(f"lake {lake.shown} holds no releases yet: run `placeindex refresh`")
    earlier = [release for release in releases if release.committed_at <= moment]
    if not earlier:
        raise LakeError(
            f"--as-of {text}: the oldest release in the lake is {releases[0].snapshot_id}, "
            f"committed {releases[0].committed_at:%Y-%m-%d %H:%M:%S} UTC (any older were "
            "expired, or there were none)"
        )
    return earlier[-1]


def release_by_id(lake: Lake, snapshot_id: int | str) -> Release:
    releases = list_releases(lake)
    if not releases:
        raise LakeError(f"lake {lake.shown} holds no releases yet: run `placeindex refresh`")
    if str(snapshot_id) == "latest":
        return releases[-1]
    for release in releases:
        if str(release.snapshot_id) == str(snapshot_id):
            return release
    raise LakeError(
        f"--release {snapshot_id}: no such release in lake {lake.shown} "
        f"(`placeindex releases` lists them: {', '.join(str(r.snapshot_id) for r in releases)})"
    )


def resolve_release(lake: Lake, text: str) -> Release:
    """`latest`, a release id, or a date or time (the release users saw then)."""
    text = str(text).strip()
    if text == "latest" or text.isdigit():
        return release_by_id(lake, text)
    return release_as_of(lake, text)


def release_sources(
    lake: Lake, releases: list[Release]
) -> dict[int, list[tuple[str, str, str | None]]]:
    """Release id -> (source_id, sha256, vintage) of the files it was built from, read through
    one attach (a lake kept for years holds hundreds of releases)."""
    con = connect(lake, read_only=True)
    try:
        return {
            release.snapshot_id: con.execute(
                "select source_id, sha256, vintage from meta.source_files "
                f"at (version => {int(release.snapshot_id)}) order by source_id"
            ).fetchall()
            for release in releases
        }
    finally:
        con.close()


def expire_releases(lake: Lake, before: datetime) -> list[Release]:
    """Expire the releases committed before `before` (the newest is always kept) and delete the
    files only they used. What went."""
    before_releases = list_releases(lake)
    con = duckdb.connect()
    try:
        attach(con, lake, read_only=False)
        _expire(con, before=before)
    except duckdb.Error as exc:
        raise LakeError(f"lake {lake.shown}: could not expire releases: {_first_line(exc)}")
    finally:
        con.close()
    kept = {release.snapshot_id for release in list_releases(lake)}
    return [release for release in before_releases if release.snapshot_id not in kept]


def _expire(con: duckdb.DuckDBPyConnection, *, before: datetime) -> None:
    # DuckLake never expires the newest snapshot; `older_than` is compared with commit times.
    con.execute(
        f"call ducklake_expire_snapshots('{ALIAS}', older_than => ?::timestamptz)",
        [before.isoformat()],
    )
    con.execute(f"call ducklake_cleanup_old_files('{ALIAS}', cleanup_all => true)")


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def mask_password(text: str) -> str:
    """A libpq `password=` (quoted or not) or a URI's `user:password@` in text, masked: DuckDB's
    errors repeat the connection string."""
    text = re.sub(
        r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s\"']+)", r"\1***", text, flags=re.IGNORECASE
    )
    # postgresql://user:secret@host/db
    return re.sub(r"(://[^:/@\s\"']+:)([^@\s\"']+)(@)", r"\1***\3", text)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return mask_password(text.splitlines()[0]) if text else type(exc).__name__


if __name__ == "__main__":
    # `python -m ingest.lake resolve WHEN`: the id of the release WHEN names (the site build pins
    # PLACEINDEX_SITE_RELEASE to it once, so every page reads the same release).
    import sys

    if len(sys.argv) != 3 or sys.argv[1] != "resolve":
        raise SystemExit("usage: python -m ingest.lake resolve latest|ID|DATE")
    configured = lake_from_env()
    if configured is None:
        raise SystemExit(f"{LAKE_VARIABLE} is not set: no lake to resolve a release in")
    try:
        print(resolve_release(configured, sys.argv[2]).snapshot_id)
    except PlaceindexError as exc:
        raise SystemExit(str(exc)) from None
