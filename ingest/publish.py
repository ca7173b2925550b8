"""Write-audit-publish: the only way data reaches users.

The work database is built by one writer. Publishing checkpoints it, copies it beside the published
file, records the run in `meta.refresh_runs` of the copy and which raw sources each mart is built
from in `meta.mart_sources` (with the `meta.mart_attribution` view over it), checks the copy opens
and holds the marts, and then renames it over `placeindex.duckdb` in one `os.replace`. Readers that
opened the old file keep reading it; new readers get the new one; nobody sees a half-built table or
a lock. Anything that fails before the rename leaves the published file byte-identical.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.errors import PlaceindexError
from ingest.landing import now_utc
from ingest.settings import PUBLISHED_MODE

REFRESH_RUNS_DDL = """
create table if not exists meta.refresh_runs (
    run_id varchar,
    published_at timestamptz,
    source_mode varchar,
    tables_published integer,
    rows_published bigint
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
) -> PublishSummary:
    """Swap a checked copy of the work database in as the published file.

    `mart_sources` (`marts.<model>` -> the raw source ids upstream of it, read from the dbt
    manifest) becomes `meta.mart_sources` for the marts the copy holds. Without it the copy records
    no lineage, like a file published before lineage was recorded.
    """
    if not work_db.exists():
        raise PlaceindexError(f"publish: work database {work_db} does not exist")
    con = duckdb.connect(str(work_db))
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    published_db.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(
        dir=published_db.parent, prefix=".placeindex-", suffix=".duckdb.part"
    )
    os.close(handle)
    tmp = Path(tmp_name)
    try:
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
            con.execute(
                "insert into meta.refresh_runs values (?, ?, ?, ?, ?)",
                [
                    run_id,
                    published_at,
                    source_mode,
                    sum(1 for name in counts if name.startswith("marts.")),
                    sum(rows for name, rows in counts.items() if name.startswith("marts.")),
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
        os.chmod(tmp, PUBLISHED_MODE)
        os.replace(tmp, published_db)
    finally:
        tmp.unlink(missing_ok=True)
    return PublishSummary(path=published_db, published_at=published_at, tables=counts)
