"""Write-audit-publish: the only way data reaches users.

The work database is built by one writer. Publishing checkpoints it, copies it beside the published
file, records the run in `meta.refresh_runs` of the copy and which raw sources each mart is built
from in `meta.mart_sources` (with the `meta.mart_attribution` view over it), checks the copy opens
and holds the marts, and then renames it over `placeindex.duckdb` in one `os.replace`. Readers that
opened the old file keep reading it; new readers get the new one; nobody sees a half-built table or
a lock. Anything that fails before the rename leaves the published file byte-identical.

With a DuckLake configured (ingest/lake.py), the checked copy is also committed to it as a release,
after the checks and before the rename: a lake that cannot be written stops the publish, so the
lake never lacks a release the embedded file has.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.errors import PlaceindexError
from ingest.landing import now_utc
from ingest.settings import PUBLISHED_MODE

TEMP_PREFIX, TEMP_SUFFIX = ".placeindex-", ".duckdb.part"

REFRESH_RUNS_DDL = """
create table if not exists meta.refresh_runs (
    run_id varchar,
    published_at timestamptz,
    source_mode varchar,
    tables_published integer,
    rows_published bigint,
    -- The code that built it (ingest.refresh_plan.code_sha256): a refresh with the same code and
    -- the same source files has nothing to do.
    code_sha256 varchar
)
"""

# Lineage from the dbt manifest, written per publish so it always describes the marts beside it.
MART_SOURCES_DDL = """
create or replace table meta.mart_sources (
    mart_name varchar,
    source_id varchar
)
"""
# Licences such as ODbL and CC BY require attribution on every output that uses the data: this is
# what a user (and `placeindex export`) hands on with a table. Only sources that were loaded.
MART_ATTRIBUTION_DDL = """
create or replace view meta.mart_attribution as
select
    mart_sources.mart_name,
    mart_sources.source_id,
    source_files.publisher,
    source_files.licence,
    source_files.attribution,
    source_files.url,
    source_files.vintage,
    source_files.synthetic
from meta.mart_sources as mart_sources
inner join meta.source_files as source_files on mart_sources.source_id = source_files.source_id
"""


@dataclass(frozen=True)
class PublishSummary:
    path: Path
    published_at: str
    tables: dict[str, int]  # "schema.table" -> rows
    release: object | None = None  # what `release` returned (ingest.lake.Release), if given

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def table_row_counts(con: duckdb.DuckDBPyConnection, schemas: tuple[str, ...]) -> dict[str, int]:
    names = con.execute(
        "select table_schema, table_name from information_schema.tables "
        f"where table_type = 'BASE TABLE' and table_schema in ({', '.join('?' for _ in schemas)}) "
        "order by 1, 2",
        list(schemas),
    ).fetchall()
    return {
        f"{schema}.{name}": con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
        for schema, name in names
    }


def publish(
    work_db: Path,
    published_db: Path,
    *,
    run_id: str,
    source_mode: str,
    required_tables: tuple[str, ...] = (),
    mart_sources: Mapping[str, Sequence[str]] | None = None,
    code_sha256: str | None = None,
    release: Callable[[Path], object] | None = None,
) -> PublishSummary:
    """Swap a checked copy of the work database in as the published file.

    `release`, when given, is called with the checked copy (read it, never write it) before the
    swap; if it raises, nothing is published.

    `mart_sources` (`marts.<model>` -> the raw source ids upstream of it, read from the dbt
    manifest) becomes `meta.mart_sources` for the marts the copy holds. Without it the copy records
    no lineage, like a file published before lineage was recorded.
    """
    if not work_db.exists():
        raise PlaceindexError(f"publish: work database {work_db} does not exist")
    try:
        con = duckdb.connect(str(work_db))
        try:
            con.execute("checkpoint")
        finally:
            con.close()
    except duckdb.Error as exc:
        if not is_out_of_space(exc):
            raise
        # Without `from`, as below.
        raise PlaceindexError(
            f"publish: out of disk space in {work_db.parent} while writing the work database's "
            f"last changes into it ({shutil.disk_usage(work_db.parent).free / 1e6:,.0f} MB "
            f"free): {exc}. Nothing was published. Free some space, or set PLACEINDEX_HOME to a "
            "folder on a larger disk."
        )
    published_db.parent.mkdir(parents=True, exist_ok=True)
    # Copies a killed publish left behind (one run publishes at a time): each is as large as the
    # warehouse, so they would fill the disk over a few failures.
    for stale in published_db.parent.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}*"):  # and its .wal
        stale.unlink(missing_ok=True)
    handle, tmp_name = tempfile.mkstemp(
        dir=published_db.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX
    )
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        try:
            return _publish_copy(
                work_db,
                published_db,
                tmp,
                run_id=run_id,
                source_mode=source_mode,
                required_tables=required_tables,
                mart_sources=mart_sources,
                code_sha256=code_sha256,
                release=release,
            )
        except (OSError, duckdb.IOException) as exc:
            if not is_out_of_space(exc):
                raise
            tmp.unlink(missing_ok=True)
            # Without `from`: the refresh prints the deepest cause of a failure, which must be
            # this message, not the bare OSError (kept as its context).
            raise PlaceindexError(
                f"publish: out of disk space in {published_db.parent} while copying the work "
                f"database ({work_db.stat().st_size / 1e6:,.0f} MB) beside the published file "
                f"({shutil.disk_usage(published_db.parent).free / 1e6:,.0f} MB free once the "
                f"copy was removed): {exc}. Nothing was published. Free some space, or set "
                "PLACEINDEX_HOME to a folder on a larger disk."
            )
    finally:
        tmp.unlink(missing_ok=True)


# ENOSPC: the disk is full; EDQUOT: the user's quota is; EFBIG: the file passed a size limit.
OUT_OF_SPACE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
OUT_OF_SPACE_TEXTS = (
    "No space left on device",
    "Disk quota exceeded",
    "File too large",
    "database or disk is full",  # SQLite's words (Dagster's run storage)
)


def is_out_of_space(exc: BaseException) -> bool:
    """An OSError, or DuckDB's or SQLite's error (which carry only the text), for a full disk,
    here or in what caused it."""
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in OUT_OF_SPACE_ERRNOS:
            return True
        if any(text in str(exc) for text in OUT_OF_SPACE_TEXTS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _publish_copy(
    work_db: Path,
    published_db: Path,
    tmp: Path,
    *,
    run_id: str,
    source_mode: str,
    required_tables: tuple[str, ...],
    mart_sources: Mapping[str, Sequence[str]] | None,
    code_sha256: str | None,
    release: Callable[[Path], object] | None,
) -> PublishSummary:
    shutil.copyfile(work_db, tmp)
    published_at = now_utc()
    con = duckdb.connect(str(tmp))
    try:
        counts = table_row_counts(con, ("marts", "meta", "raw"))
        missing = [name for name in required_tables if name not in counts]
        if missing:
            raise PlaceindexError(
                f"publish: the work database lacks {missing}; nothing was published"
            )
        con.execute("create schema if not exists meta")
        con.execute(REFRESH_RUNS_DDL)
        _carry_publish_history(con, published_db)
        con.execute(
            "insert into meta.refresh_runs values (?, ?, ?, ?, ?, ?)",
            [
                run_id,
                published_at,
                source_mode,
                sum(1 for name in counts if name.startswith("marts.")),
                sum(rows for name, rows in counts.items() if name.startswith("marts.")),
                code_sha256,
            ],
        )
        if mart_sources is not None:
            con.execute(MART_SOURCES_DDL)
            lineage = [
                [mart, source_id]
                for mart, source_ids in sorted(mart_sources.items())
                if mart in counts
                for source_id in sorted(set(source_ids))
            ]
            if lineage:
                con.executemany("insert into meta.mart_sources values (?, ?)", lineage)
            con.execute(MART_ATTRIBUTION_DDL)
        con.execute("checkpoint")
    finally:
        con.close()
    # The copy must open read-only exactly as users will open it.
    duckdb.connect(str(tmp), read_only=True).close()
    released = release(tmp) if release is not None else None
    os.chmod(tmp, PUBLISHED_MODE)
    # On disk before the rename, and the rename on disk before success is reported: after a
    # power cut the published name holds the old file or the whole new one.
    _fsync(tmp)
    os.replace(tmp, published_db)
    _fsync(published_db.parent)
    return PublishSummary(
        path=published_db, published_at=published_at, tables=counts, release=released
    )


def _carry_publish_history(con: duckdb.DuckDBPyConnection, published_db: Path) -> None:
    """The work database holds no history of publishes; the published file does. Each copy takes
    the runs before it, so `meta.refresh_runs` answers "when was this warehouse published"."""
    if not published_db.exists():
        return
    quoted = str(published_db).replace("'", "''")
    con.execute(f"attach '{quoted}' as previous (read_only)")
    try:
        has_runs = con.execute(
            "select count(*) from information_schema.tables where table_catalog = 'previous' "
            "and table_schema = 'meta' and table_name = 'refresh_runs'"
        ).fetchone()[0]
        if has_runs:
            # By name: a file published before a column was added gives it as null.
            con.execute(
                "insert into meta.refresh_runs by name select * from previous.meta.refresh_runs"
            )
    finally:
        con.execute("detach previous")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
